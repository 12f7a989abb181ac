import type { ManagedTransaction } from 'neo4j-driver';
import { InventoryError } from '../model/inventory-error.js';
import type { RoleRef } from '../model/instance-input.js';
import type { RegisteredInstanceKind } from '../model/registry.js';

/**
 * Party and place references of an instance: edges `RELATED_PARTY {role}` / `AT_PLACE {role}`
 * to existing Party / Place nodes of the kind the role declares.
 */
export const sections = {
  parties: { label: 'Party', edge: 'RELATED_PARTY', noun: 'party' },
  places: { label: 'Place', edge: 'AT_PLACE', noun: 'place' },
} as const;

export async function linkRoleRefs(
  tx: ManagedTransaction,
  kind: RegisteredInstanceKind,
  instanceId: string,
  section: 'parties' | 'places',
  refs: RoleRef[],
): Promise<void> {
  if (refs.length === 0) return;
  const { label, edge, noun } = sections[section];
  const found = await tx.run(`MATCH (p:${label}) WHERE p.id IN $ids RETURN p.id AS id, p.kind AS kind`, { ids: refs.map((ref) => ref.id) });
  const kinds = new Map(found.records.map((record) => [record.get('id') as string, record.get('kind') as string]));
  refs.forEach((ref, index) => {
    const expected = kind[section][ref.role]!.kind;
    const actual = kinds.get(ref.id);
    if (actual === undefined) throw new InventoryError('notFound', `${section}.${index}.id: no ${noun} with id ${ref.id}`, [`${section}.${index}.id`]);
    if (actual !== expected) {
      throw new InventoryError('invalidInput', `${section}.${index}.id: ${ref.id} is a ${actual}, but role "${ref.role}" takes a ${expected}`, [`${section}.${index}.id`]);
    }
  });
  await tx.run(
    `MATCH (i:Instance {id: $instanceId})
     UNWIND $refs AS ref
     MATCH (p:${label} {id: ref.id})
     MERGE (i)-[:${edge} {role: ref.role}]->(p)`,
    { instanceId, refs },
  );
}
