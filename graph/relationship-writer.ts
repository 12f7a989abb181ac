import type { ManagedTransaction } from 'neo4j-driver';
import { InventoryError } from '../model/inventory-error.js';
import type { RelationshipInput } from '../model/instance-input.js';
import { permits } from '../model/relationship-permissions.js';
import type { RegisteredInstanceKind, Registry } from '../model/registry.js';
import { violatedConstraint } from './graph-store.js';

/**
 * Writes typed relationships `(source)-[:RELATES_TO {type, alias, …}]->(target)` after
 * checking both ends: the source kind must permit the alias as a source role and the target
 * kind as a target role. `(source, alias)` is unique by constraint (aliasKey).
 */
export async function writeRelationships(
  tx: ManagedTransaction,
  registry: Registry,
  sourceId: string,
  relationships: RelationshipInput[],
  field = 'relationships',
): Promise<void> {
  if (relationships.length === 0) return;
  const ids = [sourceId, ...relationships.map((relationship) => relationship.target)];
  const found = await tx.run('MATCH (i:Instance) WHERE i.id IN $ids RETURN i.id AS id, i.kind AS kind', { ids });
  const kinds = new Map(found.records.map((record) => [record.get('id') as string, record.get('kind') as string]));
  const sourceKindName = kinds.get(sourceId);
  if (!sourceKindName) throw new InventoryError('notFound', `no instance with id ${sourceId}`, ['id']);
  const sourceKind = registry.instanceKind(sourceKindName);
  relationships.forEach((relationship, index) => {
    const where = `${field}.${index}`;
    const targetKindName = kinds.get(relationship.target);
    if (!targetKindName)
      throw new InventoryError('notFound', `${where}.target: no instance with id ${relationship.target}`, [
        `${where}.target`,
      ]);
    if (relationship.target === sourceId)
      throw new InventoryError('invalidInput', `${where}.target: an instance cannot relate to itself`, [
        `${where}.target`,
      ]);
    checkPermitted(sourceKind, 'source', relationship.alias, where);
    checkPermitted(registry.instanceKind(targetKindName), 'target', relationship.alias, where);
  });
  await createRelationships(tx, sourceId, relationships, field);
}

/** The kind permits the alias at this end of a relationship, or the relationship is not permitted. */
function checkPermitted(
  kind: RegisteredInstanceKind,
  end: 'source' | 'target',
  alias: string | undefined,
  where: string,
): void {
  if (permits(kind.relationships[end], alias)) return;
  throw new InventoryError(
    'notPermitted',
    `${where}.alias: ${kind.name} may not be the ${end} of a relationship ${alias ? `with alias "${alias}"` : 'without an alias'} (permitted: ${JSON.stringify(kind.relationships[end])})`,
    [`${where}.alias`],
  );
}

/** Creates the checked relationships in one statement; an alias the source already has is a conflict. */
async function createRelationships(
  tx: ManagedTransaction,
  sourceId: string,
  relationships: RelationshipInput[],
  field: string,
): Promise<void> {
  const rows = relationships.map((relationship) => ({
    target: relationship.target,
    props: {
      type: relationship.type,
      alias: relationship.alias ?? null,
      aliasKey: relationship.alias ? `${sourceId}/${relationship.alias}` : null,
      characteristicsJson: JSON.stringify(relationship.characteristics ?? {}),
    },
  }));
  try {
    await tx.run(
      `MATCH (s:Instance {id: $sourceId})
       UNWIND $rows AS row
       MATCH (t:Instance {id: row.target})
       CREATE (s)-[r:RELATES_TO]->(t) SET r = row.props`,
      { sourceId, rows },
    );
  } catch (error) {
    if (violatedConstraint(error)?.property === 'aliasKey') {
      throw new InventoryError(
        'conflict',
        `${field}: ${sourceId} already has a relationship with one of the aliases ${relationships
          .map((r) => r.alias)
          .filter(Boolean)
          .join(', ')}`,
        [field],
      );
    }
    throw error;
  }
}
