import { describe, expect, it } from 'vitest';
import { retryingLostRaces } from '../../activities/run-task.js';
import { AssignmentRaceLost } from '../../graph/assignment-repository.js';
import { InventoryError } from '../../model/inventory-error.js';

/** A transaction run again when it lost a race: a value to a concurrent assigner, or a race its caller names. */
describe('retryingLostRaces', () => {
  /** A transaction that fails with these errors in turn, then answers 'done'; `runs` counts its attempts. */
  const failingWith = (...errors: Error[]) => {
    const counter = { runs: 0 };
    const transaction = () => {
      const error = errors[counter.runs];
      counter.runs += 1;
      return error ? Promise.reject(error) : Promise.resolve('done');
    };
    return { counter, transaction };
  };
  const builtFirst = () => new InventoryError('conflict', 'id: an instance with this id exists');
  const isConflict = (error: unknown) => error instanceof InventoryError && error.code === 'conflict';

  it('runs again after a value lost, and after a race the caller names', async () => {
    const { counter, transaction } = failingWith(new AssignmentRaceLost(), builtFirst());
    await expect(retryingLostRaces(transaction, isConflict)).resolves.toBe('done');
    expect(counter.runs).toBe(3);
  });

  it('any other failure is thrown at once', async () => {
    const { counter, transaction } = failingWith(builtFirst());
    await expect(retryingLostRaces(transaction)).rejects.toMatchObject({ code: 'conflict' });
    expect(counter.runs).toBe(1);
  });

  it('past its attempts, a named race throws its own error; values lost throw a conflict on the pool', async () => {
    const named = failingWith(...Array.from({ length: 8 }, builtFirst));
    await expect(retryingLostRaces(named.transaction, isConflict)).rejects.toThrow('an instance with this id exists');
    expect(named.counter.runs).toBe(8);
    const lost = failingWith(...Array.from({ length: 8 }, () => new AssignmentRaceLost()));
    await expect(retryingLostRaces(lost.transaction)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('gave up after 8 attempts') as unknown,
    });
  });
});
