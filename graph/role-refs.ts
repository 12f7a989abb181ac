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

/**
 * Links the references in ONE statement that also reports, per reference, the kind of node
 * it found (none, or another kind than the role takes). A reference that fails throws, and
 * the caller's transaction — every provider operation runs in one — undoes the links made.
 */
export async function linkRoleRefs(
  tx: ManagedTransaction,
  kind: RegisteredInstanceKind,
  instanceId: string,
  section: 'parties' | 'places',
  refs: RoleRef[],
): Promise<void> {
  if (refs.length === 0) return;
  const { label, edge, noun } = sections[section];
  const wanted = refs.map((ref) => ({ ...ref, kind: kind[section][ref.role]!.kind }));
  const result = await tx.run(
    `MATCH (i:Instance {id: $instanceId})
     UNWIND range(0, size($refs) - 1) AS index
     WITH i, index, $refs[index] AS ref
     OPTIONAL MATCH (p:${label} {id: ref.id})
     CALL {
       WITH i, p, ref
       WITH i, p, ref WHERE p.kind = ref.kind
       MERGE (i)-[:${edge} {role: ref.role}]->(p)
     }
     RETURN index, p.kind AS found`,
    { instanceId, refs: wanted },
  );
  for (const record of result.records) {
    const index = record.get('index') as number;
    const found = record.get('found') as string | null;
    const { id, role, kind: expected } = wanted[index]!;
    if (found === null) throw new InventoryError('notFound', `${section}.${index}.id: no ${noun} with id ${id}`, [`${section}.${index}.id`]);
    if (found !== expected) {
      throw new InventoryError('invalidInput', `${section}.${index}.id: ${id} is a ${found}, but role "${role}" takes a ${expected}`, [`${section}.${index}.id`]);
    }
  }
}
