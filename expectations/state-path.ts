import type { InstanceType } from '../model/instance-ref.js';
import {
  allowedResourceTransitions,
  allowedServiceTransitions,
  type ResourceLifecycleState,
  type ServiceState,
} from '../model/lifecycle.js';

/**
 * The next state on a shortest path from `from` to `to` along the allowed transitions
 * (breadth first, in declaration order, so the same question always gets the same answer),
 * or undefined when `to` cannot be reached.
 */
export function nextStateToward(type: InstanceType, from: string, to: string): string | undefined {
  if (from === to) return undefined;
  const next = (state: string): readonly string[] =>
    type === 'service'
      ? allowedServiceTransitions(state as ServiceState)
      : (allowedResourceTransitions(state as ResourceLifecycleState) ?? []);
  const firstStep = new Map<string, string>();
  const queue: string[] = [];
  for (const state of next(from)) {
    if (!firstStep.has(state)) {
      firstStep.set(state, state);
      queue.push(state);
    }
  }
  while (queue.length > 0) {
    const state = queue.shift()!;
    if (state === to) return firstStep.get(state);
    for (const following of next(state)) {
      if (!firstStep.has(following) && following !== from) {
        firstStep.set(following, firstStep.get(state)!);
        queue.push(following);
      }
    }
  }
  return undefined;
}
