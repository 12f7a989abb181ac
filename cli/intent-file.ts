import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { isPlainObject } from '../expectations/operators.js';
import { instanceIdSchema } from '../model/instance-input.js';
import { BadInputError } from './exit-codes.js';

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

export async function readIntents(source: string): Promise<Intent[]> {
  const text = await readSource(source);
  let document: unknown;
  try {
    document = parseYaml(text); // YAML is a superset of JSON: one parser reads both
  } catch (error) {
    throw new BadInputError([`${source}: not valid JSON or YAML (${(error as Error).message.split('\n')[0]})`]);
  }
  const items = Array.isArray(document) ? document : [document];
  const problems: string[] = [];
  const intents = items.flatMap((item, index): Intent[] => {
    const where = Array.isArray(document) ? `[${index}]` : '(document)';
    if (!isPlainObject(item)) {
      problems.push(`${where}: expected an expectation object`);
      return [];
    }
    const { id, ...body } = item as Record<string, unknown>;
    const parsedId = id === undefined ? undefined : instanceIdSchema.safeParse(id);
    if (parsedId && !parsedId.success) {
      problems.push(`${where}.id: ${z.prettifyError(parsedId.error).replace(/\n/g, ' ')}`);
      return [];
    }
    return [{ ...(typeof id === 'string' ? { id } : {}), body }];
  });
  if (items.length === 0) problems.push(`${source}: holds no expectation`);
  if (problems.length > 0) throw new BadInputError(problems);
  return intents;
}
