import type { ManagedTransaction } from 'neo4j-driver';
import { InventoryError } from '../model/inventory-error.js';
import { versionOf, type Specification } from '../model/specification.js';
import { violatedConstraint, type GraphStore } from './graph-store.js';
import type { Stored } from './stored-row.js';

/**
 * Specification nodes: one per (name, major version), identified by the UUID declared in
 * code. Minor and patch versions in code overwrite the node, so every instance sees them.
 */

export interface StoredSpecification extends Specification {
  version: string;
  instanceCount: number;
}

const specificationFields = 's { .id, .name, .type, .major, .minor, .patch, .description, .category, .version }';

/** The row `specificationFields` projects. */
type SpecificationRow = Stored<Omit<StoredSpecification, 'instanceCount'>>;

function toSpecification(row: SpecificationRow, instanceCount = 0): StoredSpecification {
  return { ...row, description: row.description ?? undefined, category: row.category ?? undefined, instanceCount };
}

/**
 * The clause that creates or overwrites a specification node, binding `s`, with its
 * parameter `$specification`: a node already at a later minor/patch (bumped with
 * nextMinor/nextPatch) is never lowered. A query may go on from it (build creates its
 * instance in the same statement).
 */
export const mergeSpecification = `MERGE (s:Specification {id: $specification.id})
ON CREATE SET s += $specification
ON MATCH SET s += CASE WHEN s.minor < $specification.minor OR (s.minor = $specification.minor AND s.patch <= $specification.patch)
                       THEN $specification ELSE {} END`;

export function specificationParameter(specification: Specification): Record<string, unknown> {
  return {
    ...specification,
    description: specification.description ?? null,
    category: specification.category ?? null,
    version: versionOf(specification),
    nameMajor: `${specification.name}@${specification.major}`,
  };
}

/** The error for a write that ran into another specification with this name and major version, if it did. */
export function specificationConflict(error: unknown, specification: Specification): InventoryError | undefined {
  if (violatedConstraint(error)?.property !== 'nameMajor') return undefined;
  return new InventoryError(
    'conflict',
    `specification ${specification.name}@${specification.major} is already stored with another id than ${specification.id}: a specification id never changes`,
    ['specification.id'],
  );
}

/** Creates or overwrites the specification node within the caller's transaction. */
export async function upsertSpecification(tx: ManagedTransaction, specification: Specification): Promise<void> {
  try {
    await tx.run(mergeSpecification, { specification: specificationParameter(specification) });
  } catch (error) {
    throw specificationConflict(error, specification) ?? error;
  }
}

export class SpecificationRepository {
  constructor(private readonly store: GraphStore) {}

  /** Writes a declared specification (used at registration and by build). */
  upsert(specification: Specification): Promise<void> {
    return this.store.write((tx) => upsertSpecification(tx, specification));
  }

  async get(id: string): Promise<StoredSpecification> {
    const found = await this.query('MATCH (s:Specification {id: $id})', { id });
    if (!found[0]) throw new InventoryError('notFound', `no specification with id ${id}`, ['id']);
    return found[0];
  }

  list(): Promise<StoredSpecification[]> {
    return this.query('MATCH (s:Specification)', {});
  }

  /** Every major version of a name, lowest major first. */
  findByName(name: string): Promise<StoredSpecification[]> {
    return this.query('MATCH (s:Specification {name: $name})', { name });
  }

  async latestMajor(name: string): Promise<StoredSpecification> {
    const all = await this.findByName(name);
    const latest = all.at(-1);
    if (!latest) throw new InventoryError('notFound', `no specification named ${name}`, ['name']);
    return latest;
  }

  nextMinor(id: string): Promise<StoredSpecification> {
    return this.bump(id, 'minor');
  }

  nextPatch(id: string): Promise<StoredSpecification> {
    return this.bump(id, 'patch');
  }

  /** Refused while any instance is specified by it. */
  async delete(id: string): Promise<void> {
    await this.store.write(async (tx) => {
      const result = await tx.run(
        'MATCH (s:Specification {id: $id}) RETURN COUNT { (:Instance)-[:SPECIFIED_BY]->(s) } AS instances',
        { id },
      );
      const instances = result.records[0]?.get('instances') as number | undefined;
      if (instances === undefined) throw new InventoryError('notFound', `no specification with id ${id}`, ['id']);
      if (instances > 0) {
        throw new InventoryError(
          'conflict',
          `specification ${id} still specifies ${instances} instance(s): respecify or delete them first`,
          ['id'],
        );
      }
      await tx.run('MATCH (s:Specification {id: $id}) DELETE s', { id });
    });
  }

  private async bump(id: string, part: 'minor' | 'patch'): Promise<StoredSpecification> {
    await this.store.write(async (tx) => {
      const set = part === 'minor' ? 's.minor = s.minor + 1, s.patch = 0' : 's.patch = s.patch + 1';
      const result = await tx.run(
        `MATCH (s:Specification {id: $id}) SET ${set} SET s.version = toString(toInteger(s.major)) + '.' + toString(toInteger(s.minor)) + '.' + toString(toInteger(s.patch)) RETURN s.id AS id`,
        { id },
      );
      if (result.records.length === 0) throw new InventoryError('notFound', `no specification with id ${id}`, ['id']);
    });
    return this.get(id);
  }

  private async query(match: string, params: Record<string, unknown>): Promise<StoredSpecification[]> {
    const result = await this.store.read((tx) =>
      tx.run<{ s: SpecificationRow; instances: number }>(
        `${match} RETURN ${specificationFields} AS s, COUNT { (:Instance)-[:SPECIFIED_BY]->(s) } AS instances ORDER BY s.name, s.major`,
        params,
      ),
    );
    return result.records.map((record) => toSpecification(record.get('s'), record.get('instances')));
  }
}
