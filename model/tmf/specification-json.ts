import type { InstanceType } from '../instance-ref.js';
import type { RegisteredInstanceKind } from '../registry.js';
import type { Role } from '../roles.js';
import { instanceTypeOf, versionOf, type Specification } from '../specification.js';
import { specCharacteristicsOf, type SpecCharacteristic } from './spec-characteristic.js';
import type { TmfVersion } from './state-vocabulary.js';
import { specificationHref, type RenderContext } from './tmf-paths.js';

/**
 * The specification catalog as TMF633 ServiceSpecification / TMF634 ResourceSpecification JSON, in
 * the words of each API version (checked against the official files by the tests):
 *
 * - the characteristics are `specCharacteristic` (TMF633) or `resourceSpecCharacteristic` (TMF634);
 *   their allowed values are `characteristicValueSpecification` (TMF633 v4, and v5 of both),
 *   `resourceSpecCharacteristicValue` (TMF634 v4), and, inside a feature,
 *   `featureSpecCharacteristicValue` (v4 of both);
 * - v5 types every entry (`@type`: `CharacteristicSpecification`, `FeatureSpecification`, and
 *   `StringCharacteristicValueSpecification` and the like for a value, as the TMF634 v5 examples do).
 *
 * A registered kind's specification shows what the kind declares, derived from the kind each time
 * it is read. `lifecycleStatus` is `Active` for the highest major version of a name among the
 * registered kinds, `Retired` for a lower one still registered (superseded, still reconciled), and
 * `Obsolete` for a specification stored in the graph whose kind is no longer registered (nothing
 * reconciles it; it shows only what the stored node holds). A deleted specification is not in the
 * catalog. Beyond TMF (diffo extensions): `poolSpecification` (each pool's name and the thing it
 * holds), `partyRole` and `placeRole` (each role's kind and cardinality) and `permittedRelationship`
 * (the relationship aliases the kind may be the source or target of).
 */
export const specificationTypeNames = { service: 'ServiceSpecification', resource: 'ResourceSpecification' } as const;

export const specificationLifecycles = ['Active', 'Retired', 'Obsolete'] as const;
export type SpecificationLifecycle = (typeof specificationLifecycles)[number];

/** One catalog entry: a specification, its kind when registered, and its lifecycle status. */
export interface CatalogEntry {
  specification: Specification;
  kind?: RegisteredInstanceKind;
  lifecycleStatus: SpecificationLifecycle;
}

/** The instance kinds whose specification is of this type. */
export const kindsOfType = (kinds: RegisteredInstanceKind[], type: InstanceType) =>
  kinds.filter((kind) => instanceTypeOf(kind.specification.type) === type);

/** Whether no other kind has a specification of the same name with a higher major version. */
const isHighestMajor = (kind: RegisteredInstanceKind, kinds: RegisteredInstanceKind[]) =>
  kinds.every(
    (other) =>
      other.specification.name !== kind.specification.name || other.specification.major <= kind.specification.major,
  );

/**
 * The catalog of one type: every registered kind's specification that is not deleted (its version
 * as stored, when stored: minor and patch bumps live in the graph), then every stored one no
 * registered kind declares, Obsolete. `stored` is what the graph holds, `deleted` the ids deleted.
 */
export function catalogEntries(
  kinds: RegisteredInstanceKind[],
  stored: Specification[],
  deleted: ReadonlySet<string>,
  type: InstanceType,
): CatalogEntry[] {
  const live = kindsOfType(kinds, type).filter((kind) => !deleted.has(kind.specification.id));
  const storedById = new Map(stored.map((specification) => [specification.id, specification]));
  const registered = live.map((kind): CatalogEntry => {
    const specification = storedById.get(kind.specification.id) ?? kind.specification;
    return { specification, kind, lifecycleStatus: isHighestMajor(kind, live) ? 'Active' : 'Retired' };
  });
  const declared = new Set(kinds.map((kind) => kind.specification.id));
  const gone = stored
    .filter((specification) => instanceTypeOf(specification.type) === type)
    .filter(({ id }) => !declared.has(id) && !deleted.has(id))
    .map((specification): CatalogEntry => ({ specification, lifecycleStatus: 'Obsolete' }));
  return [...registered, ...gone];
}

const roleView = ([role, { kind, cardinality, min, max }]: [string, Role]) => ({
  role,
  kind,
  cardinality,
  ...(min === undefined ? {} : { minCardinality: min }),
  ...(max === undefined ? {} : { maxCardinality: max }),
});

/** Where a characteristic specification sits: directly in the specification, or in a feature. */
export type CharacteristicHolder = InstanceType | 'feature';

/** The name of the allowed-values list of a characteristic specification, by version and holder. */
export const valuesField: Record<TmfVersion, Record<CharacteristicHolder, string>> = {
  v4: {
    service: 'characteristicValueSpecification',
    resource: 'resourceSpecCharacteristicValue',
    feature: 'featureSpecCharacteristicValue',
  },
  v5: {
    service: 'characteristicValueSpecification',
    resource: 'characteristicValueSpecification',
    feature: 'characteristicValueSpecification',
  },
};

/** The name of the characteristic specifications list of a specification, by type. */
export const characteristicsField = { service: 'specCharacteristic', resource: 'resourceSpecCharacteristic' } as const;

const typedValue: Record<string, string> = {
  string: 'StringCharacteristicValueSpecification',
  integer: 'IntegerCharacteristicValueSpecification',
  number: 'NumberCharacteristicValueSpecification',
  boolean: 'BooleanCharacteristicValueSpecification',
};

function characteristicJson(characteristic: SpecCharacteristic, version: TmfVersion, holder: CharacteristicHolder) {
  const { values, ...rest } = characteristic;
  const typed = version === 'v5';
  const valueJson = ({ value, valueType }: { value: unknown; valueType: string }) => ({
    value,
    valueType,
    ...(typed ? { '@type': typedValue[valueType] ?? 'CharacteristicValueSpecification' } : {}),
  });
  return {
    ...rest,
    ...(values ? { [valuesField[version][holder]]: values.map(valueJson) } : {}),
    ...(typed ? { '@type': 'CharacteristicSpecification' } : {}),
  };
}

/** What a registered kind declares, in the words of `version`. */
function declaredJson(kind: RegisteredInstanceKind, version: TmfVersion, type: InstanceType) {
  const typed = version === 'v5';
  return {
    [characteristicsField[type]]: specCharacteristicsOf(kind.characteristics).map((characteristic) =>
      characteristicJson(characteristic, version, type),
    ),
    featureSpecification: Object.values(kind.features).map((feature) => ({
      name: feature.name,
      isEnabled: feature.enabled,
      featureSpecCharacteristic: specCharacteristicsOf(feature.characteristics).map((characteristic) =>
        characteristicJson(characteristic, version, 'feature'),
      ),
      ...(typed ? { '@type': 'FeatureSpecification' } : {}),
    })),
    poolSpecification: Object.entries(kind.pools).map(([name, thing]) => ({ name, thing, ...kind.poolLimits[name] })),
    partyRole: Object.entries(kind.parties).map(roleView),
    placeRole: Object.entries(kind.places).map(roleView),
    permittedRelationship: kind.relationships,
  };
}

export function specificationJson(entry: CatalogEntry, context: RenderContext, version: TmfVersion) {
  const { specification, kind, lifecycleStatus } = entry;
  const type = instanceTypeOf(specification.type);
  return {
    id: specification.id,
    href: specificationHref(context, version, type, specification.id),
    name: specification.name,
    version: versionOf(specification),
    ...(specification.description === undefined ? {} : { description: specification.description }),
    ...(specification.category === undefined ? {} : { category: specification.category }),
    isBundle: false,
    lifecycleStatus,
    ...(kind ? declaredJson(kind, version, type) : {}),
    '@type': specificationTypeNames[type],
  };
}
