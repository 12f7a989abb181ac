import { describe, expect, it } from 'vitest';
import { Broadband, BroadbandV2, RSP } from '../../examples/nbn/index.js';
import { renderTmf } from '../../model/tmf-json.js';
import { uniqueId } from '../support/graph.js';
import { testInventory } from '../support/inventory.js';

/** The versioning livebook: minor bumps seen by all, V1 and V2 side by side, respecify, protected V1. */
describe('NBN versioning livebook', () => {
  const { inventory, track } = testInventory();
  const v1 = Broadband.specification.id;
  const v2 = BroadbandV2.specification.id;
  let acme1: string;
  let acme2: string;

  it('phase 1: V1 instances share one specification node', async () => {
    const acme = track.party(await inventory.parties.create(RSP.name, { id: uniqueId('acme'), name: 'Acme' }));
    const first = track.instance(
      await inventory.instances.build(Broadband, {
        name: 'acme-broadband-001',
        parties: [{ role: 'provider', id: acme.id }],
      }),
    );
    const second = track.instance(
      await inventory.instances.build(Broadband, {
        name: 'acme-broadband-002',
        characteristics: { broadband: { technology: 'fttb' } },
      }),
    );
    [acme1, acme2] = [first.id, second.id];
    expect(first.specification.id).toBe(v1);
    expect(second.specification.id).toBe(v1);
    expect((await inventory.specifications.get(v1)).instanceCount).toBeGreaterThanOrEqual(2);
  });

  it('phase 2: a minor version bump is visible to every existing instance at once', async () => {
    const before = await inventory.specifications.get(v1);
    const after = await inventory.specifications.nextMinor(v1);
    expect(after.minor).toBe(before.minor + 1);
    expect(after.patch).toBe(0);
    const reloaded = renderTmf(await inventory.instances.get(acme1));
    expect((reloaded.serviceSpecification as { version: string }).version).toBe(`1.${before.minor + 1}.0`);
    const patched = await inventory.specifications.nextPatch(v1);
    expect(patched.version).toBe(`1.${before.minor + 1}.1`);
    // building again with the code's 1.0.0 never lowers the stored version
    track.instance(await inventory.instances.build(Broadband, { name: 'acme-broadband-003' }));
    expect((await inventory.specifications.get(v1)).version).toBe(`1.${before.minor + 1}.1`);
  });

  it('phase 3: V2 coexists with V1 under the same name', async () => {
    const beta = track.instance(await inventory.instances.build(BroadbandV2, { name: 'beta-broadband-v2-001' }));
    expect(beta.specification.id).toBe(v2);
    const specs = await inventory.specifications.findByName('broadband');
    expect(specs.map((spec) => spec.major)).toEqual([1, 2]);
    expect((await inventory.specifications.latestMajor('broadband')).id).toBe(v2);
  });

  it('phase 5: respecify moves V1 instances to V2 (and changes their kind)', async () => {
    const migrated = await inventory.instances.respecify(acme1, v2);
    expect(migrated.specification).toMatchObject({ id: v2, major: 2 });
    expect(migrated.kind).toBe('BroadbandV2');
    expect(renderTmf(migrated)['@type']).toBe('BroadbandV2');
    const remaining = await inventory.instances.list({ specificationId: v1, name: 'acme-broadband-001' });
    expect(remaining).toHaveLength(0);
  });

  it('phase 6: the V1 specification cannot be deleted while instances remain', async () => {
    await expect(inventory.specifications.delete(v1)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(
        /is not deleted, and nothing was changed: \d+ instances? and \d+ expectations? use it/,
      ),
    });
    expect((await inventory.specifications.get(v1)).id).toBe(v1);
    // acme2 is still on V1
    expect((await inventory.instances.get(acme2)).specification.id).toBe(v1);
  });

  it('refuses to respecify to a specification of another name or type', async () => {
    const { Cluster } = await import('../../examples/compute/index.js');
    await expect(inventory.instances.respecify(acme2, Cluster.specification.id)).rejects.toMatchObject({
      code: 'invalidInput',
      message: expect.stringContaining('cannot become a cluster (resourceSpecification)'),
    });
  });
});
