import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { OutstandingSummary } from '../expectations/outstanding-summary.js';

/** Signals and queries of the reconcile workflow, shared by the workflow and its clients. */

export const reconcileTaskQueue = 'diffo-reconcile';

export const workflowIdOf = (expectationId: string) => `reconcile-${expectationId}`;

/** The expectation changed: observe again now. The payload is never trusted (level-triggered). */
export const expectationChanged = defineSignal('expectationChanged');

/** The expectation was deleted: the workflow completes. */
export const expectationDeleted = defineSignal('expectationDeleted');

export interface LastTask {
  type: string;
  key: string;
  ok: boolean;
  result: string;
}

export interface ReconcileState {
  expectationId: string;
  status: 'pending' | 'progressing' | 'met' | 'blocked';
  generation: number;
  /** The outstanding document while small, else a summary of it (expectations/outstanding-summary.ts). */
  outstanding: OutstandingSummary;
  outstandingCount: number;
  reason?: string;
  lastTask?: LastTask;
  iterations: number;
}

export const statusQuery = defineQuery<ReconcileState>('status');
export const outstandingQuery = defineQuery<OutstandingSummary>('outstanding');
export const lastTaskQuery = defineQuery<LastTask | undefined>('lastTask');
