import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { InventoryError } from '../model/inventory-error.js';
import { assertIdentifier } from '../model/identifier.js';
import type { PartyOrPlaceDetail, RelatedPartyOrPlace } from '../model/party-kind.js';
import { nestedAttributes } from '../model/party-place-attributes.js';
import {
  checkPartyOrPlace,
  type CheckedPartyOrPlace,
  type InputPaths,
  type PartyOrPlaceInput,
} from '../model/party-place-input.js';
import type { RegisteredPartyOrPlaceKind, Registry } from '../model/registry.js';
import { violatedConstraint, type GraphStore } from './graph-store.js';
import { sections } from './role-refs.js';
import { writeLockOf } from './write-lock.js';

/**
 * Parties (who) and places (where): nodes labelled `Party` or `Place` plus their kind's label,
 * with an id that may be meaningful (an ABN, a data-centre code). Reference data: written here
 * directly, not through expectations, but every write is checked against the kind first
 * (model/party-place-input.ts) and runs as one transaction, so a refused write writes nothing.
 *
 * Storage: `id`, `name`, `kind`, `type`; each TMF attribute a property of the node under its TMF
 * name — scalars as they are, objects and lists (`existsDuring`, `place`, `geoJson`, …) as JSON
 * strings; the characteristics as one JSON string `characteristics`. A place with a position has
 * `location`, a WGS-84 2D point (a polygon's centroid, its polygon as GeoJSON in `geometry`).
 * Relations to other parties and places: `RELATED_PARTY {role}` / `AT_PLACE {role}` edges.
 */

/** Node properties that are not attributes. */
const ownProperties = new Set(['id', 'name', 'kind', 'type', 'characteristics', 'location', 'geometry']);

/** The node properties of a checked party or place (but `location`, set from `position` as a point). */
function propertiesOf(id: string, kind: RegisteredPartyOrPlaceKind, checked: CheckedPartyOrPlace) {
  const attributes = Object.fromEntries(
    Object.entries(checked.attributes).map(([key, value]) => [
      key,
      nestedAttributes.has(key) ? JSON.stringify(value) : value,
    ]),
  );
  const hasCharacteristics = Object.keys(checked.characteristics).length > 0;
  return {
    ...attributes,
    id,
    name: checked.name ?? null,
    kind: kind.name,
    type: kind.type,
    characteristics: hasCharacteristics ? JSON.stringify(checked.characteristics) : null,
    geometry: checked.position?.geometry ? JSON.stringify(checked.position.geometry) : null,
  };
}

const setProperties = `SET p = $props, p.location = CASE WHEN $location IS NULL THEN null ELSE point($location) END`;

type Row = { props: Record<string, unknown>; related: Array<RelatedPartyOrPlace & { name: string | null }> };

function detailOf({ props, related }: Row): PartyOrPlaceDetail {
  const attributes = Object.fromEntries(
    Object.entries(props)
      .filter(([key]) => !ownProperties.has(key))
      .map(([key, value]) => [key, nestedAttributes.has(key) ? JSON.parse(value as string) : value]),
  );
  const { id, name, kind, type, characteristics } = props as Record<string, string | undefined>;
  return {
    id: id!,
    ...(name ? { name } : {}),
    kind: kind!,
    type: type!,
    attributes,
    characteristics: characteristics ? (JSON.parse(characteristics) as Record<string, unknown>) : {},
    related: related.map(({ name: relatedName, ...rest }) =>
      relatedName === null ? rest : { ...rest, name: relatedName },
    ),
  };
}

const detailReturn = `RETURN properties(p) AS props,
  [(p)-[r:RELATED_PARTY|AT_PLACE]->(t) WHERE t:Party OR t:Place |
    {role: r.role, section: CASE WHEN t:Party THEN 'parties' ELSE 'places' END, id: t.id, name: t.name, kind: t.kind, type: t.type}] AS related`;

/** Whether an expectation body names the party or place `id` in a `parties` or `places` list, anywhere. */
function namesIn(value: unknown, id: string, underRoles = false): boolean {
  if (Array.isArray(value)) return value.some((item) => namesIn(item, id, underRoles));
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(
    ([key, inner]) =>
      (underRoles && key === 'id' && inner === id) || namesIn(inner, id, key === 'parties' || key === 'places'),
  );
}

export class PartyPlaceRepository {
  constructor(
    private readonly store: GraphStore,
    private readonly registry: Registry,
    private readonly category: 'party' | 'place',
  ) {}

  private get baseLabel(): 'Party' | 'Place' {
    return this.category === 'party' ? 'Party' : 'Place';
  }

  private kindOf(kindName: string): RegisteredPartyOrPlaceKind {
    return this.category === 'party' ? this.registry.partyKind(kindName) : this.registry.placeKind(kindName);
  }

  /** Creates a party or place of a kind, checked against it first; a conflict when the id is taken. */
  async create(kindName: string, input: PartyOrPlaceInput, paths?: InputPaths): Promise<PartyOrPlaceDetail> {
    const kind = this.kindOf(kindName);
    const checked = checkPartyOrPlace(kind, input, paths);
    const id = checked.id ?? randomUUID();
    const label = assertIdentifier(kind.label, 'label');
    try {
      return await this.store.write(async (tx) => {
        await tx.run(`CREATE (p:${this.baseLabel}:${label}) ${setProperties}`, {
          props: propertiesOf(id, kind, checked),
          location: checked.position?.location ?? null,
        });
        for (const ref of checked.related) await this.linkIn(tx, id, kind, ref);
        return this.detailIn(tx, id);
      });
    } catch (error) {
      if (violatedConstraint(error))
        throw new InventoryError('conflict', `id: a ${this.category} with id ${id} already exists`, ['id']);
      throw error;
    }
  }

  /**
   * Replaces what a party or place holds — name, attributes, characteristics, relations — with
   * what `change` makes of its current detail, checked against its kind first. Its id and kind
   * stay. Read, change and write are one transaction that holds the node's write lock from the
   * start, so two changes at once are applied one after the other: neither is lost.
   */
  async update(
    id: string,
    change: (current: PartyOrPlaceDetail) => Omit<PartyOrPlaceInput, 'id'>,
    paths?: InputPaths,
  ): Promise<PartyOrPlaceDetail> {
    return this.store.write(async (tx) => {
      // a write takes the node's lock, held until commit: a concurrent update waits here and then reads this one's result
      await tx.run(`MATCH (p:${this.baseLabel} {id: $id}) ${writeLockOf('p')}`, { id });
      const current = await this.detailIn(tx, id);
      const kind = this.kindOf(current.kind);
      const checked = checkPartyOrPlace(kind, change(current), paths);
      await tx.run(
        `MATCH (p:${this.baseLabel} {id: $id})
         OPTIONAL MATCH (p)-[r:RELATED_PARTY|AT_PLACE]->(t) WHERE t:Party OR t:Place
         DELETE r
         WITH DISTINCT p ${setProperties}`,
        { id, props: propertiesOf(id, kind, checked), location: checked.position?.location ?? null },
      );
      for (const ref of checked.related) await this.linkIn(tx, id, kind, ref);
      return this.detailIn(tx, id);
    });
  }

  /**
   * Deletes a party or place no instance, expectation, party or place refers to; otherwise a
   * conflict naming them, and nothing is deleted.
   */
  async delete(id: string): Promise<void> {
    await this.store.write(async (tx) => {
      await this.detailIn(tx, id);
      const referrers = await this.referrersIn(tx, id);
      if (referrers.length > 0) {
        throw new InventoryError(
          'conflict',
          `${id} is not deleted, and nothing was changed: ${referrers.join('; ')} refer to it`,
          ['id'],
        );
      }
      await tx.run(`MATCH (p:${this.baseLabel} {id: $id}) DETACH DELETE p`, { id });
    });
  }

  /** Who refers to the party or place: instances and parties or places (with the role), expectations naming it. */
  private async referrersIn(tx: ManagedTransaction, id: string): Promise<string[]> {
    const found = await tx.run(
      `MATCH (p:${this.baseLabel} {id: $id})
       RETURN [(i:Instance)-[r:RELATED_PARTY|AT_PLACE]->(p) | i.id + ' (' + r.role + ')'] AS instances,
              [(q)-[r:RELATED_PARTY|AT_PLACE]->(p) WHERE q:Party OR q:Place | q.id + ' (' + r.role + ')'] AS others,
              COLLECT { MATCH (e:Expectation) WHERE e.bodyJson CONTAINS $quoted RETURN [e.id, e.bodyJson] } AS expectations`,
      { id, quoted: JSON.stringify(id) },
    );
    const record = found.records[0]!;
    const sorted = (key: string) => [...new Set(record.get(key) as string[])].sort();
    const expectations = (record.get('expectations') as Array<[string, string]>)
      .filter(([, body]) => namesIn(JSON.parse(body), id))
      .map(([expectationId]) => expectationId)
      .sort();
    return [
      ...(sorted('instances').length ? [`instances ${sorted('instances').join(', ')}`] : []),
      ...(expectations.length ? [`expectations ${expectations.join(', ')}`] : []),
      ...(sorted('others').length ? [`parties or places ${sorted('others').join(', ')}`] : []),
    ];
  }

  /**
   * Relates this party (or place) to another party or place in a role its kind declares
   * towards that kind (e.g. an Engineer's `employer` is a Tenant). Idempotent.
   */
  async relate(id: string, role: string, target: { section: 'parties' | 'places'; id: string }): Promise<void> {
    await this.store.write(async (tx) => {
      const self = await this.detailIn(tx, id);
      const kind = this.kindOf(self.kind);
      if (!kind.roles[target.section][role]) {
        throw new InventoryError(
          'invalidInput',
          `role: ${kind.name} declares no role "${role}" towards ${target.section} (declared: ${Object.keys(kind.roles[target.section]).join(', ') || 'none'})`,
          ['role'],
        );
      }
      await this.linkIn(tx, id, kind, { role, ...target }, 'target', 'notFound');
    });
  }

  /** Links to a target of a kind the (declared) role takes; `field` names the target in errors. */
  private async linkIn(
    tx: ManagedTransaction,
    id: string,
    kind: RegisteredPartyOrPlaceKind,
    ref: { role: string; section: 'parties' | 'places'; id: string },
    field = `${ref.section === 'parties' ? 'relatedParty' : 'place'} ${ref.id}`,
    missing: 'notFound' | 'invalidInput' = 'invalidInput',
  ): Promise<void> {
    const allowedKinds = kind.roles[ref.section][ref.role] ?? [];
    const { label: targetLabel, edge } = sections[ref.section];
    const found = await tx.run(`MATCH (t:${targetLabel} {id: $target}) RETURN t.kind AS kind`, { target: ref.id });
    const targetKind = found.records[0]?.get('kind') as string | undefined;
    if (targetKind === undefined)
      throw new InventoryError(missing, `${field}: no ${targetLabel.toLowerCase()} with id ${ref.id}`, [field]);
    if (!allowedKinds.includes(targetKind)) {
      throw new InventoryError(
        'invalidInput',
        `${field}: ${ref.id} is a ${targetKind}; role "${ref.role}" takes ${allowedKinds.join(' or ')}`,
        [field],
      );
    }
    await tx.run(
      `MATCH (p:${this.baseLabel} {id: $id}), (t:${targetLabel} {id: $target}) MERGE (p)-[:${edge} {role: $role}]->(t)`,
      { id, target: ref.id, role: ref.role },
    );
  }

  /** The parties and places this one is related to, by role. */
  async related(id: string): Promise<Array<{ role: string; id: string; kind: string }>> {
    const { related } = await this.get(id);
    return related
      .map(({ role, id: relatedId, kind }) => ({ role, id: relatedId, kind }))
      .sort((a, b) => a.role.localeCompare(b.role) || a.id.localeCompare(b.id));
  }

  get(id: string): Promise<PartyOrPlaceDetail> {
    return this.store.read((tx) => this.detailIn(tx, id));
  }

  private async detailIn(tx: ManagedTransaction, id: string): Promise<PartyOrPlaceDetail> {
    const found = await tx.run(`MATCH (p:${this.baseLabel} {id: $id}) ${detailReturn}`, { id });
    const record = found.records[0];
    if (!record) throw new InventoryError('notFound', `no ${this.category} with id ${id}`, ['id']);
    return detailOf(record.toObject() as Row);
  }

  /** The parties (or places) of a TMF type, or of a kind, by id. */
  async list(filter: { type?: string; kind?: string } = {}): Promise<PartyOrPlaceDetail[]> {
    const found = await this.store.read((tx) =>
      tx.run(
        `MATCH (p:${this.baseLabel})
         WHERE ($type IS NULL OR p.type = $type) AND ($kind IS NULL OR p.kind = $kind)
         WITH p ORDER BY p.id ${detailReturn}`,
        { type: filter.type ?? null, kind: filter.kind ?? null },
      ),
    );
    return found.records.map((record) => detailOf(record.toObject() as Row));
  }
}
