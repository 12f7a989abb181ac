import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { instanceIdSchema } from '../model/instance-input.js';
import { InventoryError, parseInput } from '../model/inventory-error.js';
import { assertIdentifier } from '../model/identifier.js';
import type { PartyOrPlace } from '../model/party-kind.js';
import type { Registry } from '../model/registry.js';
import { violatedConstraint, type GraphStore } from './graph-store.js';
import { sections } from './role-refs.js';

/**
 * Parties (who) and places (where): nodes labelled `Party` or `Place` plus their kind's
 * label, with an id that may be meaningful (an ABN, a data-centre code).
 */

const createSchema = z.strictObject({ id: instanceIdSchema.optional(), name: z.string().min(1).max(500).optional() });

export class PartyPlaceRepository {
  constructor(
    private readonly store: GraphStore,
    private readonly registry: Registry,
    private readonly category: 'party' | 'place',
  ) {}

  private get baseLabel(): 'Party' | 'Place' {
    return this.category === 'party' ? 'Party' : 'Place';
  }

  private kindOf(kindName: string) {
    return this.category === 'party' ? this.registry.partyKind(kindName) : this.registry.placeKind(kindName);
  }

  async create(kindName: string, input: { id?: string; name?: string }): Promise<PartyOrPlace> {
    const kind = this.kindOf(kindName);
    const { id = randomUUID(), name } = parseInput(createSchema, input, `${kindName} ${this.category}`);
    const label = assertIdentifier(kind.label, 'label');
    const props = { id, name: name ?? null, kind: kind.name, type: kind.type };
    try {
      await this.store.write((tx) => tx.run(`CREATE (p:${this.baseLabel}:${label}) SET p = $props`, { props }));
    } catch (error) {
      if (violatedConstraint(error))
        throw new InventoryError('conflict', `a ${this.category} with id ${id} already exists`, ['id']);
      throw error;
    }
    return { id, ...(name ? { name } : {}), kind: kind.name, type: kind.type };
  }

  /**
   * Relates this party (or place) to another party or place in a role its kind declares
   * towards that kind (e.g. an Engineer's `employer` is a Tenant). Idempotent.
   */
  async relate(id: string, role: string, target: { section: 'parties' | 'places'; id: string }): Promise<void> {
    const self = await this.get(id);
    const kind = this.kindOf(self.kind);
    const allowedKinds = kind.roles[target.section][role];
    if (!allowedKinds) {
      throw new InventoryError(
        'invalidInput',
        `role: ${kind.name} declares no role "${role}" towards ${target.section} (declared: ${Object.keys(kind.roles[target.section]).join(', ') || 'none'})`,
        ['role'],
      );
    }
    const { label: targetLabel, edge } = sections[target.section];
    await this.store.write(async (tx) => {
      const found = await tx.run(`MATCH (t:${targetLabel} {id: $target}) RETURN t.kind AS kind`, { target: target.id });
      const targetKind = found.records[0]?.get('kind') as string | undefined;
      if (targetKind === undefined)
        throw new InventoryError('notFound', `target: no ${targetLabel.toLowerCase()} with id ${target.id}`, [
          'target',
        ]);
      if (!allowedKinds.includes(targetKind)) {
        throw new InventoryError(
          'invalidInput',
          `target: ${target.id} is a ${targetKind}; role "${role}" takes ${allowedKinds.join(' or ')}`,
          ['target'],
        );
      }
      await tx.run(
        `MATCH (p:${this.baseLabel} {id: $id}), (t:${targetLabel} {id: $target}) MERGE (p)-[:${edge} {role: $role}]->(t)`,
        { id, target: target.id, role },
      );
    });
  }

  /** The parties and places this one is related to, by role. */
  async related(id: string): Promise<Array<{ role: string; id: string; kind: string }>> {
    const result = await this.store.read((tx) =>
      tx.run(
        `MATCH (:${this.baseLabel} {id: $id})-[r:RELATED_PARTY|AT_PLACE]->(t) RETURN r.role AS role, t.id AS id, t.kind AS kind ORDER BY role, id`,
        { id },
      ),
    );
    return result.records.map((record) => record.toObject() as { role: string; id: string; kind: string });
  }

  async get(id: string): Promise<PartyOrPlace> {
    const [found] = await this.query(`MATCH (p:${this.baseLabel} {id: $id})`, { id });
    if (!found) throw new InventoryError('notFound', `no ${this.category} with id ${id}`, ['id']);
    return found;
  }

  list(kindName: string): Promise<PartyOrPlace[]> {
    return this.query(`MATCH (p:${this.baseLabel} {kind: $kind})`, { kind: this.kindOf(kindName).name });
  }

  private async query(match: string, params: Record<string, unknown>): Promise<PartyOrPlace[]> {
    const result = await this.store.read((tx) =>
      tx.run(`${match} RETURN p { .id, .name, .kind, .type } AS p ORDER BY p.id`, params),
    );
    return result.records.map((record) => {
      const { name, ...rest } = record.get('p') as PartyOrPlace & { name: string | null };
      return name === null ? rest : { ...rest, name };
    });
  }
}
