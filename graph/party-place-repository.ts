import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { instanceIdSchema } from '../model/instance-input.js';
import { InventoryError, parseInput } from '../model/inventory-error.js';
import { assertIdentifier } from '../model/identifier.js';
import type { Registry } from '../model/registry.js';
import { violatedConstraint, type GraphStore } from './graph-store.js';

/**
 * Parties (who) and places (where): nodes labelled `Party` or `Place` plus their kind's
 * label, with an id that may be meaningful (an ABN, a data-centre code).
 */

export interface PartyOrPlace {
  id: string;
  name?: string;
  kind: string;
  type: string;
}

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
      if (violatedConstraint(error)) throw new InventoryError('conflict', `a ${this.category} with id ${id} already exists`, ['id']);
      throw error;
    }
    return { id, ...(name ? { name } : {}), kind: kind.name, type: kind.type };
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
    const result = await this.store.read((tx) => tx.run(`${match} RETURN p { .id, .name, .kind, .type } AS p ORDER BY p.id`, params));
    return result.records.map((record) => {
      const { name, ...rest } = record.get('p') as PartyOrPlace & { name: string | null };
      return name === null ? rest : { ...rest, name };
    });
  }
}
