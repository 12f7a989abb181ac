import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { instanceIdSchema } from '../model/instance-input.js';
import { InventoryError, parseInput } from '../model/inventory-error.js';
import type { Registry } from '../model/registry.js';
import type { InstanceSnapshot } from '../model/tmf-json.js';
import { violatedConstraint, type GraphStore } from './graph-store.js';
import { readSnapshots } from './instance-reader.js';

/**
 * The rest of a TMF instance: notes (author party, date, text) and external identifiers
 * (type, id, owner party) — at most one per (instance, type), by constraint — with a
 * lookup of an instance by an external identifier.
 */
const noteSchema = z.strictObject({
  text: z.string().min(1).max(10_000),
  author: instanceIdSchema.optional(),
  date: z.iso.datetime().optional(),
});

const externalIdentifierSchema = z.strictObject({
  type: z.string().min(1).max(200),
  id: z.string().min(1).max(500),
  /** The party that issued the identifier. */
  owner: instanceIdSchema.optional(),
});

export class AnnotationRepository {
  constructor(
    private readonly store: GraphStore,
    private readonly registry: Registry,
  ) {}

  /** Adds a note; `author` is a party id. Returns the note's id. */
  async addNote(instanceId: string, note: z.input<typeof noteSchema>): Promise<string> {
    const input = parseInput(noteSchema, note, 'note');
    const id = randomUUID();
    await this.store.write(async (tx) => {
      const found = await tx.run(
        `MATCH (i:Instance {id: $instanceId}) OPTIONAL MATCH (a:Party {id: $author})
         RETURN a IS NOT NULL AS authorFound`,
        { instanceId, author: input.author ?? null },
      );
      const row = found.records[0];
      if (!row) throw new InventoryError('notFound', `no instance with id ${instanceId}`, ['id']);
      if (input.author && !row.get('authorFound'))
        throw new InventoryError('notFound', `author: no party with id ${input.author}`, ['author']);
      await tx.run(
        `MATCH (i:Instance {id: $instanceId})
         CREATE (i)-[:HAS_NOTE]->(n:Note {id: $id, text: $text, date: $date})
         WITH n OPTIONAL MATCH (a:Party {id: $author})
         FOREACH (_ IN CASE WHEN a IS NULL THEN [] ELSE [1] END | CREATE (n)-[:AUTHORED_BY]->(a))`,
        {
          instanceId,
          id,
          text: input.text,
          date: input.date ?? new Date().toISOString(),
          author: input.author ?? null,
        },
      );
    });
    return id;
  }

  /** Sets the instance's identifier of a type (replacing the one it had); the pair is unique per instance. */
  async setExternalIdentifier(instanceId: string, identifier: z.input<typeof externalIdentifierSchema>): Promise<void> {
    const input = parseInput(externalIdentifierSchema, identifier, 'external identifier');
    await this.store.write(async (tx) => {
      const found = await tx.run(
        'MATCH (i:Instance {id: $instanceId}) OPTIONAL MATCH (o:Party {id: $owner}) RETURN o IS NOT NULL AS ownerFound',
        { instanceId, owner: input.owner ?? null },
      );
      const row = found.records[0];
      if (!row) throw new InventoryError('notFound', `no instance with id ${instanceId}`, ['id']);
      if (input.owner && !row.get('ownerFound'))
        throw new InventoryError('notFound', `owner: no party with id ${input.owner}`, ['owner']);
      try {
        await tx.run(
          `MATCH (i:Instance {id: $instanceId})
           MERGE (i)-[:HAS_EXTERNAL_IDENTIFIER]->(x:ExternalIdentifier {key: $key})
           SET x.type = $type, x.externalId = $externalId, x.owner = $owner`,
          {
            instanceId,
            key: `${instanceId}/${input.type}`,
            type: input.type,
            externalId: input.id,
            owner: input.owner ?? null,
          },
        );
      } catch (error) {
        if (violatedConstraint(error))
          throw new InventoryError('conflict', `type: ${instanceId} already has a ${input.type} identifier`, ['type']);
        throw error;
      }
    });
  }

  /** The instances known to another system by this (type, id) — usually one. */
  findByExternalIdentifier(type: string, externalId: string): Promise<InstanceSnapshot[]> {
    return this.store.read((tx) =>
      readSnapshots(
        tx,
        this.registry,
        `MATCH (x:ExternalIdentifier {type: $type, externalId: $externalId})<-[:HAS_EXTERNAL_IDENTIFIER]-(i:Instance)-[:SPECIFIED_BY]->(s:Specification)`,
        { type, externalId },
      ),
    );
  }
}
