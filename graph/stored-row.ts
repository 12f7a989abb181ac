/**
 * Rows as Neo4j returns them. A map projection (`n { .a, .b }`, `{a: n.a}`) gives every key it
 * names, null where the node has no such property, where the model leaves the key out:
 * `Stored<T>` is the row a query returns for a T and `withoutNulls` turns it back into one.
 * Queries name their row type once (`tx.run<Row>(...)`); integers arrive as numbers (the
 * driver is opened with `disableLosslessIntegers`).
 */
export type Stored<T> = { [K in keyof T]-?: undefined extends T[K] ? Exclude<T[K], undefined> | null : T[K] };

/** A row without its null properties: each one that may be null becomes optional instead. */
export type WithoutNulls<R> = { [K in keyof R as null extends R[K] ? never : K]: R[K] } & {
  [K in keyof R as null extends R[K] ? K : never]?: Exclude<R[K], null>;
};

export function withoutNulls<R extends object>(row: R): WithoutNulls<R> {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null)) as WithoutNulls<R>;
}
