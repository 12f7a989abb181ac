import type { RoleRef } from '../../model/instance-input.js';
import { isPlainObject, operatorOf, type Json } from '../operators.js';

/** The alternatives an expected value allows: the operands of an `$anyOf`, else the value itself. */
export function alternativesOf(expected: Json): Json[] {
  const operator = operatorOf(expected);
  if (operator?.name !== '$anyOf') return [expected];
  return Array.isArray(operator.operand) ? operator.operand : [];
}

/** A literal to write for an expected value: itself, the first literal of an $anyOf, or undefined. */
export function literalOf(expected: Json | undefined): Json | undefined {
  if (expected === undefined) return undefined;
  const operator = operatorOf(expected);
  if (operator) {
    if (operator.name !== '$anyOf') return undefined;
    return alternativesOf(expected)
      .map(literalOf)
      .find((literal) => literal !== undefined);
  }
  if (Array.isArray(expected)) {
    const items: Json[] = [];
    for (const item of expected) {
      const literal = literalOf(item);
      if (literal === undefined) return undefined;
      items.push(literal);
    }
    return items;
  }
  if (isPlainObject(expected)) {
    const literals = literalsOf(expected);
    return Object.keys(literals).length === Object.keys(expected).length ? literals : undefined;
  }
  return expected;
}

/** The values that have a literal, by name, each as that literal (the others left out). */
export function literalsOf(values: Record<string, Json | undefined> | undefined): Record<string, Json> {
  const literals: Record<string, Json> = {};
  for (const [name, value] of Object.entries(values ?? {})) {
    const literal = literalOf(value);
    if (literal !== undefined) literals[name] = literal;
  }
  return literals;
}

/** The actual value with the expected literal laid over it (objects merge; everything else is replaced). */
export function overlay(actual: Json | undefined, expected: Json): Json {
  if (isPlainObject(actual) && isPlainObject(expected)) {
    const merged: Record<string, Json> = { ...actual };
    for (const [key, value] of Object.entries(expected)) merged[key] = overlay(actual[key], value);
    return merged;
  }
  return expected;
}

/** An object without its undefined entries: what it is as JSON. */
export function definedEntries(values: Record<string, Json | undefined>): Record<string, Json> {
  const defined: Record<string, Json> = {};
  for (const [key, value] of Object.entries(values)) if (value !== undefined) defined[key] = value;
  return defined;
}

/** The role refs that name an id (an expected role without one cannot be written). */
export function withIds(refs: Array<{ role: string; id?: string | undefined }> | undefined): RoleRef[] {
  return (refs ?? []).flatMap((ref) => (ref.id ? [{ role: ref.role, id: ref.id }] : []));
}
