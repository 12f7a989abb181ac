import { runTask } from '../../activities/run-task.js';
import type { ExpectationBody } from '../../expectations/expectation-schema.js';
import { actualIdOf, plan } from '../../expectations/planner.js';
import type { Task } from '../../expectations/tasks.js';
import type { Inventory } from '../../graph/inventory.js';
import { InventoryError } from '../../model/inventory-error.js';

/**
 * The observe → plan → act loop without Temporal, for tests of the planner against real
 * builds: returns the tasks it ran until the expectation was met, or throws when blocked.
 */
export async function reconcileUntilMet(
  inventory: Inventory,
  expectationId: string,
  expectation: ExpectationBody,
  generation = 1,
  maxSteps = 25,
): Promise<Task[]> {
  const ran: Task[] = [];
  for (let step = 0; step < maxSteps; step += 1) {
    const actual = await inventory.instances.get(actualIdOf(expectationId, expectation)).catch((error: unknown) => {
      if (error instanceof InventoryError && error.code === 'notFound') return null;
      throw error;
    });
    const next = plan({ expectationId, generation, expectation, actual, registry: inventory.registry });
    if (next.outcome === 'met') return ran;
    if (next.outcome === 'blocked')
      throw new Error(`blocked after ${ran.map((task) => task.type).join(', ') || 'nothing'}: ${next.reason}`);
    await runTask(inventory, next.task);
    ran.push(next.task);
  }
  throw new Error(`not met after ${maxSteps} steps: ${ran.map((task) => task.type).join(', ')}`);
}
