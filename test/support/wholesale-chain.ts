import { CVC, NNI, UNI, AccessSeeker, Exchange, Premises } from '../../examples/wholesale/index.js';
import type { testInventory } from './inventory.js';

type TestInventory = ReturnType<typeof testInventory>;

/**
 * The wholesale chain an AVC inherits its facts along, built by hand (tracked for clean-up): an
 * exchange and a premises, an access seeker, an NNI at the exchange, a CVC of the seeker with
 * S-VLANs 100..199, and a UNI at the premises with ports 1..4. The NNI does not carry the CVC yet:
 * the chain is one fact short until something relates them. `prefix` keeps each test's ids its own.
 */
export async function wholesaleChain({ inventory, track }: Pick<TestInventory, 'inventory' | 'track'>, prefix: string) {
  const exchange = track.party(await inventory.places.create(Exchange.name, { id: `3${prefix}` }));
  const premises = track.party(await inventory.places.create(Premises.name, { id: `LOC${prefix}` }));
  const seeker = track.party(await inventory.parties.create(AccessSeeker.name, { id: `AS-${prefix}` }));
  const nni = track.instance(
    await inventory.instances.build(NNI, { name: `NNI-${prefix}`, places: [{ role: 'exchange', id: exchange.id }] }),
  );
  const cvc = track.instance(
    await inventory.instances.build(CVC, { name: `CVC-${prefix}`, parties: [{ role: 'provider', id: seeker.id }] }),
  );
  await inventory.instances.define(CVC, cvc.id, { pools: { svlans: { first: 100, last: 199 } } });
  const uni = track.instance(
    await inventory.instances.build(UNI, { name: `UNI-${prefix}`, places: [{ role: 'site', id: premises.id }] }),
  );
  await inventory.instances.define(UNI, uni.id, { pools: { ports: { first: 1, last: 4 } } });
  return { exchange, premises, seeker, nni, cvc, uni };
}
