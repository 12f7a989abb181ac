import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { computeKinds } from '../../examples/compute/index.js';
import { wholesaleKinds } from '../../examples/wholesale/index.js';
import { WaitsForRepository } from '../../graph/waits-for-repository.js';
import type { StoredExpectation } from '../../graph/expectation-repository.js';
import { createPartyOrPlace } from '../../runtime/party-place-writes.js';
import { signalReconcilers } from '../../runtime/signal-reconcilers.js';
import { expectationChanged, workflowIdOf } from '../../workflows/reconcile-messages.js';
import { uniqueId } from '../support/graph.js';
import { gpuWithCores as gpuWithCoresOf } from '../support/gpu-with-cores.js';
import { eventually } from '../support/eventually.js';
import { reconcileHarness } from '../support/reconcile-harness.js';
import { settledHistory } from '../support/reconcile-history.js';
import { wholesaleChain } from '../support/wholesale-chain.js';

/**
 * Wake-ups by cause, over real workflows on the real Temporal server and Neo4j: a blocked
 * expectation records what it waits for, and whatever ends that wait — a value freed, a pool
 * grown, an instance, party or place created, a chain completed — wakes its reconciler. Every
 * blocked expectation here backs off for an hour (`blockedRetrySeconds: 3600`), and each is
 * awaited for at most 30 s: only a wake-up explains its being met.
 */
const hour = 3600;
const isMet = (current: StoredExpectation) => current.status === 'met';
/** How many `expectationChanged` signals a reconciler's history holds (its submission's signal-with-start is the first). */
const changeSignals = async (handle: WorkflowHandle) =>
  ((await handle.fetchHistory()).events ?? []).filter(
    (event) => event.workflowExecutionSignaledEventAttributes?.signalName === expectationChanged.name,
  ).length;

describe('wake-ups by cause (compute)', () => {
  const harness = reconcileHarness(computeKinds);
  const { inventory, track } = harness;
  const waits = new WaitsForRepository(inventory.store);
  const metSoon = (id: string) => eventually(() => harness.expectations.get(id), isMet);

  const gpuWithCores = (last: number) => gpuWithCoresOf(harness, uniqueId('wake-gpu'), last);
  const wantingCore = (gpu: string, value?: number) => ({
    kind: 'Cluster',
    name: 'wanting',
    assignments: [{ alias: 'core1', pool: 'cores', from: gpu, ...(value === undefined ? {} : { value }) }],
    blockedRetrySeconds: hour,
  });

  it('value freed: two want core 150, the first moves to 151, the second is met', async () => {
    const gpu = await gpuWithCores(200);
    const first = track.expectationId(uniqueId('exp-first'));
    const second = track.expectationId(uniqueId('exp-second'));
    expect((await harness.submit(wantingCore(gpu, 150), first)).settled.status).toBe('met');
    const blocked = (await harness.submit(wantingCore(gpu, 150), second)).settled;
    expect(blocked).toMatchObject({
      status: 'blocked',
      reason: 'conflict: value: 150 of pool "cores" is already assigned',
    });
    expect(await waits.of(second)).toEqual([{ cause: 'value', owner: gpu, pool: 'cores', value: 150 }]);

    expect((await harness.submit(wantingCore(gpu, 151), first)).settled.status).toBe('met');
    expect((await metSoon(second)).status).toBe('met');
    expect((await inventory.instances.get(second)).assignments).toMatchObject([{ value: 150, owner: { id: gpu } }]);
    expect(await waits.of(second)).toEqual([]); // cleared with the block
  });

  it("value freed out of band: the holder's drift observation finds it and wakes the waiter", async () => {
    const gpu = await gpuWithCores(200);
    const holder = track.expectationId(uniqueId('exp-drifting-holder'));
    const waiter = track.expectationId(uniqueId('exp-drift-waiter'));
    expect((await harness.submit({ ...wantingCore(gpu, 150), driftSeconds: 1 }, holder)).settled.status).toBe('met');
    expect((await harness.submit(wantingCore(gpu, 150), waiter)).settled.status).toBe('blocked');
    const handle = harness.env().client.workflow.getHandle(workflowIdOf(waiter));
    const signals = () => changeSignals(handle);
    expect(await signals()).toBe(1); // its submission's signal-with-start

    // by hand, past the engine: no task frees it; the holder's next drift observation finds it gone
    // (and takes it back: it still wants it — the waiter, woken, tries and waits again)
    await inventory.assignments.unassign({ assignee: holder, alias: 'core1' });
    expect(await eventually(signals, (count) => count > 1)).toBeGreaterThan(1);
  });

  it('a value freed that is not the one waited for wakes no one', async () => {
    const gpu = await gpuWithCores(200);
    const holder = track.expectationId(uniqueId('exp-holder'));
    const other = track.expectationId(uniqueId('exp-other'));
    const waiting = track.expectationId(uniqueId('exp-waiting'));
    await harness.submit(wantingCore(gpu, 150), holder);
    await harness.submit(wantingCore(gpu, 160), other);
    expect((await harness.submit(wantingCore(gpu, 150), waiting)).settled.status).toBe('blocked');
    expect((await harness.submit(wantingCore(gpu, 161), other)).settled.status).toBe('met'); // frees 160
    expect(await waits.of(waiting)).toEqual([{ cause: 'value', owner: gpu, pool: 'cores', value: 150 }]);
    expect(await waits.endedOn([gpu])).not.toContain(waiting);
  });

  it('exhausted pool grows: met once an expectation on the GPU widens it', async () => {
    const gpu = await gpuWithCores(1);
    await harness.submit(wantingCore(gpu), track.expectationId(uniqueId('exp-takes-the-one')));
    const id = track.expectationId(uniqueId('exp-hungry'));
    const { settled } = await harness.submit(wantingCore(gpu), id);
    expect(settled).toMatchObject({ status: 'blocked' });
    expect(settled.reason).toMatch(/^poolExhausted: /);
    expect(await waits.of(id)).toEqual([{ cause: 'capacity', owner: gpu, pool: 'cores' }]);

    const grow = { kind: 'GPU', actualId: gpu, pools: { cores: { last: 2 } } };
    expect((await harness.submit(grow, track.expectationId(uniqueId('exp-grow')))).settled.status).toBe('met');
    expect((await metSoon(id)).status).toBe('met');
    expect(await waits.of(id)).toEqual([]);
  });

  it('a batch wanting two values of a one-value pool waits for two: it does not wake itself, and wakes when the pool has two', async () => {
    const gpu = await gpuWithCores(1);
    const id = track.expectationId(uniqueId('exp-wants-two'));
    const wantingTwo = {
      ...wantingCore(gpu),
      assignments: ['core1', 'core2'].map((alias) => ({ alias, pool: 'cores', from: gpu })),
    };
    const { settled } = await harness.submit(wantingTwo, id);
    expect(settled.reason).toMatch(/^poolExhausted: /); // its first value was rolled back with the batch: one is free
    expect(await waits.of(id)).toEqual([{ cause: 'capacity', owner: gpu, pool: 'cores', needed: 2 }]);
    expect(await waits.endedAlready(id)).toBe(false);
    const handle = harness.env().client.workflow.getHandle(workflowIdOf(id));
    await settledHistory(handle); // its blocked record, and the check for a wait over already, are done
    expect(await changeSignals(handle)).toBe(1); // its submission's: it did not wake itself

    const grow = { kind: 'GPU', actualId: gpu, pools: { cores: { last: 2 } } };
    expect((await harness.submit(grow, track.expectationId(uniqueId('exp-grow-to-two')))).settled.status).toBe('met');
    expect((await metSoon(id)).status).toBe('met');
    expect((await inventory.instances.get(id)).assignments).toHaveLength(2);
    expect(await waits.of(id)).toEqual([]);
  });

  it('missing relationship target appears: met once an expectation builds it', async () => {
    const target = track.instanceId(uniqueId('cluster-later'));
    const id = track.expectationId(uniqueId('exp-relating'));
    const relating = {
      kind: 'Cluster',
      name: uniqueId('relating'),
      relationships: [{ alias: 'accelerator', type: 'uses', target }],
      blockedRetrySeconds: hour,
    };
    const { settled } = await harness.submit(relating, id);
    expect(settled).toMatchObject({ status: 'blocked' });
    expect(settled.reason).toContain(`no instance with id ${target}`);
    expect(await waits.of(id)).toEqual([{ cause: 'instance', id: target }]);

    expect((await harness.submit({ kind: 'Cluster', name: 'later' }, track.expectationId(target))).settled.status).toBe(
      'met',
    );
    expect(await metSoon(id)).toMatchObject({ status: 'met' });
    expect((await inventory.instances.get(id)).relationships).toMatchObject([
      { alias: 'accelerator', target: { id: target } },
    ]);
  });

  it('party and place appear: each wait is for the one the build lacks first', async () => {
    const tenant = uniqueId('tenant');
    const site = uniqueId('dc');
    const id = track.expectationId(uniqueId('exp-housed'));
    const housed = {
      kind: 'Cluster',
      name: uniqueId('housed'),
      parties: [{ role: 'operator', id: tenant }],
      places: [{ role: 'dataCentre', id: site }],
      blockedRetrySeconds: hour,
    };
    const { settled } = await harness.submit(housed, id);
    expect(settled).toMatchObject({ status: 'blocked' });
    expect(await waits.of(id)).toEqual([{ cause: 'party', id: tenant }]);

    // created as the API and the CLI create them: waking whoever waits for them
    const waking = { wake: (ids: string[]) => signalReconcilers(harness.env().client, ids), warn: () => undefined };
    const party = {
      id: tenant,
      kind: 'Tenant',
      name: 'Wake Tenant',
      tradingName: 'Wake',
      partyCharacteristic: [{ name: 'abn', value: '51824753556' }],
    };
    track.party(await createPartyOrPlace(inventory, { category: 'party' }, party, waking));
    const waitingForPlace = await eventually(
      () => waits.of(id),
      (current) => current.some((wait) => wait.cause === 'place'),
    );
    expect(waitingForPlace).toEqual([{ cause: 'place', id: site }]);
    track.party(
      await createPartyOrPlace(
        inventory,
        { category: 'place' },
        { id: site, kind: 'DataCentre', name: 'Wake DC' },
        waking,
      ),
    );
    expect((await metSoon(id)).status).toBe('met');
    expect(await inventory.instances.get(id)).toMatchObject({
      parties: [{ role: 'operator', id: tenant }],
      places: [{ role: 'dataCentre', id: site }],
    });
  });

  it('a withdrawn expectation leaves no wait behind', async () => {
    const gpu = await gpuWithCores(1);
    await harness.submit(wantingCore(gpu), track.expectationId(uniqueId('exp-takes-it')));
    const id = track.expectationId(uniqueId('exp-withdrawn'));
    expect((await harness.submit(wantingCore(gpu), id)).settled.status).toBe('blocked');
    expect(await waits.of(id)).toHaveLength(1);
    await harness.expectations.delete(id);
    expect(await waits.of(id)).toEqual([]);
  });
});

describe('wake-ups by cause (an inheritance chain)', () => {
  const harness = reconcileHarness(wholesaleKinds);
  const { inventory, track } = harness;
  const waits = new WaitsForRepository(inventory.store);

  it("inherited fact's chain completes: met once an expectation on the NNI carries the CVC", async () => {
    const run = uniqueId('wake').slice(-8);
    const { exchange, premises, seeker, nni, cvc, uni } = await wholesaleChain(harness, `WAK${run}`);

    const id = track.expectationId(uniqueId('exp-avc'));
    const avc = {
      kind: 'AVC',
      name: `AVC-${run}`,
      characteristics: { speedTier: '50/20' },
      assignments: [
        { alias: 'uni', pool: 'ports', from: uni.id },
        { alias: 'svlan', pool: 'svlans', from: cvc.id },
      ],
      inherited: { installationSite: premises.id, exchange: exchange.id, provider: [seeker.id] },
      blockedRetrySeconds: hour,
    };
    const { settled } = await harness.submit(avc, id);
    expect(settled).toMatchObject({ status: 'blocked', outstanding: { inherited: { exchange: exchange.id } } });
    expect(await waits.of(id)).toEqual([{ cause: 'fact', id: cvc.id }]); // where the chain stopped

    const carries = {
      kind: 'NNI',
      actualId: nni.id,
      relationships: [{ alias: 'cvc', type: 'carries', target: cvc.id }],
    };
    expect((await harness.submit(carries, track.expectationId(uniqueId('exp-nni')))).settled.status).toBe('met');
    expect((await eventually(() => harness.expectations.get(id), isMet)).status).toBe('met');
    expect(await waits.of(id)).toEqual([]);
  });
});
