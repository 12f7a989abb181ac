import type { GraphStore } from './graph-store.js';

/** How many expectations have one status and one kind. */
export interface ExpectationCount {
  status: string;
  kind: string;
  count: number;
}

/** Expectations by status and kind, in one auto-committed query (not retried: a scrape wants its answer now). */
export async function countExpectations(store: GraphStore): Promise<ExpectationCount[]> {
  const result = await store.readAutoCommit((tx) =>
    tx.run(
      `MATCH (e:Expectation)
       RETURN e.status AS status, e.kind AS kind, count(e) AS count
       ORDER BY status, kind`,
    ),
  );
  return result.records.map((record) => record.toObject() as ExpectationCount);
}
