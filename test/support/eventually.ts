import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Reads until `done` says the value is what the test waits for, or the time is up; returns
 * the last value either way, so the test's own assertion says what was wrong.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await sleep(intervalMs);
    value = await read();
  }
  return value;
}
