import neo4j, { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { isGraphUnavailable } from '../../graph/graph-health.js';

/** Which driver errors say "Neo4j cannot be reached" (503 on the API; a blocked reconciler the watcher wakes). */
describe('isGraphUnavailable', () => {
  it('is true for a server that is down, restarting, or whose pool has no connection to give in time', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:7687'), { code: 'ECONNREFUSED' });
    expect(isGraphUnavailable(new Neo4jError('gone', neo4j.error.SERVICE_UNAVAILABLE, '', ''))).toBe(true);
    expect(
      isGraphUnavailable(new Neo4jError('starting', 'Neo.TransientError.General.DatabaseUnavailable', '', '')),
    ).toBe(true);
    expect(isGraphUnavailable(new Error('failed', { cause: refused }))).toBe(true);
    // what the driver says when every pooled connection waits on a server that restarted (it has no code)
    const starved = new Neo4jError(
      'Connection acquisition timed out in 20000 ms. Pool status: Active conn count = 50, Idle conn count = 0.',
      'N/A',
      '',
      '',
    );
    expect(isGraphUnavailable(starved)).toBe(true);
  });

  it('is false for a statement the server refused', () => {
    expect(isGraphUnavailable(new Neo4jError('bad', 'Neo.ClientError.Statement.SyntaxError', '', ''))).toBe(false);
    expect(isGraphUnavailable(new Error('no such instance'))).toBe(false);
  });
});
