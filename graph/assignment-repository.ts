import { InventoryError, parseInput } from '../model/inventory-error.js';
import { chooseFreeValue } from '../model/assignment-choice.js';
import { assignInputSchema, unassignInputSchema, type AssignInput, type Assignment, type UnassignInput } from '../model/assignment-input.js';
import { canAssignFrom } from '../model/lifecycle.js';
import type { AssignmentAlgorithm } from '../model/pool.js';
import { violatedConstraint, type GraphStore } from './graph-store.js';

/**
 * Pool assignments: `(owner)-[:ASSIGNED_TO {pool, thing, value, alias}]->(assignee)`.
 * A value is given at most once per pool (valueKey) and an assignee holds one assignment
 * per alias (slotKey): both are Neo4j uniqueness constraints, so concurrent assigners can
 * never both win. An auto-assign that loses a race tries again with another free value.
 */

const maxAttempts = 64;

interface PoolState {
  ownerType: 'service' | 'resource';
  ownerState: string;
  thing: string;
  first: number | null;
  last: number | null;
  algorithm: AssignmentAlgorithm | null;
  taken: number[];
  assigneeFound: boolean;
}

class RaceLost extends Error {}

export class AssignmentRepository {
  constructor(private readonly store: GraphStore) {}

  async assign(request: AssignInput): Promise<Assignment> {
    const input = parseInput(assignInputSchema, request, 'assignment');
    for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
      try {
        return await this.store.write(async (tx) => {
          const result = await tx.run(
            `MATCH (o:Instance {id: $owner})
             OPTIONAL MATCH (o)-[:HAS_POOL]->(p:Pool {name: $pool})
             RETURN o.type AS ownerType, coalesce(o.state, o.lifecycleState) AS ownerState,
                    p.thing AS thing, p.first AS first, p.last AS last, p.algorithm AS algorithm, p IS NOT NULL AS poolFound,
                    [(o)-[a:ASSIGNED_TO]->() WHERE a.pool = $pool | a.value] AS taken,
                    EXISTS { MATCH (x:Instance {id: $assignee}) } AS assigneeFound`,
            input,
          );
          const row = result.records[0]?.toObject() as (PoolState & { poolFound: boolean }) | undefined;
          if (!row) throw new InventoryError('notFound', `owner: no instance with id ${input.owner}`, ['owner']);
          if (!row.poolFound) throw new InventoryError('notFound', `pool: instance ${input.owner} has no pool "${input.pool}"`, ['pool']);
          if (!row.assigneeFound) throw new InventoryError('notFound', `assignee: no instance with id ${input.assignee}`, ['assignee']);
          if (!canAssignFrom(row.ownerType, row.ownerState)) {
            throw new InventoryError('invalidState', `owner: ${input.owner} is ${row.ownerState}, so its pools cannot assign`, ['owner']);
          }
          if (row.first === null || row.last === null) {
            throw new InventoryError('invalidState', `pool: ${input.owner}'s pool "${input.pool}" has no bounds yet: define first and last`, ['pool']);
          }
          const value =
            input.value === 'auto'
              ? chooseFreeValue(row.first, row.last, row.taken, row.algorithm ?? 'lowest', attempt)
              : input.value;
          if (value === undefined) {
            throw new InventoryError('poolExhausted', `pool: ${input.owner}'s pool "${input.pool}" is exhausted (${row.first}..${row.last} all assigned)`, ['pool']);
          }
          if (value < row.first || value > row.last) {
            throw new InventoryError('invalidInput', `value: ${value} is outside ${input.owner}'s pool "${input.pool}" (${row.first}..${row.last})`, ['value']);
          }
          if (input.value !== 'auto' && row.taken.includes(value)) {
            throw new InventoryError('conflict', `value: ${value} of pool "${input.pool}" is already assigned`, ['value']);
          }
          const props = {
            pool: input.pool,
            thing: row.thing,
            value,
            alias: input.alias ?? null,
            valueKey: `${input.owner}/${input.pool}/${value}`,
            slotKey: input.alias ? `${input.assignee}/${input.alias}` : null,
          };
          try {
            await tx.run(
              'MATCH (o:Instance {id: $owner}), (x:Instance {id: $assignee}) CREATE (o)-[a:ASSIGNED_TO]->(x) SET a = $props',
              { owner: input.owner, assignee: input.assignee, props },
            );
          } catch (error) {
            const violated = violatedConstraint(error);
            if (violated?.property === 'slotKey') {
              throw new InventoryError('conflict', `alias: ${input.assignee} already holds an assignment in slot "${input.alias}"`, ['alias']);
            }
            if (violated?.property === 'valueKey') {
              if (input.value === 'auto') throw new RaceLost();
              throw new InventoryError('conflict', `value: ${value} of pool "${input.pool}" is already assigned`, ['value']);
            }
            throw error;
          }
          const assignment: Assignment = { owner: input.owner, pool: input.pool, thing: row.thing, value, assignee: input.assignee };
          return input.alias ? { ...assignment, alias: input.alias } : assignment;
        });
      } catch (error) {
        if (error instanceof RaceLost) continue;
        throw error;
      }
    }
    throw new InventoryError('conflict', `pool: gave up after ${maxAttempts} attempts lost to concurrent assigners`, ['pool']);
  }

  /** Removes an assignment by (owner, pool, value) or by (assignee, alias); false if there was none. */
  async unassign(request: UnassignInput): Promise<boolean> {
    const input = parseInput(unassignInputSchema, request, 'unassignment');
    const key = 'owner' in input ? { valueKey: `${input.owner}/${input.pool}/${input.value}` } : { slotKey: `${input.assignee}/${input.alias}` };
    const [property, value] = Object.entries(key)[0]!;
    const result = await this.store.write((tx) =>
      tx.run(`MATCH ()-[a:ASSIGNED_TO]->() WHERE a.${property} = $value DELETE a RETURN count(*) AS removed`, { value }),
    );
    return (result.records[0]?.get('removed') as number) > 0;
  }

  /** Assignments held by an assignee, or given out by an owner. */
  async list(filter: { assignee: string } | { owner: string; pool?: string }): Promise<Assignment[]> {
    const where = 'assignee' in filter ? 'x.id = $assignee' : 'o.id = $owner AND ($pool IS NULL OR a.pool = $pool)';
    const result = await this.store.read((tx) =>
      tx.run(
        `MATCH (o:Instance)-[a:ASSIGNED_TO]->(x:Instance) WHERE ${where}
         RETURN o.id AS owner, a.pool AS pool, a.thing AS thing, a.value AS value, x.id AS assignee, a.alias AS alias
         ORDER BY owner, pool, value`,
        { pool: null, ...filter },
      ),
    );
    return result.records.map((record) => {
      const { alias, ...rest } = record.toObject() as Assignment & { alias: string | null };
      return alias === null ? rest : { ...rest, alias };
    });
  }
}
