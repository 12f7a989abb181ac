import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { isPlainObject } from '../expectations/operators.js';
import { inputLimits, jsonLimitProblems } from '../model/input-limits.js';
import { instanceIdSchema } from '../model/instance-input.js';
import { BadInputError } from './exit-codes.js';
import { yamlFlowDepth } from './yaml-flow-depth.js';

/**
 * Reads intents from a JSON or YAML file (or `-` for standard input): one expectation or a
 * list of them. An optional `id` field names the expectation (submitting the same id again
 * makes a new generation); it is not part of the expectation body.
 */
export interface Intent {
  id?: string;
  body: Record<string, unknown>;
}

async function readSource(source: string): Promise<string> {
  if (source !== '-')
    return readFile(source, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new BadInputError([`${source}: cannot read (${error.code ?? error.message})`]);
    });
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * JSON first (its parser does not recurse, so a value nested thousands deep is measured by the
 * expectation's limits), else YAML — which recurses, so flow collections nested deeper than
 * the input limit are refused before it runs.
 */
function parseDocument(source: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // not JSON: YAML, a superset of it
  }
  if (yamlFlowDepth(text) > inputLimits.maxNestingDepth)
    throw new BadInputError([`${source}: nested deeper than ${inputLimits.maxNestingDepth} levels of [ and {`]);
  try {
    return parseYaml(text);
  } catch (error) {
    throw new BadInputError([`${source}: not valid JSON or YAML (${(error as Error).message.split('\n')[0]})`]);
  }
}

/** The objects in a JSON or YAML file (or `-`): one object or a list of them, each a `noun`. */
export async function readObjects(source: string, noun: string): Promise<Array<Record<string, unknown>>> {
  const document = parseDocument(source, await readSource(source));
  const tooBig = jsonLimitProblems(document, '(document)'); // the limits every HTTP body meets at the door
  if (tooBig.length > 0) throw new BadInputError(tooBig);
  const items = document === null || document === undefined ? [] : Array.isArray(document) ? document : [document];
  const problems = items.flatMap((item, index) =>
    isPlainObject(item) ? [] : [`${Array.isArray(document) ? `[${index}]` : '(document)'}: expected ${noun} object`],
  );
  if (items.length === 0) problems.push(`${source}: holds no ${noun}`);
  if (problems.length > 0) throw new BadInputError(problems);
  return items as Array<Record<string, unknown>>;
}

export async function readIntents(source: string): Promise<Intent[]> {
  const items = await readObjects(source, 'an expectation');
  const problems: string[] = [];
  const intents = items.flatMap((item, index): Intent[] => {
    const where = items.length > 1 ? `[${index}]` : '(document)';
    const { id, ...body } = item;
    const parsedId = id === undefined ? undefined : instanceIdSchema.safeParse(id);
    if (parsedId && !parsedId.success) {
      problems.push(`${where}.id: ${z.prettifyError(parsedId.error).replace(/\n/g, ' ')}`);
      return [];
    }
    return [{ ...(typeof id === 'string' ? { id } : {}), body }];
  });
  if (problems.length > 0) throw new BadInputError(problems);
  return intents;
}
