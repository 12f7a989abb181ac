import { Context } from '@temporalio/activity';

/**
 * Runs `work` in an activity, heartbeating every `everyMs` until it ends: an activity whose
 * heartbeat timeout is shorter than the work (the resync sweep over thousands of expectations)
 * is not timed out and retried while it is making progress.
 */
export async function heartbeating<T>(work: () => Promise<T>, everyMs = 10_000): Promise<T> {
  const context = Context.current();
  const beat = setInterval(() => context.heartbeat(), everyMs);
  try {
    return await work();
  } finally {
    clearInterval(beat);
  }
}
