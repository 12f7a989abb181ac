/**
 * Cypher that takes the write lock of the node bound to `variable` and changes nothing (a
 * property set and removed in one statement): held until commit, so a concurrent writer that
 * takes it too waits for this transaction and then reads what it wrote.
 */
export const writeLockOf = (variable: string): string => `SET ${variable}._locked = true REMOVE ${variable}._locked`;
