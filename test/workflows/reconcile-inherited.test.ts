import { describe, expect, it } from 'vitest';
import { wholesaleKinds } from '../../examples/wholesale/index.js';
import { uniqueId } from '../support/graph.js';
import { eventually } from '../support/eventually.js';
import { reconcileHarness } from '../support/reconcile-harness.js';
import { wholesaleChain } from '../support/wholesale-chain.js';

/**
 * An expectation on inherited facts, reconciled by a real workflow: outstanding until the
 * chain delivers them; blocked in between with what the chain lacks.
 */
describe('reconciling an AVC whose installation site and exchange are inherited', () => {
  const harness = reconcileHarness(wholesaleKinds);
  const { inventory, track } = harness;
  const run = uniqueId('inh').slice(-8);

  it('blocked while the chain is short, met once the NNI carries the CVC', async () => {
    const { exchange, premises, seeker, nni, cvc, uni } = await wholesaleChain(harness, `INH${run}`);

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
