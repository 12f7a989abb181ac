import type { ManagedTransaction } from 'neo4j-driver';
import type { InstanceType } from '../model/instance-ref.js';
import { InventoryError } from '../model/inventory-error.js';
import type { RegisteredInstanceKind } from '../model/registry.js';
import { catalogEntries, type CatalogEntry } from '../model/tmf/specification-json.js';
import { versionOf, type Specification, type SpecificationType } from '../model/specification.js';
import { violatedConstraint, type GraphStore } from './graph-store.js';
import type { Stored } from './stored-row.js';
import { writeLockOf } from './write-lock.js';

/**
 * Specification nodes: one per (name, major version), identified by the UUID declared in
 * code. Minor and patch versions in code overwrite the node, so every instance sees them.
 *
 * Deleting a specification (a version retired from the catalog) keeps its node as a tombstone:
 * it gets `deletedAt`, and from then on it is not read, listed, written by registration
 * (`mergeSpecification` leaves it as it is) or built on (`liveSpecification` binds no `s`), so
 * a worker that still registers the kind never brings it back. Every read here skips it.
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
ON MATCH SET s += CASE WHEN s.deletedAt IS NULL AND (s.minor < $specification.minor OR (s.minor = $specification.minor AND s.patch <= $specification.patch))
                       THEN $specification ELSE {} END`;

/** Goes on from `mergeSpecification` only when the specification is not deleted (no row otherwise). */
export const liveSpecification = 'WITH s WHERE s.deletedAt IS NULL';

/** The error for a build or respecify onto a deleted specification. */
export function deletedSpecificationError(specification: Pick<Specification, 'id' | 'name' | 'major'>): InventoryError {
  return new InventoryError(
    'invalidInput',
    `specification: ${specification.name} major version ${specification.major} (${specification.id}) was deleted from the catalog; expect another major version`,
    ['specification'],
  );
}

/** What `delete` found using a specification. */
export interface SpecificationUse {
  instances: number;
  expectations: number;
}

/** How a DELETE refused for its uses reads: how many instances and expectations use it. */
function specificationInUse(id: string, { instances, expectations }: SpecificationUse): InventoryError {
  const counted = (count: number, what: string) => `${count} ${what}${count === 1 ? '' : 's'}`;
  return new InventoryError(
    'conflict',
    `specification ${id} is not deleted, and nothing was changed: ${counted(instances, 'instance')} and ${counted(expectations, 'expectation')} use it; expect another major version on each (and wait for them to be met), then delete it`,
    ['id'],
  );
}

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
    const found = await this.query('MATCH (s:Specification {id: $id}) WHERE s.deletedAt IS NULL', { id });
    if (!found[0]) throw new InventoryError('notFound', `no specification with id ${id}`, ['id']);
    return found[0];
  }

  /** Every specification not deleted, by name then major. */
  list(): Promise<StoredSpecification[]> {
    return this.query('MATCH (s:Specification) WHERE s.deletedAt IS NULL', {});
  }

  /**
   * The catalog of a type: the registered kinds' specifications and the stored ones, less the
   * deleted (model/tmf/specification-json.ts). One query reads the stored and the deleted alike.
   */
  async catalog(kinds: RegisteredInstanceKind[], type: InstanceType): Promise<CatalogEntry[]> {
    const all = await this.rows('MATCH (s:Specification)', {});
    const deleted = new Set(all.filter((found) => found.deleted).map(({ specification }) => specification.id));
    const stored = all.filter((found) => !found.deleted).map(({ specification }) => specification);
    return catalogEntries(kinds, stored, deleted, type);
  }

  /** Every major version of a name, lowest major first. */
  findByName(name: string): Promise<StoredSpecification[]> {
    return this.query('MATCH (s:Specification {name: $name}) WHERE s.deletedAt IS NULL', { name });
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

  /**
   * Deletes a specification of `type`: it becomes a tombstone (see above). Refused, changing
   * nothing, while an instance is specified by it or an expectation aims at it (the
   * `specificationId` an expectation is stored with); an id that names no specification of that
   * type, or a deleted one, is not found.
   */
  async delete(id: string, type?: SpecificationType): Promise<void> {
    await this.store.write(async (tx) => {
      // its write lock first, as an expectation write aiming at it takes it (a build's SPECIFIED_BY edge locks it too)
      const result = await tx.run<{ instances: number; expectations: number }>(
        `MATCH (s:Specification {id: $id}) WHERE s.deletedAt IS NULL AND ($type IS NULL OR s.type = $type)
         ${writeLockOf('s')}
         RETURN COUNT { (:Instance)-[:SPECIFIED_BY]->(s) } AS instances,
                COUNT { (:Expectation {specificationId: $id}) } AS expectations`,
        { id, type: type ?? null },
      );
      const use = result.records[0]?.toObject();
      if (!use) throw new InventoryError('notFound', `no ${type ?? 'specification'} with id ${id}`, ['id']);
      if (use.instances > 0 || use.expectations > 0) throw specificationInUse(id, use);
      await tx.run('MATCH (s:Specification {id: $id}) SET s.deletedAt = $now', { id, now: new Date().toISOString() });
    });
  }

  private async bump(id: string, part: 'minor' | 'patch'): Promise<StoredSpecification> {
    await this.store.write(async (tx) => {
      const set = part === 'minor' ? 's.minor = s.minor + 1, s.patch = 0' : 's.patch = s.patch + 1';
      const result = await tx.run(
        `MATCH (s:Specification {id: $id}) WHERE s.deletedAt IS NULL SET ${set} SET s.version = toString(toInteger(s.major)) + '.' + toString(toInteger(s.minor)) + '.' + toString(toInteger(s.patch)) RETURN s.id AS id`,
        { id },
      );
      if (result.records.length === 0) throw new InventoryError('notFound', `no specification with id ${id}`, ['id']);
    });
    return this.get(id);
  }

  private async query(match: string, params: Record<string, unknown>): Promise<StoredSpecification[]> {
    return (await this.rows(match, params)).map(({ specification }) => specification);
  }

  /** The specifications `match` binds (as `s`), each with whether it is deleted (a tombstone). */
  private async rows(match: string, params: Record<string, unknown>) {
    const result = await this.store.read((tx) =>
      tx.run<{ s: SpecificationRow; instances: number; deleted: boolean }>(
        `${match} RETURN ${specificationFields} AS s, COUNT { (:Instance)-[:SPECIFIED_BY]->(s) } AS instances,
           s.deletedAt IS NOT NULL AS deleted ORDER BY s.name, s.major`,
        params,
      ),
    );
    return result.records.map((record) => ({
      specification: toSpecification(record.get('s'), record.get('instances')),
      deleted: record.get('deleted'),
    }));
  }
}
