import { z } from 'zod';
import { isPlainObject, operatorOf, operatorProblems, type Json } from './operators.js';

/**
 * Checks an expected value against the same zod schema that checks actual values, where
 * the expectation may put an operator in place of any value: literal leaves are parsed by
 * the schema, operators by their own rules (and their operands by the schema again).
 * An expectation is partial, so required object keys may be left out.
 */
export function expectedValueProblems(schema: z.ZodType, value: Json, path: string[]): string[] {
  const where = (inner: Array<string | number>) => [...path, ...inner.map(String)].join('.');
  const operator = operatorOf(value);
  if (operator) {
    const own = operatorProblems(value, path);
    if (own.length > 0) return own;
    if (['$anyOf', '$oneOf', '$allOf', '$noneOf'].includes(operator.name)) {
      return (operator.operand as Json[]).flatMap((operand, index) =>
        expectedValueProblems(schema, operand, [...path, operator.name, String(index)]),
      );
    }
    if (operator.name === '$ordered') {
      const element = unwrap(schema);
      if (!(element instanceof z.ZodArray)) return [`${path.join('.')}.$ordered: the value is not a list`];
      return (operator.operand as Json[]).flatMap((operand, index) =>
        expectedValueProblems(element.element as z.ZodType, operand, [...path, '$ordered', String(index)]),
      );
    }
    return [];
  }
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject && isPlainObject(value)) {
    const shape = inner.shape as Record<string, z.ZodType>;
    return Object.entries(value).flatMap(([key, item]) =>
      Object.hasOwn(shape, key)
        ? expectedValueProblems(shape[key]!, item, [...path, key])
        : [`${where([key])}: not a field of this value (fields: ${Object.keys(shape).join(', ')})`],
    );
  }
  if (inner instanceof z.ZodArray && Array.isArray(value)) {
    return value.flatMap((item, index) =>
      expectedValueProblems(inner.element as z.ZodType, item, [...path, String(index)]),
    );
  }
  const parsed = schema.safeParse(value);
  return parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${where(issue.path as Array<string | number>)}: ${issue.message}`);
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}
