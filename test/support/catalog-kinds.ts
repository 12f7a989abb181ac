import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { defineInstanceKind } from '../../model/instance-kind.js';

/**
 * Kinds whose specifications are this run's own (fresh ids, a fresh camelCase name), so a test may
 * delete them without touching the example kinds other tests and processes use: `Line` and
 * `LineV2`, majors 1 and 2 of one name; `Probe`, a second name; and `Gone`, a kind to register
 * once and then leave out of the domain.
 */
/** `prefix` starts the kind names (a capital: `Catalog` makes `CatalogLine`) and, lower-cased, the specification names. */
export function catalogTestKinds(prefix: string) {
  const letters = randomUUID()
    .replace(/-/g, '')
    .replace(/[0-9]/g, (digit) => 'ghijklmnop'[Number(digit)] ?? 'x');
  const name = (what: string) => `${prefix.toLowerCase()}${what}${letters.slice(0, 10)}`;
  const line = name('Line');
  const characteristics = { line: z.strictObject({ speed: z.enum(['50', '100', '1000']).optional() }) };
  const kind = (kindName: string, specName: string, major: number) =>
    defineInstanceKind({
      name: kindName,
      specification: { id: randomUUID(), name: specName, type: 'serviceSpecification', major },
      characteristics,
    });
  return {
    Line: kind(`${prefix}Line`, line, 1),
    LineV2: kind(`${prefix}LineV2`, line, 2),
    Probe: kind(`${prefix}Probe`, name('Probe'), 1),
    Gone: kind(`${prefix}Gone`, name('Gone'), 1),
  };
}
