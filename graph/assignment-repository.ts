import type { ManagedTransaction } from 'neo4j-driver';
import { InventoryError, parseInput } from '../model/inventory-error.js';
import { chooseFreeValue, retrySkip } from '../model/assignment-choice.js';
import {
  assignInputSchema,
  unassignInputSchema,
  type AssignInput,
  type Assignment,
  type UnassignInput,
} from '../model/assignment-input.js';
import { canAssignFrom } from '../model/lifecycle.js';
import type { AssignmentAlgorithm } from '../model/pool.js';
import { violatedConstraint, type GraphStore } from './graph-store.js';
import { assignBatch, type BatchAssigned, type BatchRequest } from './assignment-batch.js';
import { BatchesByKey } from './batches-by-key.js';
import { widenPoolHints } from './pool-hints.js';
import { freeValueCount, poolCanAssign, poolCanAssignParams } from './pool-can-assign.js';
import { instanceSnapshotQuery, toSnapshot, type SnapshotRow } from './instance-reader.js';
import type { Registry } from '../model/registry.js';
import type { InstanceSnapshot } from '../model/tmf-json.js';
import type { Near } from '../model/geo.js';
import type { RoleRef } from '../model/instance-input.js';
import type { InstanceType } from '../model/instance-ref.js';

/**
 * Pool assignments: `(owner)-[:ASSIGNED_TO {pool, thing, value, alias}]->(assignee)`.
 * A value is given at most once per pool (valueKey) and an assignee holds one assignment
 * per alias (slotKey): both are Neo4j uniqueness constraints, so concurrent assigners can
 * never both win. An auto-assign that loses a race tries again with another free value.
 * Auto-assigns made on their own are served per pool in batches (graph/assignment-batch.ts);
 * those joined to a caller's transaction, and those a batch could not serve, take the fast and
 * general paths below.
 */

const maxAttempts = 64;

type ParsedAssign = ReturnType<typeof assignInputSchema.parse>;

/**
 * What auto-assign returns: the value and its thing, then the assignee's snapshot columns when
 * they were asked for (a null specification: the assignee has none).
 */
type AutoAssigned = { value: number; thing: string } & (SnapshotRow | { specification?: null });

interface PoolState {
  ownerType: InstanceType;
  ownerState: string;
  poolFound: boolean;
  thing: string;
  first: number | null;
  last: number | null;
  algorithm: AssignmentAlgorithm | null;
  taken: number[];
  assigneeFound: boolean;
}

/** An auto-assign picked a value a concurrent assigner took first; trying again picks another. */
export class AssignmentRaceLost extends Error {
  constructor() {
    super('a concurrent assigner took the value first');
    this.name = 'AssignmentRaceLost';
  }
}

/** Candidate values one auto-assign probes through the valueKey index before it falls back to reading every taken value. */
const probes = 8;

/**
 * The fast path of auto-assign: ONE query that checks every rule, probes a few candidate
 * values through the valueKey index, takes the first free one and creates the assignment —
 * its cost does not grow with the assignments a pool has given out. The candidates come from
 * the pool's hints: no value below `lowestMaybeFree` (above `highestMaybeFree`) is free, so
 * for `lowest` (`highest`) the first free candidate counting from the hint is the lowest
 * (highest) free value, and the hint then moves past it; `random` probes uniformly random
 * values, so the first free one is uniform over the free values. For `lowest`/`highest` it
 * first takes the pool's write lock, so assigners of one pool queue instead of all racing
 * for the same value, and the hint it reads is the last one written; `random` rarely
 * collides and runs unlocked. It returns no row when a rule fails or no candidate is free
 * (a full pool, or hints left behind): the general path then reads every taken value, says
 * why, or assigns and sets both hints exactly.
 */
const autoAssign = `
MATCH (o:Instance {id: $owner})-[:HAS_POOL]->(p:Pool {name: $pool})
MATCH (x:Instance {id: $assignee})
WITH o, p, x, coalesce(p.algorithm, 'lowest') AS algorithm
FOREACH (_ IN CASE WHEN algorithm = 'random' THEN [] ELSE [1] END | SET p.lastAssignAt = timestamp())
// the bounds, the owner's state and the hints are read after the lock: the last ones written
WITH o, p, x, algorithm
WHERE ${poolCanAssign}
WITH o, p, x, algorithm,
     coalesce(p.lowestMaybeFree, p.first) AS low, coalesce(p.highestMaybeFree, p.last) AS high
WITH o, p, x, algorithm, CASE algorithm
  WHEN 'highest' THEN range(high, CASE WHEN high - ${probes} + 1 > p.first THEN high - ${probes} + 1 ELSE p.first END, -1)
  WHEN 'random' THEN [_ IN range(1, ${probes}) | p.first + toInteger(floor(rand() * (p.last - p.first + 1)))]
  ELSE range(low, CASE WHEN low + ${probes} - 1 < p.last THEN low + ${probes} - 1 ELSE p.last END) END AS candidates
WITH o, p, x, algorithm, candidates,
     [v IN candidates WHERE NOT EXISTS { MATCH ()-[t:ASSIGNED_TO {valueKey: $owner + '/' + $pool + '/' + toString(v)}]->() }] AS free
WITH o, p, x, algorithm, candidates, free, free[0] AS value
WHERE value IS NOT NULL
CREATE (o)-[a:ASSIGNED_TO]->(x)
SET a = {pool: $pool, thing: p.thing, value: value, alias: $alias,
         valueKey: $owner + '/' + $pool + '/' + toString(value),
         slotKey: CASE WHEN $alias IS NULL THEN null ELSE $assignee + '/' + $alias END}
// every candidate probed before the next free one is taken: the hint moves past them all
FOREACH (_ IN CASE WHEN algorithm = 'lowest' THEN [1] ELSE [] END | SET p.lowestMaybeFree = coalesce(free[1], candidates[-1] + 1))
FOREACH (_ IN CASE WHEN algorithm = 'highest' THEN [1] ELSE [] END | SET p.highestMaybeFree = coalesce(free[1], candidates[-1] - 1))`;

/**
 * The owner, its pool with every value it has given out, and whether the assignee exists; unless
 * the pool is random, it first takes the pool's write lock. Throws when there is no owner.
 */
async function readPoolState(tx: ManagedTransaction, input: ParsedAssign): Promise<PoolState> {
  const result = await tx.run(
    `MATCH (o:Instance {id: $owner})
     OPTIONAL MATCH (o)-[:HAS_POOL]->(p:Pool {name: $pool})
     FOREACH (_ IN CASE WHEN p IS NULL OR coalesce(p.algorithm, 'lowest') = 'random' THEN [] ELSE [1] END | SET p.lastAssignAt = timestamp())
     WITH o, p
     RETURN o.type AS ownerType, coalesce(o.state, o.lifecycleState) AS ownerState,
            p.thing AS thing, p.first AS first, p.last AS last, p.algorithm AS algorithm, p IS NOT NULL AS poolFound,
            [(o)-[a:ASSIGNED_TO]->() WHERE a.pool = $pool | a.value] AS taken,
            EXISTS { MATCH (x:Instance {id: $assignee}) } AS assigneeFound`,
    input,
  );
  const row = result.records[0]?.toObject() as PoolState | undefined;
  if (!row) throw new InventoryError('notFound', `owner: no instance with id ${input.owner}`, ['owner']);
  return row;
}

/** A pool that can assign: found, with bounds, and its owner in a state that lets it assign. */
type AssignablePool = PoolState & { first: number; last: number };

/** The pool, once it is found, the assignee exists, its owner's state lets it assign and it has bounds. */
function assignablePool(input: ParsedAssign, row: PoolState): AssignablePool {
  if (!row.poolFound)
    throw new InventoryError('notFound', `pool: instance ${input.owner} has no pool "${input.pool}"`, ['pool']);
  if (!row.assigneeFound)
    throw new InventoryError('notFound', `assignee: no instance with id ${input.assignee}`, ['assignee']);
  if (!canAssignFrom(row.ownerType, row.ownerState)) {
    throw new InventoryError('invalidState', `owner: ${input.owner} is ${row.ownerState}, so its pools cannot assign`, [
      'owner',
    ]);
  }
  if (row.first === null || row.last === null) {
    throw new InventoryError(
      'invalidState',
      `pool: ${input.owner}'s pool "${input.pool}" has no bounds yet: define first and last`,
      ['pool'],
    );
  }
  return row as AssignablePool;
}

/** The value asked for, or the free value auto picks (skipping more on each retry); throws when it cannot be given. */
function valueToAssign(input: ParsedAssign, pool: AssignablePool, attempt: number): number {
  const value =
    input.value === 'auto'
      ? chooseFreeValue(pool.first, pool.last, pool.taken, pool.algorithm ?? 'lowest', retrySkip(attempt))
      : input.value;
  if (value === undefined) {
    throw new InventoryError(
      'poolExhausted',
      `pool: ${input.owner}'s pool "${input.pool}" is exhausted (${pool.first}..${pool.last} all assigned)`,
      ['pool'],
    );
  }
  if (value < pool.first || value > pool.last) {
    throw new InventoryError(
      'invalidInput',
      `value: ${value} is outside ${input.owner}'s pool "${input.pool}" (${pool.first}..${pool.last})`,
      ['value'],
    );
  }
  if (input.value !== 'auto' && pool.taken.includes(value)) {
    throw new InventoryError('conflict', `value: ${value} of pool "${input.pool}" is already assigned`, ['value']);
  }
  return value;
}

/**
 * The pool's hints from every taken value read: the lowest and highest values free before this
 * assignment (none beyond them is free). Only under the pool's lock (not taken for random pools,
 * whose auto-assign ignores the hints) are they exact, so a random pool gets none.
 */
function exactHints(pool: AssignablePool): { lowestMaybeFree?: number; highestMaybeFree?: number } {
  return pool.algorithm === 'random'
    ? {}
    : {
        lowestMaybeFree: chooseFreeValue(pool.first, pool.last, pool.taken, 'lowest') ?? pool.last + 1,
        highestMaybeFree: chooseFreeValue(pool.first, pool.last, pool.taken, 'highest') ?? pool.first - 1,
      };
}

/** An assignment made, and the assignee as it is afterwards when it was read in the same statement. */
export interface Made {
  assignment: Assignment;
  assignee?: InstanceSnapshot;
}

/** An auto-assign waiting for its pool's batch. */
type PoolBatchRequest = BatchRequest & { owner: string; pool: string };

export class AssignmentRepository {
  /**
   * Auto-assigns made on their own (not joined to a caller's transaction), served per pool in
   * batches: concurrent callers of one pool share one transaction under its lock
   * (assignment-batch.ts). The key is the owner and the pool, each an identifier (no "/").
   */
  private readonly batches = new BatchesByKey<PoolBatchRequest, BatchAssigned>((_key, requests) =>
    this.serveBatch(requests),
  );

  constructor(private readonly store: GraphStore) {}

  /**
   * One batch of one pool's auto-assigns in one transaction; a batch a uniqueness constraint
   * refuses as a whole (a value or slot taken meanwhile by another process) answers every
   * request with undefined: each is then served alone, with its own retries and errors.
   */
  private async serveBatch(requests: PoolBatchRequest[]): Promise<BatchAssigned[]> {
    const { owner, pool } = requests[0]!;
    try {
      return await this.store.write((tx) => assignBatch(tx, owner, pool, requests));
    } catch (error) {
      if (!violatedConstraint(error)) throw error;
      return requests.map(() => undefined);
    }
  }

  /**
   * An auto-assign on its own that need not read its assignee back: served in its pool's batch,
   * which is its fast path (one that gets no value there takes the general path).
   */
  private batchable(input: ParsedAssign, registry?: Registry): boolean {
    return input.value === 'auto' && registry === undefined && !this.store.inTransaction;
  }

  async assign(request: AssignInput): Promise<Assignment> {
    return (await this.assignReading(request)).assignment;
  }

  /**
   * assign, and with `registry` the assignee as it is afterwards when the statement that
   * assigned could read it too (an auto-assign's fast path): one round trip instead of two.
   */
  async assignReading(request: AssignInput, registry?: Registry): Promise<Made> {
    const input = parseInput(assignInputSchema, request, 'assignment');
    const batchable = this.batchable(input, registry);
    if (batchable) {
      const waiting = { owner: input.owner, pool: input.pool, assignee: input.assignee, alias: input.alias };
      const given = await this.batches.submit(`${input.owner}/${input.pool}`, waiting);
      if (given) return { assignment: this.assignment(input, given.thing, given.value) };
    }
    const attemptIn = (tx: ManagedTransaction, attempt: number) => async (): Promise<Made> =>
      (batchable ? undefined : await this.tryAuto(tx, input, registry)) ?? {
        assignment: await this.assignInTransaction(tx, input, attempt),
      };
    // joined to a caller's transaction, a lost race fails it: the caller runs it again whole
    if (this.store.inTransaction) return this.store.write((tx) => attemptIn(tx, 0)());
    for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
      try {
        return await this.store.write((tx) => attemptIn(tx, attempt)());
      } catch (error) {
        if (error instanceof AssignmentRaceLost) continue;
        throw error;
      }
    }
    throw new InventoryError('conflict', `pool: gave up after ${maxAttempts} attempts lost to concurrent assigners`, [
      'pool',
    ]);
  }

  private async tryAuto(tx: ManagedTransaction, input: ParsedAssign, registry?: Registry): Promise<Made | undefined> {
    if (input.value !== 'auto') return undefined;
    const snapshot = registry ? instanceSnapshotQuery(registry) : undefined;
    const query = snapshot
      ? `${autoAssign}\nWITH a.value AS assigned, a.thing AS assignedThing, x AS i OPTIONAL MATCH (i)-[:SPECIFIED_BY]->(s:Specification)\nRETURN assigned AS value, assignedThing AS thing, ${snapshot.columns}`
      : `${autoAssign}\nRETURN a.value AS value, a.thing AS thing`;
    const result = await this.create(tx, input, () =>
      tx.run<AutoAssigned>(query, {
        ...snapshot?.params,
        ...input,
        alias: input.alias ?? null,
        ...poolCanAssignParams,
      }),
    );
    const row = result.records[0]?.toObject();
    if (!row) return undefined;
    const assignment = this.assignment(input, row.thing, row.value);
    return registry && row.specification ? { assignment, assignee: toSnapshot(row, registry) } : { assignment };
  }

  /**
   * The general path: specific values, auto when no probed candidate was free, and the
   * precise error when a rule fails. Unless the pool is random, it holds the pool's write
   * lock while it reads every taken value, so the hints it sets — the lowest and highest
   * free values — are exact.
   */
  private async assignInTransaction(tx: ManagedTransaction, input: ParsedAssign, attempt: number): Promise<Assignment> {
    const pool = assignablePool(input, await readPoolState(tx, input));
    const value = valueToAssign(input, pool, attempt);
    const props = {
      pool: input.pool,
      thing: pool.thing,
      value,
      alias: input.alias ?? null,
      valueKey: `${input.owner}/${input.pool}/${value}`,
      slotKey: input.alias ? `${input.assignee}/${input.alias}` : null,
    };
    const hints = exactHints(pool);
    await this.create(tx, input, () =>
      tx.run(
        `MATCH (o:Instance {id: $owner})-[:HAS_POOL]->(p:Pool {name: $pool}), (x:Instance {id: $assignee})
         CREATE (o)-[a:ASSIGNED_TO]->(x) SET a = $props, p += $hints`,
        { owner: input.owner, pool: input.pool, assignee: input.assignee, props, hints },
      ),
    );
    return this.assignment(input, pool.thing, value);
  }

  /** Runs a creating query, turning uniqueness violations into a lost race or a taken slot/value. */
  private async create<T>(tx: ManagedTransaction, input: ParsedAssign, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const violated = violatedConstraint(error);
      if (violated?.property === 'slotKey') {
        throw new InventoryError(
          'conflict',
          `alias: ${input.assignee} already holds an assignment in slot "${input.alias}"`,
          ['alias'],
        );
      }
      if (violated?.property === 'valueKey') {
        if (input.value === 'auto') throw new AssignmentRaceLost();
        throw new InventoryError('conflict', `value: ${input.value} of pool "${input.pool}" is already assigned`, [
          'value',
        ]);
      }
      throw error;
    }
  }

  private assignment(input: ParsedAssign, thing: string, value: number): Assignment {
    const assignment: Assignment = { owner: input.owner, pool: input.pool, thing, value, assignee: input.assignee };
    return input.alias ? { ...assignment, alias: input.alias } : assignment;
  }

  /**
   * An instance of `kind` at all the given places whose pool still has a free value and
   * whose state lets it assign — the first by id, so the choice is repeatable — or undefined.
   * A place is given by id, or (`near`) as any place in the role within a distance of a point.
   */
  async findOwnerWithFreeValue(selector: {
    kind: string;
    pool: string;
    places: Array<RoleRef | { role: string; near: Near }>;
  }): Promise<string | undefined> {
    const result = await this.store.read((tx) =>
      tx.run(
        `MATCH (o:Instance {kind: $kind})-[:HAS_POOL]->(p:Pool {name: $pool})
         WHERE ${poolCanAssign}
           AND all(place IN $places WHERE EXISTS {
                 MATCH (o)-[:AT_PLACE {role: place.role}]->(at:Place)
                 WHERE CASE WHEN place.near IS NULL THEN at.id = place.id
                       ELSE point.distance(at.location, point({longitude: place.near.longitude, latitude: place.near.latitude}))
                            <= place.near.km * 1000 END })
           AND ${freeValueCount} > 0
         RETURN o.id AS id ORDER BY o.id LIMIT 1`,
        { ...selector, ...poolCanAssignParams },
      ),
    );
    return result.records[0]?.get('id') as string | undefined;
  }

  /** Removes an assignment by (owner, pool, value) or by (assignee, alias); false if there was none. */
  async unassign(request: UnassignInput): Promise<boolean> {
    const input = parseInput(unassignInputSchema, request, 'unassignment');
    const [property, value] =
      'owner' in input
        ? ['valueKey', `${input.owner}/${input.pool}/${input.value}`]
        : ['slotKey', `${input.assignee}/${input.alias}`];
    const result = await this.store.write((tx) =>
      tx.run(
        `MATCH (o:Instance)-[a:ASSIGNED_TO]->() WHERE a.${property} = $value
         WITH o, a, a.pool AS pool, a.value AS freed
         DELETE a
         WITH o, pool, freed
         ${widenPoolHints}
         RETURN count(*) AS removed`,
        { value },
      ),
    );
    return (result.records[0]?.get('removed') as number) > 0;
  }

  /** Assignments held by an assignee, or given out by an owner. */
  async list(filter: { assignee: string } | { owner: string; pool?: string }): Promise<Assignment[]> {
    const where = 'assignee' in filter ? 'x.id = $assignee' : 'o.id = $owner AND ($pool IS NULL OR a.pool = $pool)';
    const result = await this.store.read((tx) =>
      tx.run(
        `MATCH (o:Instance)-[a:ASSIGNED_TO]->(x:Instance) WHERE ${where}
         RETURN o.id AS owner, a.pool AS pool, a.thing AS thing, a.value AS value, x.id AS assignee, a.alias AS alias
         ORDER BY owner, pool, value`,
        { pool: null, ...filter },
      ),
    );
    return result.records.map((record) => {
      const { alias, ...rest } = record.toObject() as Assignment & { alias: string | null };
      return alias === null ? rest : { ...rest, alias };
    });
  }
}
