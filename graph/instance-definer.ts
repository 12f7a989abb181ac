import type { ManagedTransaction } from 'neo4j-driver';
import { InventoryError } from '../model/inventory-error.js';
import type { DefineInput } from '../model/instance-input.js';
import type { RegisteredInstanceKind } from '../model/registry.js';

/**
 * define: new characteristic values (already validated by the kind's schemas), feature
 * switches and pool bounds, in the caller's transaction. A pool's bounds may not leave an
 * assigned value outside them; new bounds clear the pool's hints (see
 * pool-hints.ts). Parts a newer minor version declared are created on the way.
 */
export async function defineInstance(
  tx: ManagedTransaction,
  kind: RegisteredInstanceKind,
  id: string,
  input: DefineInput,
): Promise<void> {
  const featureRows = Object.entries(input.features ?? {}).flatMap(([name, feature]) =>
    feature ? [{ name, feature }] : [],
  );
  const rows: DefinitionRows = {
    characteristics: characteristicRows(id, input.characteristics),
    features: featureRows.map(({ name, feature }) => ({
      key: `${id}/${name}`,
      name,
      isEnabled: feature.isEnabled ?? kind.features[name]!.enabled,
      change: feature.isEnabled !== undefined,
    })),
    featureCharacteristics: featureRows.flatMap(({ name, feature }) =>
      characteristicRows(`${id}/${name}`, feature.characteristics).map((row) => ({
        featureKey: `${id}/${name}`,
        ...row,
      })),
    ),
    pools: poolRows(kind, id, input.pools),
  };
  await checkNoValueOutside(tx, id, rows.pools);
  await writeDefinition(tx, id, rows);
}

/** What define writes, as rows of the statement that writes it. */
interface DefinitionRows {
  characteristics: CharacteristicRow[];
  features: { key: string; name: string; isEnabled: boolean; change: boolean }[];
  featureCharacteristics: (CharacteristicRow & { featureKey: string })[];
  pools: PoolRow[];
}

interface CharacteristicRow {
  key: string;
  name: string;
  valueJson: string;
}

type PoolRow = ReturnType<typeof poolRows>[number];

/** The characteristic values given (undefined ones are left as they are), keyed below `owner`. */
function characteristicRows(owner: string, values: Record<string, unknown> | undefined): CharacteristicRow[] {
  return Object.entries(values ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ({ key: `${owner}/${name}`, name, valueJson: JSON.stringify(value) }));
}

/** The pool bounds given, with the thing each pool's kind declares it gives out. */
function poolRows(kind: RegisteredInstanceKind, id: string, pools: DefineInput['pools']) {
  return Object.entries(pools ?? {}).flatMap(([name, bounds]) =>
    bounds
      ? [
          {
            key: `${id}/${name}`,
            name,
            thing: kind.pools[name],
            bounds: { ...bounds, assignableType: bounds.assignableType ?? null },
          },
        ]
      : [],
  );
}

/** New bounds may not leave an assigned value outside them: the first pool that would is a conflict. */
async function checkNoValueOutside(tx: ManagedTransaction, id: string, pools: PoolRow[]): Promise<void> {
  for (const pool of pools) {
    const outside = await tx.run(
      `MATCH (i:Instance {id: $id})-[a:ASSIGNED_TO]->() WHERE a.pool = $pool AND (a.value < $first OR a.value > $last)
       RETURN count(a) AS outside`,
      { id, pool: pool.name, first: pool.bounds.first, last: pool.bounds.last },
    );
    const count = outside.records[0]?.get('outside') as number;
    if (count > 0) {
      throw new InventoryError(
        'conflict',
        `pools.${pool.name}: ${count} assigned value(s) lie outside ${pool.bounds.first}..${pool.bounds.last}; unassign them first`,
        [`pools.${pool.name}`],
      );
    }
  }
}

/** One statement: characteristics, features (created, or switched when asked), their characteristics, pools. */
async function writeDefinition(tx: ManagedTransaction, id: string, rows: DefinitionRows): Promise<void> {
  await tx.run(
    `MATCH (i:Instance {id: $id})
     SET i.updatedAt = $now
     FOREACH (c IN $characteristics |
       MERGE (i)-[:HAS_CHARACTERISTIC]->(x:Characteristic {key: c.key}) SET x.name = c.name, x.valueJson = c.valueJson)
     FOREACH (f IN $features |
       MERGE (i)-[:HAS_FEATURE]->(x:Feature {key: f.key})
       ON CREATE SET x.name = f.name, x.isEnabled = f.isEnabled
       FOREACH (_ IN CASE WHEN f.change THEN [1] ELSE [] END | SET x.isEnabled = f.isEnabled))
     WITH i
     CALL (i) {
       UNWIND $featureCharacteristics AS c
       MATCH (i)-[:HAS_FEATURE]->(f:Feature {key: c.featureKey})
       MERGE (f)-[:HAS_CHARACTERISTIC]->(x:Characteristic {key: c.key}) SET x.name = c.name, x.valueJson = c.valueJson
     }
     FOREACH (p IN $pools | MERGE (i)-[:HAS_POOL]->(x:Pool {key: p.key}) SET x.name = p.name, x.thing = p.thing, x += p.bounds, x.lowestMaybeFree = null, x.highestMaybeFree = null)`,
    { id, now: new Date().toISOString(), ...rows },
  );
}
