import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { instanceIdSchema } from '../model/instance-input.js';
import type { InstanceType } from '../model/instance-ref.js';
import { InventoryError, parseInput } from '../model/inventory-error.js';
import type { Registry } from '../model/registry.js';
import type { InstanceSnapshot } from '../model/tmf-json.js';
import { violatedConstraint, type CarriedWrite, type GraphStore } from './graph-store.js';
import { readSnapshotBeside } from './instance-reader.js';
import type { ManagedTransaction } from 'neo4j-driver';
import { deletedSpecificationError } from './specification-repository.js';
import { waitsForWrite } from './waits-for-repository.js';
import { writeLockOf } from './write-lock.js';

/**
 * Expectations stored in Neo4j beside the actual instances, under their own label
 * (`Expectation`, never `Instance`), with their generation, the generation last observed,
 * status, the last outstanding document, a reason when blocked, timestamps and an
 * `EXPECTS` edge to the actual instance once it exists.
 *
 * The body is checked by the caller's parser (the expectation schema derived from the kinds
 * lives in expectations/, above this layer), which throws when it is invalid: nothing invalid
 * is stored.
 */

export const expectationStatuses = ['pending', 'progressing', 'met', 'blocked'] as const;
export type ExpectationStatus = (typeof expectationStatuses)[number];

export interface StoredExpectation {
  id: string;
  kind: string;
  name?: string;
  body: Record<string, unknown>;
  generation: number;
  observedGeneration: number;
  status: ExpectationStatus;
  outstanding: unknown;
  reason?: string;
  actualId?: string;
  /** Whether the actual is a service or a resource (with actualId). */
  actualType?: InstanceType;
  createdAt: string;
  updatedAt: string;
}

/**
 * What an observation records on the expectation node: its status, what is outstanding, the
 * generation it observed, the reason when blocked and the actual's id. (The observation
 * itself, with the plan, is activities/observe-expectation.ts's `Observation`.)
 */
export interface ObservationRecord {
  status: ExpectationStatus;
  outstanding: unknown;
  observedGeneration: number;
  reason?: string;
  actualId?: string;
}

/** An expectation deleted, and when. */
export interface ExpectationDeletion {
  id: string;
  deletedAt: string;
}

/** How long a deletion is remembered for readers following `deletedSince`. */
const deletionsKeptMs = 24 * 3600_000;

/** What a page of expectations is chosen by: status, kind, and a part of the id or name (`search`, any case). */
export interface ExpectationFilter {
  status?: ExpectationStatus;
  kind?: string;
  search?: string;
}

/** A page of expectations and how many match the filter in all. */
export interface ExpectationPage {
  items: StoredExpectation[];
  total: number;
}

/** Parses a body, throwing (an InvalidExpectationError, with every problem and its path) unless it may be stored. */
export type ExpectationParser = (body: unknown) => unknown;

/**
 * The id of the specification a (parsed) body aims at: the one its actual ends up on (none for
 * `exists: false`). Stored with the expectation as `specificationId`, so deleting a specification
 * counts the expectations that use it, and a body aiming at a deleted one is refused.
 */
export type SpecificationAim = (body: unknown) => string | undefined;

/** Refuses (invalidInput, naming `specification`) a body aiming at a deleted specification; holds its lock until the write commits. */
async function refuseDeletedSpecification(tx: ManagedTransaction, specificationId: string | null): Promise<void> {
  if (specificationId === null) return;
  // the specification's write lock, as its delete takes it: one waits for the other to commit and sees what it wrote
  const result = await tx.run<{ name: string; major: number; deleted: boolean }>(
    `MATCH (s:Specification {id: $specificationId}) ${writeLockOf('s')}
     RETURN s.name AS name, s.major AS major, s.deletedAt IS NOT NULL AS deleted`,
    { specificationId },
  );
  const found = result.records[0]?.toObject();
  if (found?.deleted) throw deletedSpecificationError({ id: specificationId, name: found.name, major: found.major });
}

const fields = `e { .id, .kind, .name, .bodyJson, .generation, .observedGeneration, .status, .outstandingJson, .reason, .createdAt, .updatedAt,
                    actual: head(COLLECT { MATCH (e)-[:EXPECTS]->(i:Instance) RETURN i { .id, .type } }) }`;

/** The row `fields` projects. */
interface ExpectationRow {
  id: string;
  kind: string;
  name: string | null;
  bodyJson: string;
  generation: number;
  observedGeneration: number;
  status: ExpectationStatus;
  outstandingJson: string | null;
  reason: string | null;
  createdAt: string;
  updatedAt: string;
  actual: { id: string; type: InstanceType } | null;
}

function toExpectation(row: ExpectationRow): StoredExpectation {
  const { bodyJson, outstandingJson, name, reason, actual, ...rest } = row;
  return {
    ...rest,
    ...(name !== null ? { name } : {}),
    body: JSON.parse(bodyJson) as Record<string, unknown>,
    outstanding: outstandingJson === null ? null : (JSON.parse(outstandingJson) as unknown),
    ...(reason !== null ? { reason } : {}),
    ...(actual !== null ? { actualId: actual.id, actualType: actual.type } : {}),
  };
}

const observationRecordSchema = z.strictObject({
  status: z.enum(expectationStatuses),
  outstanding: z.unknown(),
  observedGeneration: z.number().int().min(0),
  reason: z.string().optional(),
  actualId: instanceIdSchema.optional(),
});

/** The id of a new expectation, or an invalidInput error naming `id` (never a raw parse error). */
function checkedId(id: string): void {
  const parsed = instanceIdSchema.safeParse(id);
  if (!parsed.success)
    throw new InventoryError('invalidInput', `id: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`, [
      'id',
    ]);
}

export class ExpectationRepository {
  constructor(
    private readonly store: GraphStore,
    private readonly parse: ExpectationParser,
    private readonly aim: SpecificationAim = () => undefined,
  ) {}

  private checked(body: unknown): Record<string, unknown> & { kind: string } {
    this.parse(body);
    return body as Record<string, unknown> & { kind: string };
  }

  async create(body: unknown, id: string = randomUUID()): Promise<StoredExpectation> {
    checkedId(id);
    const valid = this.checked(body);
    const now = new Date().toISOString();
    const props = {
      id,
      kind: valid.kind,
      name: typeof valid.name === 'string' ? valid.name : null,
      bodyJson: JSON.stringify(valid),
      specificationId: this.aim(valid) ?? null,
      generation: 1,
      observedGeneration: 0,
      status: 'pending',
      outstandingJson: null,
      reason: null,
      createdAt: now,
      updatedAt: now,
    };
    try {
      const result = await this.store.write(async (tx) => {
        await refuseDeletedSpecification(tx, props.specificationId);
        return tx.run<{ e: ExpectationRow }>(`CREATE (e:Expectation) SET e = $props RETURN ${fields} AS e`, { props });
      });
      return toExpectation(result.records[0]!.get('e'));
    } catch (error) {
      if (violatedConstraint(error))
        throw new InventoryError('conflict', `an expectation with id ${id} already exists`, ['id']);
      throw error;
    }
  }

  async get(id: string): Promise<StoredExpectation> {
    const found = await this.store.read((tx) => this.getIn(tx, id));
    if (!found) throw new InventoryError('notFound', `no expectation with id ${id}`, ['id']);
    return found;
  }

  /** The expectation, or undefined, read in a transaction the caller holds. */
  async getIn(tx: ManagedTransaction, id: string): Promise<StoredExpectation | undefined> {
    const result = await tx.run<{ e: ExpectationRow }>(`MATCH (e:Expectation {id: $id}) RETURN ${fields} AS e`, {
      id,
    });
    const row = result.records[0]?.get('e');
    return row ? toExpectation(row) : undefined;
  }

  /**
   * The expectation and the instance with `instanceId` (each null if there is none), read in
   * ONE round trip in a transaction the caller holds: how a task starts, with its subject
   * and the expectation it observes afterwards. With `lock` (in a write transaction), the
   * expectation's write lock is taken first and held to commit: two attempts at its work at
   * once (Temporal ran an activity again while the first was slow) take turns, and the second
   * reads what the first committed — so it finds the work done instead of doing it again.
   */
  async getWithInstanceIn(
    tx: ManagedTransaction,
    registry: Registry,
    id: string,
    instanceId: string,
    { lock = false }: { lock?: boolean } = {},
  ): Promise<{ expectation: StoredExpectation | null; instance: InstanceSnapshot | null }> {
    const { beside, snapshot } = await readSnapshotBeside<{ expectation: ExpectationRow | null }>(
      tx,
      registry,
      // the expectation is projected before `i` is bound: its fields match an `i` of their own
      {
        clause: `OPTIONAL MATCH (e:Expectation {id: $expectationId}) ${lock ? writeLockOf('e') : ''} WITH ${fields} AS expectation`,
        columns: ['expectation'],
      },
      { expectationId: id, id: instanceId },
    );
    return { expectation: beside.expectation ? toExpectation(beside.expectation) : null, instance: snapshot };
  }

  async list(filter: { status?: ExpectationStatus; kind?: string } = {}): Promise<StoredExpectation[]> {
    const result = await this.store.read((tx) =>
      tx.run<{ e: ExpectationRow }>(
        `MATCH (e:Expectation) WHERE ($status IS NULL OR e.status = $status) AND ($kind IS NULL OR e.kind = $kind)
         RETURN ${fields} AS e ORDER BY e.createdAt, e.id`,
        { status: filter.status ?? null, kind: filter.kind ?? null },
      ),
    );
    return result.records.map((record) => toExpectation(record.get('e')));
  }

  /**
   * One page of the expectations that match `filter` — status, kind, and `search` (a part of the
   * id or the name, any case) — newest first, with how many match in all: what a list of
   * 100,000 expectations is read through, a page at a time.
   */
  async page(filter: ExpectationFilter, page: { offset: number; limit: number }): Promise<ExpectationPage> {
    const where = `($status IS NULL OR e.status = $status) AND ($kind IS NULL OR e.kind = $kind)
      AND ($search IS NULL OR toLower(e.id) CONTAINS $search OR toLower(coalesce(e.name, '')) CONTAINS $search)`;
    const params = {
      status: filter.status ?? null,
      kind: filter.kind ?? null,
      search: filter.search ? filter.search.toLowerCase() : null,
      offset: page.offset,
      limit: page.limit,
    };
    const [items, total] = await this.store.read(async (tx) => {
      const rows = await tx.run<{ e: ExpectationRow }>(
        `MATCH (e:Expectation) WHERE ${where}
         WITH e ORDER BY e.createdAt DESC, e.id DESC SKIP $offset LIMIT $limit
         RETURN ${fields} AS e`,
        params,
      );
      const counted = await tx.run<{ total: number }>(
        `MATCH (e:Expectation) WHERE ${where} RETURN count(e) AS total`,
        params,
      );
      return [rows.records.map((record) => toExpectation(record.get('e'))), counted.records[0]!.get('total')] as const;
    });
    return { items, total };
  }

  /**
   * The expectations written (created, changed, observed) since `since` (an ISO time), oldest
   * change first, at most `limit`: what the live view follows, reading after a cursor.
   */
  async changedSince(since: string, limit: number): Promise<StoredExpectation[]> {
    const result = await this.store.read((tx) =>
      tx.run<{ e: ExpectationRow }>(
        `MATCH (e:Expectation) WHERE e.updatedAt > $since
         WITH e ORDER BY e.updatedAt, e.id LIMIT $limit
         RETURN ${fields} AS e`,
        { since, limit },
      ),
    );
    return result.records.map((record) => toExpectation(record.get('e')));
  }

  /**
   * The expectations of an actual instance: those its reconciler has tied to it (`EXPECTS`), and
   * the one with its id, each as long as its body still names that actual (its `actualId`, else
   * its own id).
   */
  async expecting(actualId: string): Promise<StoredExpectation[]> {
    const result = await this.store.read((tx) =>
      tx.run<{ e: ExpectationRow }>(
        `CALL () {
           MATCH (e:Expectation)-[:EXPECTS]->(:Instance {id: $actualId}) RETURN e
           UNION
           MATCH (e:Expectation {id: $actualId}) RETURN e
         }
         RETURN ${fields} AS e ORDER BY e.id`,
        { actualId },
      ),
    );
    return result.records
      .map((record) => toExpectation(record.get('e')))
      .filter((expectation) => (expectation.body.actualId ?? expectation.id) === actualId);
  }

  /**
   * Replaces the body and bumps the generation (the reconcile loop observes the new one); the
   * same body again changes nothing (a client retrying a submission makes no new generation),
   * unless the expectation is blocked: then it is a new generation, pending, so whoever submits
   * it again to try again waits for a fresh observation, not the old blocked one.
   */
  update(id: string, body: unknown): Promise<StoredExpectation> {
    return this.submit('MATCH (e:Expectation {id: $id})', id, body);
  }

  /**
   * `update` when an expectation has the id, else creates it with that id: the body is checked
   * once and written by one statement (MERGE: two submissions of a new id at once make one).
   */
  async upsert(id: string, body: unknown): Promise<StoredExpectation> {
    checkedId(id);
    return this.submit(
      // a new one starts at generation 0 without a body: the update below makes it generation 1, pending
      `MERGE (e:Expectation {id: $id})
       ON CREATE SET e.generation = 0, e.observedGeneration = 0, e.outstandingJson = null, e.reason = null,
                     e.createdAt = $now`,
      id,
      body,
    );
  }

  /** The write of update and upsert, `found` binding the expectation `e` with the id. */
  private async submit(found: string, id: string, body: unknown): Promise<StoredExpectation> {
    const valid = this.checked(body);
    const specificationId = this.aim(valid) ?? null;
    const result = await this.store.write(async (tx) => {
      await refuseDeletedSpecification(tx, specificationId);
      return tx.run<{ e: ExpectationRow }>(
        `${found}
         WITH e, coalesce(e.bodyJson <> $bodyJson, true) OR e.status = 'blocked' AS changed
         FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END |
           SET e.bodyJson = $bodyJson, e.kind = $kind, e.name = $name, e.specificationId = $specificationId,
               e.generation = e.generation + 1, e.status = 'pending', e.updatedAt = $now)
         RETURN ${fields} AS e`,
        {
          id,
          bodyJson: JSON.stringify(valid),
          kind: valid.kind,
          name: typeof valid.name === 'string' ? valid.name : null,
          specificationId,
          now: new Date().toISOString(),
        },
      );
    });
    if (result.records.length === 0) throw new InventoryError('notFound', `no expectation with id ${id}`, ['id']);
    return toExpectation(result.records[0]!.get('e'));
  }

  /**
   * Deletes the expectation and what it waited for (graph/waits-for-repository.ts), and leaves a
   * deletion record (`deletedSince`, kept for a day); the actual instance stays.
   */
  async delete(id: string): Promise<void> {
    const now = new Date();
    const clearWaits = waitsForWrite(id, []);
    const result = await this.store.write((tx) =>
      tx.run<{ removed: number }>(
        `OPTIONAL MATCH (e:Expectation {id: $id})
         DETACH DELETE e
         WITH count(e) AS removed
         CALL () { ${clearWaits.clause} }
         CALL (removed) {
           WITH removed WHERE removed > 0
           MERGE (d:ExpectationDeletion {id: $id}) SET d.deletedAt = $now
         }
         CALL () { MATCH (old:ExpectationDeletion) WHERE old.deletedAt < $forgotten DELETE old }
         RETURN removed`,
        {
          ...clearWaits.params,
          id,
          now: now.toISOString(),
          forgotten: new Date(now.getTime() - deletionsKeptMs).toISOString(),
        },
      ),
    );
    if (result.records[0]?.get('removed') === 0)
      throw new InventoryError('notFound', `no expectation with id ${id}`, ['id']);
  }

  /**
   * The expectations deleted since `since` (an ISO time), oldest first, at most `limit`: what
   * the live view tells its pages to drop, reading after a cursor.
   */
  async deletedSince(since: string, limit: number): Promise<ExpectationDeletion[]> {
    const result = await this.store.read((tx) =>
      tx.run<ExpectationDeletion>(
        `MATCH (d:ExpectationDeletion) WHERE d.deletedAt > $since
         RETURN d.id AS id, d.deletedAt AS deletedAt ORDER BY d.deletedAt, d.id LIMIT $limit`,
        { since, limit },
      ),
    );
    return result.records.map((record) => record.toObject());
  }

  /** Records what an observation found — status, outstanding, observed generation, reason, actual — and reads the expectation back. */
  async recordObservation(id: string, observation: ObservationRecord): Promise<StoredExpectation> {
    await this.record(id, observation);
    return this.get(id);
  }

  /** recordObservation without reading the result back (the reconcile loop's hot path). */
  async record(id: string, observation: ObservationRecord): Promise<void> {
    await this.store.write((tx) => this.recordIn(tx, id, observation));
  }

  /**
   * record, in a transaction the caller holds; `carrying` are other writes made by the same
   * statement (a task's change events, the expectation's waits), each in a subquery of its own
   * (their parameter maps are named apart): one round trip instead of several.
   */
  async recordIn(
    tx: ManagedTransaction,
    id: string,
    observation: ObservationRecord,
    ...carrying: Array<CarriedWrite | undefined>
  ): Promise<void> {
    const input = parseInput(observationRecordSchema, observation, 'observation');
    const carried = carrying.filter((write): write is CarriedWrite => write !== undefined);
    const result = await tx.run(
      `MATCH (e:Expectation {id: $id})
       SET e.status = $status, e.outstandingJson = $outstandingJson, e.observedGeneration = $observedGeneration,
           e.reason = $reason, e.updatedAt = $now
       WITH e
       OPTIONAL MATCH (i:Instance {id: $actualId})
       FOREACH (_ IN CASE WHEN i IS NULL THEN [] ELSE [1] END | MERGE (e)-[:EXPECTS]->(i))
       ${carried.map((write) => `WITH e CALL () { ${write.clause} }`).join('\n')}
       RETURN e.id AS id`,
      {
        ...Object.assign({}, ...carried.map((write) => write.params)),
        id,
        status: input.status,
        observedGeneration: input.observedGeneration,
        reason: input.reason ?? null,
        outstandingJson:
          input.outstanding === null || input.outstanding === undefined ? null : JSON.stringify(input.outstanding),
        actualId: input.actualId ?? null,
        now: new Date().toISOString(),
      },
    );
    if (result.records.length === 0) throw new InventoryError('notFound', `no expectation with id ${id}`, ['id']);
  }

  /**
   * The next `limit` expectations by id after `afterId` (from the first without it): how a walk
   * over every expectation (the resync sweep) reads them a page at a time. Paging by id through
   * its unique index, not by offset, so expectations added or deleted meanwhile shift no page.
   */
  async listAfter(afterId: string | undefined, limit: number): Promise<StoredExpectation[]> {
    const result = await this.store.read((tx) =>
      tx.run<{ e: ExpectationRow }>(
        `MATCH (e:Expectation) WHERE $afterId IS NULL OR e.id > $afterId
         RETURN ${fields} AS e ORDER BY e.id LIMIT $limit`,
        { afterId: afterId ?? null, limit },
      ),
    );
    return result.records.map((record) => toExpectation(record.get('e')));
  }
}
