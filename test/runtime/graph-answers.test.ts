import { createServer, type AddressInfo, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { graphAnswers } from '../../graph/driver.js';

/**
 * graphAnswers over a server that accepts connections and never answers, as a Neo4j still
 * starting can: it says "no answer" at its own timeout, not at the driver pool's acquisition
 * timeout (20 s), so the outage watcher's probe needs no second timeout around it.
 */
describe('graphAnswers', () => {
  const sockets: Socket[] = [];
  const silent = createServer((socket) => void sockets.push(socket));
  afterAll(() => {
    sockets.forEach((socket) => socket.destroy());
    silent.close();
  });

  it('answers false at its timeout when the server accepts and stays silent', async () => {
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const connection = { uri: `bolt://127.0.0.1:${port}`, user: 'neo4j', password: 'unused', database: 'neo4j' };
    const answer = await Promise.race([graphAnswers(connection, 500), sleep(15_000, 'still waiting')]);
    expect(answer).toBe(false);
  });
});
