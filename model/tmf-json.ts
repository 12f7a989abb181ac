import type { InheritedItem, InheritedValue } from './inherited-values.js';
import type { RoleRef } from './instance-input.js';
import type { InstanceRef, InstanceType } from './instance-ref.js';
import type { PartyOrPlace } from './party-kind.js';
import { poolSize } from './pool.js';
import { versionOf, type Specification } from './specification.js';

/**
 * Renders an instance read from the graph as TMF638 Service / TMF639 Resource JSON (v4
 * shape). Pure: the snapshot holds everything. Empty values are omitted and keys come in
 * a stable order.
 */

export interface NamedValue {
  name: string;
  value: unknown;
}

export interface InstanceSnapshot {
  id: string;
  kind: string;
  type: InstanceType;
  name?: string;
  specification: Specification;
  states: Record<string, string | undefined>;
  characteristics: NamedValue[];
  features: Array<{ name: string; isEnabled: boolean; characteristics: NamedValue[] }>;
  pools: Array<{
    name: string;
    thing: string;
    first?: number;
    last?: number;
    algorithm?: string;
    assignableType?: string;
    assigned: number;
  }>;
  parties: Array<PartyOrPlace & { role: string }>;
  places: Array<PartyOrPlace & { role: string }>;
  relationships: Array<{ type: string; alias?: string; target: InstanceRef; characteristics: NamedValue[] }>;
  /**
   * Values this instance holds: other instances' pools gave them to it (it is the assignee),
   * each in a slot (its alias). An expectation's `assignments` are compared with these.
   */
  assignments: Array<{
    pool: string;
    thing: string;
    value: number;
    alias?: string;
    owner: InstanceRef & { places?: RoleRef[] };
  }>;
  /** Values this instance's pools have given out: `assignedTo` relationships to the assignees. */
  givenAssignments: Array<{ pool: string; thing: string; value: number; alias?: string; assignee: InstanceRef }>;
  /** TMF notes: who wrote what, when. */
  notes?: Array<{ id: string; date: string; text: string; author?: string }>;
  /** Identifiers other systems know the instance by, one per type. */
  externalIdentifiers?: Array<{ type: string; id: string; owner?: string }>;
  /** Inherited places, parties and characteristics and field reads: computed when read, never stored. */
  inherited?: InheritedValue[];
}

const apiPath = {
  service: 'serviceInventoryManagement/v4/service',
  resource: 'resourceInventoryManagement/v4/resource',
} as const;
const specificationPath = {
  service: 'serviceCatalogManagement/v4/serviceSpecification',
  resource: 'resourceCatalogManagement/v4/resourceSpecification',
} as const;
const baseType = { service: 'Service', resource: 'Resource' } as const;

export const hrefOf = (type: InstanceType, id: string) => `${apiPath[type]}/${id}`;

/** Drops undefined values and empty arrays, keeping key order. */
function compact(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(object).filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0)),
  );
}

const byName = <T extends { name: string }>(items: T[]) => [...items].sort((a, b) => a.name.localeCompare(b.name));
const characteristicsJson = (items: NamedValue[]) =>
  byName(items)
    .filter((item) => item.value !== undefined && item.value !== null)
    .map(({ name, value }) => ({ name, value }));

function refJson(ref: InstanceRef) {
  return { id: ref.id, href: hrefOf(ref.type, ref.id), '@referredType': ref.kind };
}

/** Known inherited facts of a category: unknowns never reach TMF JSON. */
const knownInherited = (instance: InstanceSnapshot, categories: string[]) =>
  (instance.inherited ?? []).flatMap((value) =>
    value.status === 'known' && categories.includes(value.category) ? [value] : [],
  );

const inheritedFrom = (item: InheritedItem) => item.from.map(refJson);
const inheritedFromOf = (ref: object) => ('inheritedFrom' in ref ? ref.inheritedFrom : undefined);

/**
 * Inherited refs as TMF `place` / `relatedParty` entries, with the role the kind declares,
 * marked by `inheritedFrom` (the instances they were read from) so readers can tell them
 * from the instance's own refs.
 */
function inheritedRefs(instance: InstanceSnapshot, category: 'place' | 'party') {
  return knownInherited(instance, [category]).flatMap((value) =>
    value.items.map((item) => ({
      id: item.ref!.id,
      name: item.ref!.name,
      role: value.name,
      type: item.ref!.type,
      inheritedFrom: inheritedFrom(item),
    })),
  );
}

/** Inherited characteristics and field reads as characteristics: a list, or one value when collapsed; no value, no entry. */
function inheritedCharacteristics(instance: InstanceSnapshot) {
  return knownInherited(instance, ['characteristic', 'field']).flatMap((value) => {
    if (value.items.length === 0) return [];
    const from = new Map(value.items.flatMap((item) => item.from).map((ref) => [ref.id, ref]));
    return [
      {
        name: value.name,
        value: value.collapse ? value.items[0]!.value : value.items.map((item) => item.value),
        inheritedFrom: [...from.values()].map(refJson),
      },
    ];
  });
}

export function renderTmf(instance: InstanceSnapshot): Record<string, unknown> {
  const { type } = instance;
  const prefix = type; // service… / resource…
  const poolCharacteristics: NamedValue[] = instance.pools.map((pool) => ({
    name: pool.name,
    value: compact({
      thing: pool.thing,
      first: pool.first,
      last: pool.last,
      free:
        pool.first !== undefined && pool.last !== undefined
          ? poolSize({ first: pool.first, last: pool.last }) - pool.assigned
          : undefined,
      assigned: pool.assigned,
      algorithm: pool.algorithm,
      assignableType: pool.assignableType,
    }),
  }));
  const relationships = [
    ...instance.relationships.map((relationship) => ({
      relationshipType: relationship.type,
      target: relationship.target,
      characteristics: [
        ...(relationship.alias ? [{ name: 'alias', value: relationship.alias }] : []),
        ...relationship.characteristics,
      ],
    })),
    ...[...instance.givenAssignments]
      .sort((a, b) => a.pool.localeCompare(b.pool) || a.value - b.value)
      .map((assignment) => ({
        relationshipType: 'assignedTo',
        target: assignment.assignee,
        characteristics: [
          { name: assignment.thing, value: assignment.value },
          ...(assignment.alias ? [{ name: 'alias', value: assignment.alias }] : []),
        ],
      })),
  ];
  const relationshipJson = (targetType: InstanceType) =>
    relationships
      .filter((relationship) => relationship.target.type === targetType)
      .map((relationship) =>
        compact({
          relationshipType: relationship.relationshipType,
          [targetType]: refJson(relationship.target),
          [`${targetType}RelationshipCharacteristic`]: relationship.characteristics.map(({ name, value }) => ({
            name,
            value,
          })),
        }),
      );
  const supporting = (targetType: InstanceType) => {
    const seen = new Map<string, InstanceRef>();
    for (const relationship of instance.relationships)
      if (relationship.target.type === targetType) seen.set(relationship.target.id, relationship.target);
    return [...seen.values()].map(refJson);
  };
  const spec = instance.specification;
  return compact({
    id: instance.id,
    href: hrefOf(type, instance.id),
    name: instance.name,
    category: spec.category,
    description: spec.description,
    ...Object.fromEntries(Object.entries(instance.states)),
    [`${prefix}Specification`]: {
      id: spec.id,
      href: `${specificationPath[type]}/${spec.id}`,
      name: spec.name,
      version: versionOf(spec),
      '@referredType': `${baseType[type]}Specification`,
    },
    [`${prefix}Characteristic`]: [
      ...characteristicsJson([...instance.characteristics, ...poolCharacteristics]),
      ...byName(inheritedCharacteristics(instance)),
    ],
    feature: byName(instance.features).map((feature) =>
      compact({
        name: feature.name,
        isEnabled: feature.isEnabled,
        featureCharacteristic: characteristicsJson(feature.characteristics),
      }),
    ),
    serviceRelationship: relationshipJson('service'),
    resourceRelationship: relationshipJson('resource'),
    supportingService: supporting('service'),
    supportingResource: supporting('resource'),
    relatedParty: [...instance.parties, ...inheritedRefs(instance, 'party')]
      .sort((a, b) => a.role.localeCompare(b.role) || a.id.localeCompare(b.id))
      .map((party) =>
        compact({
          id: party.id,
          name: party.name,
          role: party.role,
          '@referredType': party.type,
          '@type': 'RelatedParty',
          inheritedFrom: inheritedFromOf(party),
        }),
      ),
    note: (instance.notes ?? []).map((note) =>
      compact({ id: note.id, author: note.author, date: note.date, text: note.text, '@type': 'Note' }),
    ),
    externalIdentifier: (instance.externalIdentifiers ?? []).map((identifier) =>
      compact({
        id: identifier.id,
        externalIdentifierType: identifier.type,
        owner: identifier.owner,
        '@type': 'ExternalIdentifier',
      }),
    ),
    place: [...instance.places, ...inheritedRefs(instance, 'place')]
      .sort((a, b) => a.role.localeCompare(b.role) || a.id.localeCompare(b.id))
      .map((place) =>
        compact({
          id: place.id,
          name: place.name,
          role: place.role,
          '@referredType': place.type,
          '@type': 'RelatedPlaceRefOrValue',
          inheritedFrom: inheritedFromOf(place),
        }),
      ),
    '@type': instance.kind,
    '@baseType': baseType[type],
  });
}
