import { describe, expect, it } from 'vitest';
import { CVC, NNI, UNI, AccessSeeker, Exchange, Premises, wholesaleKinds } from '../../examples/wholesale/index.js';
import { uniqueId } from '../support/graph.js';
import { eventually } from '../support/eventually.js';
import { reconcileHarness } from '../support/reconcile-harness.js';

/**
 * An expectation on inherited facts, reconciled by a real workflow: outstanding until the
 * chain delivers them; blocked in between with what the chain lacks.
 */
describe('reconciling an AVC whose installation site and exchange are inherited', () => {
  const harness = reconcileHarness(wholesaleKinds);
  const { inventory, track } = harness;
  const run = uniqueId('inh').slice(-8);

  it('blocked while the chain is short, met once the NNI carries the CVC', async () => {
    const exchange = track.party(await inventory.places.create(Exchange.name, { id: `3SYD-${run}` }));
    const premises = track.party(await inventory.places.create(Premises.name, { id: `LOC100${run}` }));
    const seeker = track.party(await inventory.parties.create(AccessSeeker.name, { id: `AS-${run}` }));
    const nni = track.instance(
      await inventory.instances.build(NNI, { name: `NNI-${run}`, places: [{ role: 'exchange', id: exchange.id }] }),
    );
    const cvc = track.instance(
      await inventory.instances.build(CVC, { name: `CVC-${run}`, parties: [{ role: 'provider', id: seeker.id }] }),
    );
    await inventory.instances.define(CVC, cvc.id, { pools: { svlans: { first: 100, last: 199 } } });
    const uni = track.instance(
      await inventory.instances.build(UNI, { name: `UNI-${run}`, places: [{ role: 'site', id: premises.id }] }),
    );
    await inventory.instances.define(UNI, uni.id, { pools: { ports: { first: 1, last: 4 } } });

    const id = track.expectationId(uniqueId('exp-avc'));
    const intent = {
      kind: 'AVC',
      name: `AVC-${run}`,
      characteristics: { speedTier: '50/20' },
      assignments: [{ alias: 'uni', pool: 'ports', from: uni.id }],
      inherited: { installationSite: premises.id, exchange: exchange.id, provider: [seeker.id] },
      blockedRetrySeconds: 1,
    };
    const first = await harness.submit(intent, id);
    expect(first.settled.status).toBe('blocked');
    expect(first.settled.reason).toContain(
      'inherited place "exchange" is unknown: this instance has no held assignment with alias "svlan" yet — expect an assignment with alias "svlan" on this instance',
    );
    expect(first.settled.outstanding).toEqual({ inherited: { exchange: exchange.id, provider: [seeker.id] } });

    const second = await harness.submit(
      { ...intent, assignments: [...intent.assignments, { alias: 'svlan', pool: 'svlans', from: cvc.id }] },
      id,
    );
    expect(second.settled.status).toBe('blocked');
    expect(second.settled.reason).toBe(
      `inherited place "exchange" is unknown: ${cvc.id} has (reached by hop 1 of 2) no incoming relationship with type "carries" — a fact of another instance along the chain: expect it on that instance`,
    );
    expect(second.settled.outstanding).toEqual({ inherited: { exchange: exchange.id } });

    // The missing fact is the NNI's: relate it out of band; the blocked reconciler retries on its own.
    await inventory.instances.relate(nni.id, [{ type: 'carries', target: cvc.id }]);
    const met = await eventually(
      () => harness.expectations.get(id),
      (current) => current.status === 'met',
    );
    expect(met).toMatchObject({ status: 'met', outstanding: null, observedGeneration: 2 });
    const avc = await inventory.instances.get(id);
    expect(avc.places).toEqual([]);
    expect(avc.assignments.map((assignment) => assignment.alias).sort()).toEqual(['svlan', 'uni']);
  });
});
