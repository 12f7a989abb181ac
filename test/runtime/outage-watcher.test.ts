import { describe, expect, it } from 'vitest';
import { watchOutages } from '../../runtime/outage-watcher.js';
import { eventually } from '../support/eventually.js';

describe('the outage watcher', () => {
  it('after a server returns it resyncs, then wakes the reconcilers Neo4j blocked: the resync wakes none', async () => {
    let answering = false;
    const calls: string[] = [];
    const logged: string[] = [];
    const watcher = watchOutages({
      probes: [{ name: 'neo4j', answers: () => Promise.resolve(answering), timeoutMs: 1_000 }],
      onReturn: (returned) => Promise.resolve(void calls.push(`resync after ${returned.join(' and ')}`)),
      wake: (ids) => Promise.resolve(void calls.push(`wake ${ids.join(', ')}`)),
      log: (line) => void logged.push(line),
      intervalMs: 5,
    });
    try {
      watcher.blocked('exp-1');
      watcher.blocked('exp-2');
      // two failed probes: down
      const down = await eventually(
        () => Promise.resolve([...logged]),
        (lines) => lines.length > 0,
        5_000,
        5,
      );
      expect(down[0]).toContain('neo4j unavailable');
      expect(calls).toEqual([]);
      answering = true;
      const seen = await eventually(
        () => Promise.resolve([...calls]),
        (found) => found.length >= 2,
        5_000,
        5,
      );
      expect(seen).toEqual(['resync after neo4j', 'wake exp-1, exp-2']);
    } finally {
      await watcher.stop();
    }
  });
});
