import { randomUUID } from 'node:crypto';
import type { ExpectationBody } from '../expectations/expectation-schema.js';
import { translateTmfWrite, TmfWriteError, type TmfTranslation, type TmfWrite } from '../expectations/tmf/tmf-write.js';
import { expectationOfWrite } from '../expectations/tmf/write-expectation.js';
import { writeDescription } from '../expectations/tmf/write-context.js';
import type { StoredExpectation } from '../graph/expectation-repository.js';
import type { Inventory } from '../graph/inventory.js';
import { InventoryError } from '../model/inventory-error.js';
import type { InstanceSnapshot } from '../model/tmf-json.js';
import {
  settledWithin,
  submitExpectation,
  withdrawExpectation,
  type Submission,
  type SubmissionDependencies,
} from './submission.js';
import { referenceProblems } from './tmf-references.js';

/**
 * TMF writes through the engine, never around it: a POST, PATCH or DELETE on the inventory APIs
 * becomes an expectation (a new one, or a new generation of the one that governs the instance)
 * and the reconcile workflow does the work, so the Temporal history and the change events tell
 * the whole story. Each write then waits a bounded time (DIFFO_WRITE_WAIT_MS) for the engine:
 * met → done; otherwise under way (blocked included: the intent stands and the engine keeps at
 * it). A delete refused because others depend on the instance changes nothing: dependents are
 * read first, and should the engine still refuse, the expectation is put back as it was.
 */
export interface TmfWriteDependencies extends SubmissionDependencies {
  inventory: Inventory;
  /** How long a write waits for the engine before answering that it is under way, in ms. */
  waitMs: number;
}

export type WriteResult =
  /** Met within the wait: the instance as the engine left it (null: deleted). */
  | { outcome: 'done'; expectation: StoredExpectation; instance: InstanceSnapshot | null }
  /** Not settled within the wait, or blocked: the expectation says how far the engine is. */
  | { outcome: 'underway'; expectation: StoredExpectation }
  /** A PATCH that changes nothing the instance holds: no new generation. */
  | { outcome: 'unchanged'; instance: InstanceSnapshot };

/** A delete the engine may not do: the dependents, or why it was refused. */
export class DeleteRefusedOverTmf extends InventoryError {
  constructor(id: string, reason: string) {
    super('conflict', `${id} is not deleted, and nothing was changed: ${reason}`, ['id']);
    this.name = 'DeleteRefusedOverTmf';
  }
}

/** The one expectation that governs an actual, if any; two or more is a conflict the client must settle first. */
async function governingExpectation(deps: TmfWriteDependencies, actualId: string) {
  const found = await deps.expectations.expecting(actualId);
  if (found.length > 1) {
    const ids = found.map((expectation) => expectation.id).join(', ');
    throw new InventoryError('conflict', `${actualId} is expected by ${ids}: withdraw all but one (/expectations)`, [
      'id',
    ]);
  }
  return found[0];
}

/** The checked expectation body of a translated write, or a TmfWriteError naming every problem. */
async function checkedBody(
  deps: TmfWriteDependencies,
  write: TmfWrite,
  translation: TmfTranslation,
  base?: ExpectationBody,
) {
  const body = expectationOfWrite(translation, write, deps.inventory.registry, base);
  const problems = await referenceProblems(deps.inventory, translation);
  if (problems.length > 0) throw new TmfWriteError(problems, writeDescription(write));
  return body;
}

/** Under way: the expectation as the wait left it, or as it is now when the wait saw no settled generation. */
async function underway(
  deps: TmfWriteDependencies,
  expectationId: string,
  settled: StoredExpectation | undefined,
): Promise<WriteResult> {
  return { outcome: 'underway', expectation: settled ?? (await deps.expectations.get(expectationId)) };
}

/** How long to wait for the engine: not at all while Temporal has not taken the reconciler (it is down). */
const waitFor = (deps: TmfWriteDependencies, { generation, reconciler }: Submission) => ({
  generation,
  timeoutMs: reconciler === 'signalled' ? deps.waitMs : 0,
});

/** Waits for the engine, at most waitMs: done when met, else under way. */
async function outcomeOf(
  deps: TmfWriteDependencies,
  expectationId: string,
  submitted: Submission,
  actualId: string,
): Promise<WriteResult> {
  const settled = await settledWithin(deps.expectations, expectationId, waitFor(deps, submitted));
  if (settled?.status !== 'met') return underway(deps, expectationId, settled);
  const instance = (await deps.inventory.store.read((tx) => deps.inventory.instances.readIn(tx, actualId))) ?? null;
  return { outcome: 'done', expectation: settled, instance };
}

/** The id a POST builds under, refused while an instance has it or an expectation wants one there. */
async function newInstanceId(deps: TmfWriteDependencies, given: string | undefined): Promise<string> {
  if (given === undefined) return randomUUID();
  const instance = await deps.inventory.store.read((tx) => deps.inventory.instances.readIn(tx, given));
  if (instance) throw new InventoryError('conflict', `id: an instance with id ${given} already exists`, ['id']);
  const wanting = (await deps.expectations.expecting(given)).filter((expectation) => expectation.body.exists !== false);
  if (wanting.length > 0) {
    throw new InventoryError(
      'conflict',
      `id: expectation ${wanting[0]!.id} is already building an instance with id ${given}`,
      ['id'],
    );
  }
  return given;
}

/** POST: a new expectation (or a new generation of one that had the instance deleted) for the body's instance. */
export async function createThroughEngine(deps: TmfWriteDependencies, write: TmfWrite): Promise<WriteResult> {
  const translation = translateTmfWrite(write, deps.inventory.registry);
  const body = await checkedBody(deps, write, translation);
  const id = await newInstanceId(deps, translation.id);
  const submitted = await submitExpectation(deps, body, id);
  return outcomeOf(deps, id, submitted, id);
}

/** PATCH: a new generation of the expectation governing the instance (one is made when none does). */
export async function changeThroughEngine(
  deps: TmfWriteDependencies,
  write: TmfWrite & { current: NonNullable<TmfWrite['current']> },
): Promise<WriteResult> {
  const { snapshot } = write.current;
  const governing = await governingExpectation(deps, snapshot.id);
  if (governing?.body.exists === false) {
    throw new InventoryError('conflict', `${snapshot.id} is being deleted (expectation ${governing.id})`, ['id']);
  }
  const translation = translateTmfWrite(write, deps.inventory.registry);
  if (Object.keys(translation.sections).length === 0 && translation.problems.length === 0) {
    return { outcome: 'unchanged', instance: snapshot };
  }
  const body = await checkedBody(deps, write, translation, governing?.body as ExpectationBody | undefined);
  const id = governing?.id ?? snapshot.id;
  const submitted = await submitExpectation(deps, body, id);
  return outcomeOf(deps, id, submitted, snapshot.id);
}

/**
 * DELETE: the expectation governing the instance (one is made when none does) says it must not
 * exist, and the engine's delete task removes it. Refused, changing nothing, while other
 * instances depend on it.
 */
export async function deleteThroughEngine(
  deps: TmfWriteDependencies,
  snapshot: InstanceSnapshot,
): Promise<WriteResult> {
  const dependents = await deps.inventory.instances.dependents(snapshot.id);
  if (dependents.length > 0) throw new DeleteRefusedOverTmf(snapshot.id, dependents.join('; '));
  const governing = await governingExpectation(deps, snapshot.id);
  const id = governing?.id ?? snapshot.id;
  const body = { kind: snapshot.kind, exists: false, ...(id === snapshot.id ? {} : { actualId: snapshot.id }) };
  const submitted = await submitExpectation(deps, body, id);
  const settled = await settledWithin(deps.expectations, id, waitFor(deps, submitted));
  if (settled?.status === 'blocked') {
    // something came to depend on it meanwhile: put the expectation back as it was
    if (governing) await submitExpectation(deps, governing.body, id);
    else await withdrawExpectation(deps, id);
    // the engine's reason names the instance and the failure type again: keep only the dependents
    const engineSaid = `conflict: cannot delete ${snapshot.id}: `;
    const reason = settled.reason ?? 'the engine refused it';
    throw new DeleteRefusedOverTmf(
      snapshot.id,
      reason.startsWith(engineSaid) ? reason.slice(engineSaid.length) : reason,
    );
  }
  if (settled?.status === 'met') return { outcome: 'done', expectation: settled, instance: null };
  return underway(deps, id, settled);
}
