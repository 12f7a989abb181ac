import { randomUUID } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import { afterAll, inject } from 'vitest';
import { openDriver, type GraphConnection } from '../../graph/driver.js';

/** The graph under test; one driver per test file, closed after it. */
export function graphConnection(): GraphConnection {
  return inject('servers').neo4j;
}

export function testDriver(): Driver {
  const driver = openDriver(graphConnection());
  afterAll(() => driver.close());
  return driver;
}

/** A value no other test (or earlier run against the same database) uses. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}
