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

/** A whole number from `min` to `max` (commander names the option in its usage error). */
export const wholeNumberFrom =
  (min: number, max = Number.MAX_SAFE_INTEGER) =>
  (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value.trim()) || number < min || number > max)
      throw new InvalidArgumentError(
        `expected a whole number ≥ ${min}${max < Number.MAX_SAFE_INTEGER ? ` and ≤ ${max}` : ''}`,
      );
    return number;
  };

export const wholeNumber = wholeNumberFrom(0);
