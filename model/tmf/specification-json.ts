import type { InstanceType } from '../instance-ref.js';
import type { RegisteredInstanceKind } from '../registry.js';
import type { Role } from '../roles.js';
import { instanceTypeOf, versionOf } from '../specification.js';
import { specCharacteristicsOf } from './spec-characteristic.js';
import type { TmfVersion } from './state-vocabulary.js';
import { specificationHref, type RenderContext } from './tmf-paths.js';

/**
 * A registered instance kind's specification as TMF633 ServiceSpecification / TMF634
 * ResourceSpecification JSON, derived from the kind each time it is read. `lifecycleStatus` is
 * `Active` for the highest registered major version of a specification name and `Obsolete` for a
 * lower one still registered. Beyond TMF (diffo extensions): `poolSpecification` (each pool's
 * name and the thing it holds), `partyRole` and `placeRole` (each role's kind and cardinality)
 * and `permittedRelationship` (the relationship aliases the kind may be the source or target of).
 */
export const specificationTypeNames = { service: 'ServiceSpecification', resource: 'ResourceSpecification' } as const;

const roleView = ([role, { kind, cardinality, min, max }]: [string, Role]) => ({
  role,
  kind,
  cardinality,
  ...(min === undefined ? {} : { minCardinality: min }),
  ...(max === undefined ? {} : { maxCardinality: max }),
});

/** The instance kinds whose specification is of this type. */
export const kindsOfType = (kinds: RegisteredInstanceKind[], type: InstanceType) =>
  kinds.filter((kind) => instanceTypeOf(kind.specification.type) === type);

/** Whether no other registered kind has a specification of the same name with a higher major version. */
const isHighestMajor = (kind: RegisteredInstanceKind, kinds: RegisteredInstanceKind[]) =>
  kinds.every(
    (other) =>
      other.specification.name !== kind.specification.name || other.specification.major <= kind.specification.major,
  );

export function specificationJson(
  kind: RegisteredInstanceKind,
  kinds: RegisteredInstanceKind[],
  context: RenderContext,
  version: TmfVersion,
) {
  const { specification } = kind;
  const type = instanceTypeOf(specification.type);
  return {
    id: specification.id,
    href: specificationHref(context, version, type, specification.id),
    name: specification.name,
    version: versionOf(specification),
    ...(specification.description === undefined ? {} : { description: specification.description }),
    ...(specification.category === undefined ? {} : { category: specification.category }),
    lifecycleStatus: isHighestMajor(kind, kinds) ? ('Active' as const) : ('Obsolete' as const),
    specCharacteristic: specCharacteristicsOf(kind.characteristics),
    featureSpecification: Object.values(kind.features).map((feature) => ({
      name: feature.name,
      isEnabled: feature.enabled,
      featureSpecCharacteristic: specCharacteristicsOf(feature.characteristics),
    })),
    poolSpecification: Object.entries(kind.pools).map(([name, thing]) => ({ name, thing })),
    partyRole: Object.entries(kind.parties).map(roleView),
    placeRole: Object.entries(kind.places).map(roleView),
    permittedRelationship: kind.relationships,
    '@type': specificationTypeNames[type],
  };
}
