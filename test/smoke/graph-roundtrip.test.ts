import { afterAll, describe, expect, it } from 'vitest';
import { graphConnection, testDriver, uniqueId } from '../support/graph.js';

describe('Neo4j smoke', () => {
  const driver = testDriver();
  const { database } = graphConnection();
  const id = uniqueId('smoke');

  afterAll(async () => {
    await driver.executeQuery('MATCH (n:SmokeTest {id: $id}) DETACH DELETE n', { id }, { database });
  });

  it('writes a node in a transaction and reads it back with the same values', async () => {
    const session = driver.session({ database });
    try {
      await session.executeWrite((tx) =>
        tx.run('CREATE (n:SmokeTest {id: $id, name: $name, cores: $cores, tags: $tags})', {
          id,
          name: 'gpu_1',
          cores: 680,
          tags: ['a', 'b'],
        }),
      );
      const read = await session.executeRead((tx) =>
        tx.run('MATCH (n:SmokeTest {id: $id}) RETURN n.name AS name, n.cores AS cores, n.tags AS tags', { id }),
      );
      expect(read.records).toHaveLength(1);
      expect(read.records[0]!.toObject()).toEqual({ name: 'gpu_1', cores: 680, tags: ['a', 'b'] });
    } finally {
      await session.close();
    }
  });

  it('leaves nothing behind when a transaction fails', async () => {
    const failedId = uniqueId('smoke-failed');
    const session = driver.session({ database });
    try {
      await expect(
        session.executeWrite(async (tx) => {
          await tx.run('CREATE (n:SmokeTest {id: $id})', { id: failedId });
          await tx.run('RETURN 1 / 0');
        }),
      ).rejects.toThrow(/by zero/i);
      const read = await driver.executeQuery(
        'MATCH (n:SmokeTest {id: $id}) RETURN count(n) AS n',
        { id: failedId },
        { database },
      );
      expect(read.records[0]!.get('n')).toBe(0);
    } finally {
      await session.close();
    }
  });
});
