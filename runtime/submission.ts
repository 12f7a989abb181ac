import { setTimeout as sleep } from 'node:timers/promises';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import type { ExpectationBody } from '../expectations/expectation-schema.js';
import { actualIdOf } from '../expectations/planner.js';
import type { ExpectationRepository, StoredExpectation } from '../graph/expectation-repository.js';
import { signalAgainLater } from './signal-retry.js';
import { isTemporalUnreachable } from './temporal-availability.js';
import {
  expectationChanged,
  expectationDeleted,
  reconcileTaskQueue,
  workflowIdOf,
} from '../workflows/reconcile-messages.js';
import { ExpectationId, KindName, ReconcileStatus } from '../workflows/search-attributes.js';
import { reconcile, type ReconcileInput } from '../workflows/reconcile.js';

/**
 * Submitting intents: validate → store (new, or a new generation of an existing one) →
 * signal-with-start the expectation's reconcile workflow, so submitting twice never starts
 * two. Then follow its status until met or blocked.
 */

export interface Submission {
  id: string;
  generation: number;
  workflowId: string;
  /**
   * `signalled`: its reconciler runs and will observe this generation. `waitingForTemporal`: the
   * expectation is stored, but Temporal did not answer the signal in time; the reconciler starts
   * when Temporal is back (this process signals again every second while it runs; a running
   * worker resyncs on the return of a Temporal it saw down, a starting worker at once).
   */
  reconciler: 'signalled' | 'waitingForTemporal';
  /** Why the reconciler was not signalled (with `waitingForTemporal`). */
  reason?: string;
}

export interface SubmissionDependencies {
  client: Client;
  expectations: ExpectationRepository;
  taskQueue?: string;
  /** How long a signal may take before Temporal counts as unavailable (default `signalDeadlineMs`). */
  signalDeadlineMs?: number;
}

/**
 * How long signalling a reconciler may take: Temporal answers in milliseconds, and while it is
 * down the client would retry for ~20 s. Kept above the worker's outage probe interval, so an
 * outage that fails a signal is an outage the worker sees (and resyncs after).
 */
export const signalDeadlineMs = 2_000;

/** An expectation as a reconciler's start needs it: its id and kind, and its name and body when known. */
type Reconciled = Pick<StoredExpectation, 'id' | 'kind'> & Partial<Pick<StoredExpectation, 'name' | 'body'>>;

/**
 * The options that start the expectation's reconciler. A new workflow starts with its search
 * attributes and memo already set, so it need not spend history events upserting them.
 */
function reconcilerStart(deps: SubmissionDependencies, expectation: Reconciled) {
  const actualId = actualIdOf(expectation.id, (expectation.body ?? {}) as ExpectationBody);
  return {
    workflowId: workflowIdOf(expectation.id),
    taskQueue: deps.taskQueue ?? reconcileTaskQueue,
    args: [{ expectationId: expectation.id }] as [ReconcileInput],
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    memo: { name: expectation.name ?? null, actualId },
    // a new reconciler starts progressing: it need not upsert that (a history event and a visibility write) itself
    typedSearchAttributes: [
      { key: ExpectationId, value: expectation.id },
      { key: KindName, value: expectation.kind },
      { key: ReconcileStatus, value: 'progressing' },
    ],
  };
}

/** Runs a call to Temporal that must answer within the signal deadline. */
export function withinSignalDeadline<T>(
  deps: Pick<SubmissionDependencies, 'client' | 'signalDeadlineMs'>,
  call: () => Promise<T>,
): Promise<T> {
  return deps.client.withDeadline(Date.now() + (deps.signalDeadlineMs ?? signalDeadlineMs), call);
}

/** Signal-with-start of the expectation's reconciler: a running one observes again, a missing one starts. */
export async function signalReconciler(deps: SubmissionDependencies, expectation: Reconciled): Promise<string> {
  const start = reconcilerStart(deps, expectation);
  await withinSignalDeadline(deps, () =>
    deps.client.workflow.signalWithStart(reconcile, { ...start, signal: expectationChanged, signalArgs: [] }),
  );
  return start.workflowId;
}

/**
 * Starts the expectation's reconciler unless one is running: a running one is left alone — no
 * event in its history, no workflow task, no observation (WorkflowIdConflictPolicy USE_EXISTING).
 */
export async function startReconciler(deps: SubmissionDependencies, expectation: Reconciled): Promise<string> {
  const start = reconcilerStart(deps, expectation);
  await withinSignalDeadline(deps, () =>
    deps.client.workflow.start(reconcile, {
      ...start,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    }),
  );
  return start.workflowId;
}

/**
 * Stores the intent (creating it, or updating it when `id` names an existing one) and wakes its
 * reconciler. When Temporal cannot be reached, the stored intent is not reported as failed: the
 * submission says `waitingForTemporal` (submitting the same intent again changes nothing but
 * signals again). A refusal by a Temporal that answered (an unknown namespace, an unregistered
 * search attribute) is thrown: waiting for a return would hide the misconfiguration.
 */
export async function submitExpectation(
  deps: SubmissionDependencies,
  intent: unknown,
  id?: string,
): Promise<Submission> {
  // a new generation of the expectation with this id, or a new one if there is none
  const stored: StoredExpectation =
    id === undefined ? await deps.expectations.create(intent) : await deps.expectations.upsert(id, intent);
  const submission = { id: stored.id, generation: stored.generation, workflowId: workflowIdOf(stored.id) };
  try {
    await signalReconciler(deps, stored);
    return { ...submission, reconciler: 'signalled' };
  } catch (error) {
    if (!isTemporalUnreachable(error)) throw error;
    // an outage too short for the worker's watcher to see would leave it unsignalled until the scheduled resync
    signalAgainLater(deps.client, stored.id, () => signalReconciler(deps, stored));
    const { message, cause } = error as Error;
    const reason = `Temporal unavailable: ${message}${cause instanceof Error ? ` (${cause.message})` : ''}`;
    return { ...submission, reconciler: 'waitingForTemporal', reason };
  }
}

/** Whether its reconciler has observed `generation` (or a later one) and found it met or blocked. */
export function isSettled(expectation: StoredExpectation, generation: number): boolean {
  return (
    expectation.observedGeneration >= generation && (expectation.status === 'met' || expectation.status === 'blocked')
  );
}

/**
 * Follows an expectation until its reconciler has observed `generation` (the latest if not
 * given) and found it met or blocked; resolves with that state, or rejects at the timeout.
 */
export async function waitForSettled(
  expectations: ExpectationRepository,
  id: string,
  options: { generation?: number; timeoutMs?: number; pollMs?: number } = {},
): Promise<StoredExpectation> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const { settled, last } = await follow(expectations, id, { ...options, timeoutMs });
  if (settled) return settled;
  throw new Error(
    `expectation ${id} is still ${last.status} (observed generation ${last.observedGeneration} of ${options.generation ?? last.generation}) after ${timeoutMs / 1000}s`,
  );
}

/**
 * waitForSettled for at most `timeoutMs`, polling every `pollMs` (default 50): the settled
 * expectation, or undefined when it has not settled by then (the engine is still at it).
 */
export async function settledWithin(
  expectations: ExpectationRepository,
  id: string,
  options: { generation: number; timeoutMs: number; pollMs?: number },
): Promise<StoredExpectation | undefined> {
  return (await follow(expectations, id, { pollMs: 50, ...options })).settled;
}

async function follow(
  expectations: ExpectationRepository,
  id: string,
  options: { generation?: number; timeoutMs: number; pollMs?: number },
): Promise<{ settled?: StoredExpectation; last: StoredExpectation }> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const current = await expectations.get(id);
    if (isSettled(current, options.generation ?? current.generation)) return { settled: current, last: current };
    if (Date.now() > deadline) return { last: current };
    await sleep(options.pollMs ?? 200);
  }
}

/**
 * Ends an expectation: the stored intent is deleted (the actual stays) and its reconciler
 * completes — told by a signal, or (Temporal down) at its next observation, which finds no
 * expectation.
 */
export async function withdrawExpectation(deps: SubmissionDependencies, id: string): Promise<void> {
  await deps.expectations.delete(id);
  await withinSignalDeadline(deps, () =>
    deps.client.workflow.getHandle(workflowIdOf(id)).signal(expectationDeleted),
  ).catch(() => undefined);
}
