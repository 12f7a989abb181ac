import type { InstanceType } from '../../model/instance-ref.js';
import { InventoryError } from '../../model/inventory-error.js';
import type { RegisteredInstanceKind, Registry } from '../../model/registry.js';
import type { InstanceSnapshot } from '../../model/tmf-json.js';
import type { TmfVersion } from '../../model/tmf/state-vocabulary.js';
import type { ExpectationBody } from '../expectation-schema.js';
import { isPlainObject } from '../operators.js';

/**
 * What translating a TMF write (a POST body, or a PATCH applied to an instance's representation)
 * into expectation sections works with: the write, the kind it builds, and what it found so far —
 * the sections, where each came from, and the problems, each naming the TMF field.
 */

/** A TMF write, before translation. */
export interface TmfWrite {
  type: InstanceType;
  version: TmfVersion;
  /** POST: the request body. PATCH: the instance's representation with the patch applied. */
  document: Record<string, unknown>;
  /** PATCH: the instance as it is, and its representation in the version (what the patch was applied to). */
  current?: { snapshot: InstanceSnapshot; representation: Record<string, unknown> };
}

/** The sections of an expectation a write sets. */
export type ExpectationSections = Partial<Omit<ExpectationBody, 'actualId' | 'exists'>>;

/** For an expectation path a write set (`characteristics.broadband`), the TMF field it came from. */
export type Origins = Map<string, string>;

export interface WriteContext {
  write: TmfWrite;
  registry: Registry;
  /** The kind the write builds (POST), or the actual's (PATCH, unless it moves it to another version). */
  kind: RegisteredInstanceKind;
  sections: ExpectationSections;
  origins: Origins;
  problems: string[];
}

/** A write the kind (or the engine) cannot express: HTTP 422, every problem naming its TMF field. */
export class TmfWriteError extends InventoryError {
  constructor(
    readonly problems: string[],
    what: string,
  ) {
    super(
      'invalidInput',
      `${what}: ${problems.join('; ')}`,
      problems.map((problem) => problem.split(': ')[0]!),
    );
    this.name = 'TmfWriteError';
  }
}

export function refuse(context: WriteContext, field: string, message: string): void {
  context.problems.push(`${field}: ${message}`);
}

/** `serviceCharacteristic[2]`: an element of a TMF list, as problems name it. */
export const elementAt = (field: string, index: number) => `${field}[${index}]`;

/** JSON equality, whatever the key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a).filter((key) => a[key] !== undefined);
    const otherKeys = Object.keys(b).filter((key) => b[key] !== undefined);
    return keys.length === otherKeys.length && keys.every((key) => sameJson(a[key], b[key]));
  }
  return a === b;
}

/** The objects of a TMF list (anything else is the request schema's to refuse). */
export const objectsOf = (value: unknown): Array<Record<string, unknown>> =>
  Array.isArray(value) ? value.filter(isPlainObject) : [];

/** A string field of an object, or undefined. */
export const textOf = (object: unknown, key: string): string | undefined => {
  const value = isPlainObject(object) ? object[key] : undefined;
  return typeof value === 'string' ? value : undefined;
};

/** The value of `field` in the representation the PATCH was applied to (undefined for a POST). */
export const currentOf = (context: WriteContext, field: string): unknown =>
  context.write.current?.representation[field];

/** Whether a write says nothing new about `field`: unchanged by a PATCH, or absent from a POST. */
export function untouched(context: WriteContext, field: string): boolean {
  const { document, current } = context.write;
  return current ? sameJson(document[field], current.representation[field]) : document[field] === undefined;
}

/** How a refused write is introduced: `invalid TMF638 v4 service`. */
export const writeDescription = (write: TmfWrite) =>
  `invalid TMF${write.type === 'service' ? '638' : '639'} ${write.version} ${write.type}`;

export const baseTypeOf = (type: InstanceType) => (type === 'service' ? 'Service' : 'Resource');
