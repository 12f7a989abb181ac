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

/** The references of one section with the kind each role takes: the parameter of `linkRoleRefsClause`. */
export function roleRefsParameter(kind: RegisteredInstanceKind, section: 'parties' | 'places', refs: RoleRef[]) {
  return refs.map((ref) => ({ ...ref, kind: kind[section][ref.role]!.kind }));
}

/**
 * A CALL subquery that links instance `i` to the section's references in `$<section>` (see
 * roleRefsParameter) and binds `<section>Found`: per reference, its index and the kind of
 * node it found (null: none). A statement may go on from it — build links its references in the
 * statement that creates the instance.
 */
export function linkRoleRefsClause(section: 'parties' | 'places'): string {
  const { label, edge } = sections[section];
  return `CALL {
       WITH i
       UNWIND range(0, size($${section}) - 1) AS index
       WITH i, index, $${section}[index] AS ref
       OPTIONAL MATCH (p:${label} {id: ref.id})
       CALL {
         WITH i, p, ref
         WITH i, p, ref WHERE p.kind = ref.kind
         MERGE (i)-[:${edge} {role: ref.role}]->(p)
       }
       RETURN collect({index: index, kind: p.kind}) AS ${section}Found
     }`;
}

/** What `linkRoleRefsClause` binds as `<section>Found`: per reference, its index and the kind of node found (null: none). */
export type FoundRoleRefs = Array<{ index: number; kind: string | null }>;

/**
 * Throws for the first reference that found no node, or one of another kind than its role
 * takes; the caller's transaction — every provider operation runs in one — then undoes the
 * links made.
 */
export function checkLinkedRoleRefs(
  section: 'parties' | 'places',
  wanted: ReturnType<typeof roleRefsParameter>,
  found: FoundRoleRefs,
): void {
  const { noun } = sections[section];
  const kinds = new Map(found.map((row) => [row.index, row.kind]));
  wanted.forEach(({ id, role, kind: expected }, index) => {
    const kind = kinds.get(index) ?? null;
    if (kind === null)
      throw new InventoryError('notFound', `${section}.${index}.id: no ${noun} with id ${id}`, [
        `${section}.${index}.id`,
      ]);
    if (kind !== expected) {
      throw new InventoryError(
        'invalidInput',
        `${section}.${index}.id: ${id} is a ${kind}, but role "${role}" takes a ${expected}`,
        [`${section}.${index}.id`],
      );
    }
  });
}

/** Links the references in ONE statement that also checks them. */
export async function linkRoleRefs(
  tx: ManagedTransaction,
  kind: RegisteredInstanceKind,
  instanceId: string,
  section: 'parties' | 'places',
  refs: RoleRef[],
): Promise<void> {
  if (refs.length === 0) return;
  const wanted = roleRefsParameter(kind, section, refs);
  const result = await tx.run(
    `MATCH (i:Instance {id: $instanceId})
     ${linkRoleRefsClause(section)}
     RETURN ${section}Found AS found`,
    { instanceId, [section]: wanted },
  );
  checkLinkedRoleRefs(section, wanted, result.records[0]?.get('found') as FoundRoleRefs);
}
