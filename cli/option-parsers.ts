import { InvalidArgumentError } from 'commander';

/** Option parsers: a bad value is a usage error (exit 2) naming what was expected. */
export const positiveNumber =
  (unit: string) =>
  (value: string): number => {
    const number = Number(value);
    if (!Number.isFinite(number) || number <= 0)
      throw new InvalidArgumentError(`expected a positive number of ${unit}`);
    return number;
  };

export function wholeNumber(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return number;
}

/** A whole number from `min` to `max`: a page size, say. */
export const wholeNumberWithin =
  (min: number, max: number) =>
  (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < min || number > max)
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return number;
  };
