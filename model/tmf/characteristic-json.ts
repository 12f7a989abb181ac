import type { CharacteristicPart } from './instance-parts.js';
import { inheritedFromJson, typed, type JsonStyle } from './ref-json.js';

/**
 * Characteristics in TMF JSON. Every characteristic names its `valueType`; in v5 its `@type` is
 * the typed subclass its value fits (StringCharacteristic, IntegerCharacteristic,
 * ObjectArrayCharacteristic, …: 638v5/639v5 `#/components/schemas/Characteristic/discriminator`),
 * or plain `Characteristic` for an array of mixed values, which no subclass describes.
 */

const scalarKinds = [
  ['String', (value: unknown) => typeof value === 'string'],
  ['Integer', (value: unknown) => Number.isInteger(value)],
  ['Number', (value: unknown) => typeof value === 'number'],
  ['Boolean', (value: unknown) => typeof value === 'boolean'],
  ['Object', (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value)],
] as const;

/** `String`, `Integer`, …, `StringArray`, …, `ObjectArray`; undefined for an array of mixed values. */
export function valueKindOf(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    const kind = scalarKinds.find(([, fits]) => value.every(fits));
    return kind ? `${kind[0]}Array` : undefined;
  }
  return scalarKinds.find(([, fits]) => fits(value))?.[0];
}

/** The v5 `@type` of a characteristic with this value. */
export const characteristicTypeOf = (value: unknown) => `${valueKindOf(value) ?? ''}Characteristic`;

/** `string`, `integer`, …, `stringArray`, …; `array` for an array of mixed values. */
export function valueTypeOf(value: unknown): string {
  const kind = valueKindOf(value) ?? 'Array';
  return kind.charAt(0).toLowerCase() + kind.slice(1);
}

export function characteristicJson(style: JsonStyle, part: CharacteristicPart): Record<string, unknown> {
  const inheritedFrom = inheritedFromJson(style, part.inheritedFrom);
  return typed(style, characteristicTypeOf(part.value), {
    name: part.name,
    valueType: valueTypeOf(part.value),
    value: part.value,
    ...(inheritedFrom ? { inheritedFrom } : {}),
  });
}
