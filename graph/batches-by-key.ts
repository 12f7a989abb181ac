/**
 * Requests served in batches, one batch in flight per key: a request for a key with no batch
 * running starts one at once; requests that arrive while it runs wait, and together form the
 * next batch when it ends (at most `maxBatch` each, in arrival order). `serve` answers a batch
 * with one result per request, in the same order; each request's promise settles with its own
 * result, so one request's outcome never decides another's. Should `serve` throw, every
 * request of that batch rejects with the error; the next batch runs regardless.
 */
export class BatchesByKey<Request, Result> {
  private readonly waiting = new Map<string, Array<Waiting<Request, Result>>>();
  private readonly running = new Set<string>();

  constructor(
    private readonly serve: (key: string, requests: Request[]) => Promise<Result[]>,
    private readonly maxBatch = 64,
  ) {}

  submit(key: string, request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      const queue = this.waiting.get(key) ?? [];
      queue.push({ request, resolve, reject });
      this.waiting.set(key, queue);
      if (!this.running.has(key)) void this.drain(key);
    });
  }

  /** Serves the key's waiting requests batch after batch until none waits. */
  private async drain(key: string): Promise<void> {
    this.running.add(key);
    try {
      for (;;) {
        const queue = this.waiting.get(key) ?? [];
        if (queue.length === 0) break;
        const batch = queue.splice(0, this.maxBatch);
        try {
          const results = await this.serve(
            key,
            batch.map((waiting) => waiting.request),
          );
          batch.forEach((waiting, index) => waiting.resolve(results[index]!));
        } catch (error) {
          batch.forEach((waiting) => waiting.reject(error));
        }
      }
    } finally {
      this.waiting.delete(key);
      this.running.delete(key);
    }
  }
}

interface Waiting<Request, Result> {
  request: Request;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}
