import { z } from 'zod';
import { InventoryError, parseInput } from '../model/inventory-error.js';
import { assertIdentifier } from '../model/identifier.js';
import {
  buildInputSchema,
  checkRoleRefs,
  defineInputSchema,
  instanceIdSchema,
  relationshipInputSchema,
  type RoleRef,
} from '../model/instance-input.js';
import type { CharacteristicValues, FeatureValues, InstanceKind } from '../model/instance-kind.js';
import type { InstanceType } from '../model/instance-ref.js';
import {
  administrativeStates,
  operationalStates,
  resourceTransition,
  serviceTransition,
  usageStates,
  type ResourceLifecycleState,
  type ResourceStates,
  type ServiceState,
} from '../model/lifecycle.js';
import type { PoolBoundsInput } from '../model/pool.js';
import type { Registry } from '../model/registry.js';
import type { InstanceSnapshot } from '../model/tmf-json.js';
import type { ManagedTransaction } from 'neo4j-driver';
import type { GraphStore } from './graph-store.js';
import { buildInstance } from './instance-builder.js';
import { defineInstance } from './instance-definer.js';
import { readSnapshots } from './instance-reader.js';
import { writeRelationships } from './relationship-writer.js';
import { linkRoleRefs, sections } from './role-refs.js';
import { deletedSpecificationError, upsertSpecification } from './specification-repository.js';
import { deleteInstance, findDependents } from './instance-deleter.js';

/**
 * Instances (TMF Services and Resources): build, define, relate, lifecycle, respecify,
 * read and delete. Every write is one transaction; every read of whole instances is one
 * Cypher round trip.
 */

type KindRef = InstanceKind | string;
const kindName = (kind: KindRef) => (typeof kind === 'string' ? kind : kind.name);

/** Typed by the kind's schemas when the kind is given as a declaration; checked at run time either way. */
type ValuesOf<K> = K extends InstanceKind ? CharacteristicValues<K> : Record<string, unknown>;
type FeaturesOf<K> = K extends InstanceKind
  ? FeatureValues<K>
  : Record<string, { isEnabled?: boolean; characteristics?: Record<string, unknown> }>;

export interface BuildRequest<K> {
  id?: string;
  name?: string;
  characteristics?: ValuesOf<K>;
  features?: FeaturesOf<K>;
  parties?: RoleRef[];
  places?: RoleRef[];
  relationships?: Array<z.input<typeof relationshipInputSchema>>;
}

export interface DefineRequest<K> {
  characteristics?: ValuesOf<K>;
  features?: FeaturesOf<K>;
  pools?: Record<string, PoolBoundsInput>;
}

const equals = (expression: string) => (parameter: string) => `${expression} IN ${parameter}`;

/**
 * Attributes a list can be filtered on in Cypher, each the condition it makes of its parameter
 * — a fixed list, so nothing from a request reaches a query except as a parameter. An instance
 * without a name is listed, filtered and ordered by its id (what TMF JSON shows as its name).
 */
export const filterableAttributes = {
  id: equals('i.id'),
  name: (parameter: string) => `(i.name IN ${parameter} OR (i.name IS NULL AND i.id IN ${parameter}))`,
  kind: equals('i.kind'),
  state: equals('i.state'),
  operatingStatus: equals('i.operatingStatus'),
  lifecycleState: equals('i.lifecycleState'),
  administrativeState: equals('i.administrativeState'),
  operationalState: equals('i.operationalState'),
  usageState: equals('i.usageState'),
  category: equals('s.category'),
  specificationName: equals('s.name'),
  specificationId: equals('s.id'),
} as const satisfies Record<string, (parameter: string) => string>;
export type FilterableAttribute = keyof typeof filterableAttributes;

export interface InstanceFilter {
  kind?: string;
  name?: string;
  specificationId?: string;
  type?: InstanceType;
  /** Attribute → accepted values (any of). */
  attributes?: Partial<Record<FilterableAttribute, string[]>>;
  /** Only these instances (e.g. those a spatial search found at its places): sought by the id index. */
  ids?: string[];
}

function whereClause(filter: InstanceFilter): { where: string; params: Record<string, unknown> } {
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  const fields = { kind: 'i.kind', name: 'i.name', specificationId: 's.id', type: 'i.type' } as const;
  for (const [field, expression] of Object.entries(fields)) {
    const value = filter[field as keyof typeof fields];
    if (value === undefined) continue;
    conditions.push(`${expression} = $${field}`);
    params[field] = value;
  }
  Object.entries(filter.attributes ?? {}).forEach(([attribute, values], index) => {
    conditions.push(filterableAttributes[attribute as FilterableAttribute](`$attribute${index}`));
    params[`attribute${index}`] = values;
  });
  if (filter.ids) {
    conditions.push('i.id IN $ids');
    params.ids = filter.ids;
  }
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

const resourceStatesSchema = z.strictObject({
  administrativeState: z.enum(administrativeStates).optional(),
  operationalState: z.enum(operationalStates).optional(),
  usageState: z.enum(usageStates).optional(),
});

const matchOne = 'MATCH (i:Instance {id: $id})-[:SPECIFIED_BY]->(s:Specification)';

export class InstanceRepository {
  constructor(
    private readonly store: GraphStore,
    private readonly registry: Registry,
  ) {}

  async build<K extends KindRef>(kind: K, request: BuildRequest<K>): Promise<InstanceSnapshot> {
    const registered = this.registry.instanceKind(kindName(kind));
    const input = parseInput(buildInputSchema(registered), request, `${registered.name} build`);
    return this.store.write(async (tx) => {
      const { id, snapshot } = await buildInstance(tx, this.registry, registered, input);
      return snapshot ?? (await this.readIn(tx, id))!;
    });
  }

  async define<K extends KindRef>(kind: K, id: string, request: DefineRequest<K>): Promise<InstanceSnapshot> {
    const registered = this.registry.instanceKind(kindName(kind));
    const input = parseInput(defineInputSchema(registered), request, `${registered.name} define`);
    return this.store.write(async (tx) => {
      await this.expectKind(tx, id, registered.name);
      await defineInstance(tx, registered, id, input);
      return (await this.readIn(tx, id))!;
    });
  }

  /** Adds party or place references; the role rules hold for the whole resulting set. */
  async addRoleRefs(id: string, section: 'parties' | 'places', refs: RoleRef[]): Promise<InstanceSnapshot> {
    return this.store.write(async (tx) => {
      const current = await this.readIn(tx, id);
      if (!current) throw new InventoryError('notFound', `no instance with id ${id}`, ['id']);
      const kind = this.registry.instanceKind(current.kind);
      const all = [...current[section].map(({ role, id: refId }) => ({ role, id: refId })), ...refs];
      const problems = checkRoleRefs(kind, section, all);
      if (problems.length > 0)
        throw new InventoryError('invalidInput', `invalid ${section}: ${problems.join('; ')}`, [section]);
      await linkRoleRefs(tx, kind, id, section, refs);
      return (await this.readIn(tx, id))!;
    });
  }

  /** Removes party or place references (by role and id); returns how many went. */
  async removeRoleRefs(id: string, section: 'parties' | 'places', refs: RoleRef[]): Promise<number> {
    const { edge } = sections[section];
    const result = await this.store.write((tx) =>
      tx.run(
        `MATCH (i:Instance {id: $id}) UNWIND $refs AS ref
         MATCH (i)-[r:${edge} {role: ref.role}]->(t {id: ref.id}) DELETE r RETURN count(*) AS removed`,
        { id, refs },
      ),
    );
    return (result.records[0]?.get('removed') as number | undefined) ?? 0;
  }

  async relate(id: string, relationships: Array<z.input<typeof relationshipInputSchema>>): Promise<InstanceSnapshot> {
    const input = parseInput(z.array(relationshipInputSchema).min(1), relationships, 'relationships');
    return this.store.write(async (tx) => {
      await writeRelationships(tx, this.registry, instanceIdSchema.parse(id), input);
      return (await this.readIn(tx, id))!;
    });
  }

  /** Removes relationships from `id` by alias, or by type and target; returns how many went. */
  async unrelate(id: string, which: { alias: string } | { type: string; target: string }): Promise<number> {
    const where = 'alias' in which ? 'r.alias = $alias' : 'r.type = $type AND t.id = $target';
    const result = await this.store.write((tx) =>
      tx.run(
        `MATCH (i:Instance {id: $id})-[r:RELATES_TO]->(t:Instance) WHERE ${where} DELETE r RETURN count(*) AS removed`,
        { id, ...which },
      ),
    );
    return result.records[0]?.get('removed') as number;
  }

  /** Moves a service (TMF638 state) or a resource (TMF639 lifecycleState) along its allowed transitions. */
  async transition(id: string, to: string): Promise<InstanceSnapshot> {
    return this.store.write(async (tx) => {
      const found = await tx.run<{
        type: string;
        state: string | null;
        lifecycleState: string | null;
        startDate: string | null;
      }>(
        'MATCH (i:Instance {id: $id}) RETURN i.type AS type, i.state AS state, i.lifecycleState AS lifecycleState, i.startDate AS startDate',
        { id },
      );
      const row = found.records[0]?.toObject();
      if (!row) throw new InventoryError('notFound', `no instance with id ${id}`, ['id']);
      const now = new Date().toISOString();
      let changes: Record<string, string>;
      try {
        changes =
          row.type === 'service'
            ? { ...serviceTransition(row.state as ServiceState, to as ServiceState, now, row.startDate ?? undefined) }
            : {
                lifecycleState: resourceTransition(
                  row.lifecycleState as ResourceLifecycleState,
                  to as ResourceLifecycleState,
                ),
              };
      } catch (error) {
        throw new InventoryError('invalidState', `state: ${(error as Error).message}`, ['state']);
      }
      await tx.run('MATCH (i:Instance {id: $id}) SET i += $changes, i.updatedAt = $now', { id, changes, now });
      return (await this.readIn(tx, id))!;
    });
  }

  /** Sets a resource's administrative, operational and usage states (TMF639). */
  async setResourceStates(
    id: string,
    states: Partial<Omit<ResourceStates, 'lifecycleState'>>,
  ): Promise<InstanceSnapshot> {
    const changes = parseInput(resourceStatesSchema, states, 'resource states');
    return this.store.write(async (tx) => {
      const found = await tx.run('MATCH (i:Instance {id: $id}) RETURN i.type AS type', { id });
      const type = found.records[0]?.get('type') as string | undefined;
      if (type === undefined) throw new InventoryError('notFound', `no instance with id ${id}`, ['id']);
      if (type !== 'resource')
        throw new InventoryError('invalidInput', `id: ${id} is a service; these states belong to resources`, ['id']);
      await tx.run('MATCH (i:Instance {id: $id}) SET i += $changes, i.updatedAt = $now', {
        id,
        changes,
        now: new Date().toISOString(),
      });
      return (await this.readIn(tx, id))!;
    });
  }

  /**
   * Moves an instance to another specification: same name and same type (service or
   * resource) required. Its kind becomes the kind registered for that specification.
   */
  async respecify(id: string, specificationId: string): Promise<InstanceSnapshot> {
    const target = this.registry
      .all()
      .find((kind) => kind.category === 'instance' && kind.specification.id === specificationId);
    return this.store.write(async (tx) => {
      const found = await tx.run<{
        kind: string;
        name: string;
        type: string;
        newName: string | null;
        newType: string | null;
        stored: boolean;
        deleted: boolean;
      }>(
        `MATCH (i:Instance {id: $id})-[:SPECIFIED_BY]->(s:Specification)
         OPTIONAL MATCH (n:Specification {id: $specificationId})
         RETURN i.kind AS kind, s.name AS name, s.type AS type, n.name AS newName, n.type AS newType, n IS NOT NULL AS stored,
                n.deletedAt IS NOT NULL AS deleted`,
        { id, specificationId },
      );
      const row = found.records[0]?.toObject();
      if (!row) throw new InventoryError('notFound', `no instance with id ${id}`, ['id']);
      if (!target || target.category !== 'instance') {
        throw new InventoryError(
          'notFound',
          `specificationId: no registered kind declares specification ${specificationId}`,
          ['specificationId'],
        );
      }
      const spec = target.specification;
      if (spec.name !== row.name || spec.type !== row.type) {
        throw new InventoryError(
          'invalidInput',
          `specificationId: ${id} is a ${row.name} (${row.type}); it cannot become a ${spec.name} (${spec.type})`,
          ['specificationId'],
        );
      }
      if (row.deleted) throw deletedSpecificationError(spec);
      if (!row.stored) await upsertSpecification(tx, spec);
      const oldLabel = assertIdentifier(this.registry.labelOf(row.kind), 'label');
      const newLabel = assertIdentifier(target.label, 'label');
      await tx.run(
        `MATCH (i:Instance {id: $id})-[old:SPECIFIED_BY]->(:Specification)
         MATCH (n:Specification {id: $specificationId})
         DELETE old
         CREATE (i)-[:SPECIFIED_BY]->(n)
         REMOVE i:${oldLabel} SET i:${newLabel}, i.kind = $kind, i.updatedAt = $now`,
        { id, specificationId, kind: target.name, now: new Date().toISOString() },
      );
      return (await this.readIn(tx, id))!;
    });
  }

  async get(id: string): Promise<InstanceSnapshot> {
    const found = await this.store.read((tx) => this.readIn(tx, id));
    if (!found) throw new InventoryError('notFound', `no instance with id ${id}`, ['id']);
    return found;
  }

  /** The instance, or null, read in a transaction the caller holds. */
  async readIn(tx: ManagedTransaction, id: string): Promise<InstanceSnapshot | null> {
    return (await readSnapshots(tx, this.registry, matchOne, { id }))[0] ?? null;
  }

  /** Instances by kind, name, specification and/or type, ordered by name (or id, for one without) then id. */
  list(filter: InstanceFilter = {}, page: { offset?: number; limit?: number } = {}): Promise<InstanceSnapshot[]> {
    const { where, params } = whereClause(filter);
    const match = `MATCH (i:Instance)-[:SPECIFIED_BY]->(s:Specification) ${where}
      WITH i, s ORDER BY coalesce(i.name, i.id), i.id SKIP $offset LIMIT $limit`;
    return this.store.read((tx) =>
      readSnapshots(tx, this.registry, match, { ...params, offset: page.offset ?? 0, limit: page.limit ?? 1000 }),
    );
  }

  /** How many instances match (for X-Total-Count), without reading them. */
  async count(filter: InstanceFilter = {}): Promise<number> {
    const { where, params } = whereClause(filter);
    const result = await this.store.read((tx) =>
      tx.run(`MATCH (i:Instance)-[:SPECIFIED_BY]->(s:Specification) ${where} RETURN count(i) AS n`, params),
    );
    return result.records[0]?.get('n') as number;
  }

  /**
   * Deletes an instance with its own parts and what it holds (graph/instance-deleter.ts):
   * refused while other instances relate to it or hold values of its pools (a DeleteRefused
   * naming them), unless `cascade`, which removes those edges, never the other instances.
   */
  async delete(id: string, options: { cascade?: boolean } = {}): Promise<void> {
    const deleted = await this.store.write((tx) => deleteInstance(tx, id, options));
    if (!deleted) throw new InventoryError('notFound', `no instance with id ${id}`, ['id']);
  }

  /**
   * What would refuse deleting the instance — each instance relating to it or holding a value of
   * its pools, described as the refusal names it — read without deleting anything.
   */
  async dependents(id: string): Promise<string[]> {
    const found = await this.store.read((tx) => findDependents(tx, id));
    if (!found) throw new InventoryError('notFound', `no instance with id ${id}`, ['id']);
    return found;
  }

  private async expectKind(tx: ManagedTransaction, id: string, kind: string): Promise<void> {
    const found = await tx.run('MATCH (i:Instance {id: $id}) RETURN i.kind AS kind', { id });
    const actual = found.records[0]?.get('kind') as string | undefined;
    if (actual === undefined) throw new InventoryError('notFound', `no instance with id ${id}`, ['id']);
    if (actual !== kind) throw new InventoryError('invalidInput', `id: ${id} is a ${actual}, not a ${kind}`, ['id']);
  }
}
