import { GPU } from '../../examples/compute/index.js';
import type { testInventory } from './inventory.js';

type TestInventory = Pick<ReturnType<typeof testInventory>, 'inventory' | 'track'>;

/** A GPU built by hand (tracked for clean-up) with a pool of cores 1..`last`; its id. */
export async function gpuWithCores({ inventory, track }: TestInventory, name: string, last: number): Promise<string> {
  const gpu = track.instance(await inventory.instances.build(GPU, { name }));
  await inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last } } });
  return gpu.id;
}
