import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import type { FailedTask } from '../activities/domain-failure.js';

/**
 * The task a batch's failure names in its first detail (`TaskFailure`, activities/domain-failure.ts),
 * as the workflow sees it (inside an ActivityFailure) or the worker does (the ApplicationFailure itself).
 */
export function failedTaskOf(error: unknown): FailedTask | undefined {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (!(cause instanceof ApplicationFailure)) return undefined;
  const detail = cause.details?.[0] as { task?: FailedTask } | undefined;
  return detail?.task;
}
