/**
 * Runs `work` on every item, in the items' order, with at most `limit` running at once. At the
 * first failure it takes no further item, and rejects with that failure once the ones running
 * have settled.
 */
export async function forEachAtMost<T>(
  limit: number,
  items: readonly T[],
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  let failure: { reason: unknown } | undefined;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next]!;
      next += 1;
      await work(item).catch((reason: unknown) => {
        failure ??= { reason };
      });
    }
  });
  await Promise.all(lanes);
  if (failure) throw failure.reason;
}
