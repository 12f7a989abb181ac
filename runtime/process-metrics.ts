import { collectDefaultMetrics, Registry } from 'prom-client';

let processRegistry: Registry | undefined;

/**
 * Node's own series (CPU, memory, event-loop lag, GC, handles: prom-client's default metrics),
 * for the whole process. They describe the process, not one server in it, so they are collected
 * once — however many APIs or worker ports a process (a test file) builds — and each `/metrics`
 * merges them with its own registry.
 */
export function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}
