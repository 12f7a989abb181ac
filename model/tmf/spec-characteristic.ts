import { z } from 'zod';

/**
 * What a characteristic's zod schema declares, as TMF633/TMF634 characteristic specifications:
 * one for the characteristic and one for each field of an object, named by its dotted path
 * (`broadband.technology`), with its `valueType` (string, integer, number, boolean, object,
 * array, null or any), the allowed values of an enum or literal, and its cardinality (min 0 when
 * the value may be absent; max 1, none for an array). Derived from the schema each time; never
 * stored. Each API version names the list of allowed values its own way
 * (model/tmf/specification-json.ts); here it is `values`.
 */
export interface SpecCharacteristicValue {
  value: unknown;
  valueType: string;
}

export interface SpecCharacteristic {
  name: string;
  valueType: string;
  configurable: boolean;
  minCardinality: number;
  maxCardinality?: number;
  values?: SpecCharacteristicValue[];
}

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

const valueTypeOfValue = (value: unknown): string =>
  value === null ? 'null' : Number.isInteger(value) ? 'integer' : typeof value;

/** The values a schema allows, when it names them (enum, const, or a union of those). */
function allowedValues(schema: JsonSchema): unknown[] | undefined {
  if (schema.enum) return schema.enum;
  if ('const' in schema) return [schema.const];
  const options = schema.anyOf ?? schema.oneOf;
  if (!options) return undefined;
  const values = options.map(allowedValues);
  return values.every((found) => found !== undefined) ? values.flat() : undefined;
}

function valueTypeOf(schema: JsonSchema, values: unknown[] | undefined): string {
  if (typeof schema.type === 'string') return schema.type;
  const named = schema.type?.filter((type) => type !== 'null');
  if (named?.length === 1 && named[0]) return named[0];
  const types = new Set(values?.map(valueTypeOfValue));
  if (types.size === 1) return [...types][0] ?? 'any';
  const options = (schema.anyOf ?? schema.oneOf ?? []).filter((option) => option.type !== 'null');
  return options.length === 1 && options[0] ? valueTypeOf(options[0], undefined) : 'any';
}

/** The object schema a schema is, or is one non-null option of. */
function objectOf(schema: JsonSchema): JsonSchema | undefined {
  if (schema.properties) return schema;
  const options = (schema.anyOf ?? schema.oneOf ?? []).filter((option) => option.type !== 'null');
  return options.length === 1 && options[0] ? objectOf(options[0]) : undefined;
}

function characteristicsOf(name: string, schema: JsonSchema, required: boolean): SpecCharacteristic[] {
  const values = allowedValues(schema);
  const valueType = valueTypeOf(schema, values);
  const own: SpecCharacteristic = {
    name,
    valueType,
    configurable: true,
    minCardinality: required ? 1 : 0,
    ...(valueType === 'array' ? {} : { maxCardinality: 1 }),
    ...(values ? { values: values.map((value) => ({ value, valueType: valueTypeOfValue(value) })) } : {}),
  };
  const object = objectOf(schema);
  const fields = Object.entries(object?.properties ?? {}).flatMap(([field, inner]) =>
    characteristicsOf(`${name}.${field}`, inner, object?.required?.includes(field) ?? false),
  );
  return [own, ...fields];
}

/** The characteristic specifications of a kind's (or a feature's) characteristic schemas. */
export function specCharacteristicsOf(schemas: Record<string, z.ZodType>): SpecCharacteristic[] {
  return Object.entries(schemas).flatMap(([name, schema]) =>
    characteristicsOf(
      name,
      z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as JsonSchema,
      !schema.safeParse(undefined).success,
    ),
  );
}
