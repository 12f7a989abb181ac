import { describe, expect, it } from 'vitest';
import { exampleKinds } from '../../examples/index.js';
import { runDiffo } from '../support/diffo-process.js';
import { catalogTestKinds } from '../support/catalog-kinds.js';
import { reconcileHarness } from '../support/reconcile-harness.js';

/**
 * `diffo spec list|get|delete`, the real binary with the example domains against the servers under
 * test: a specification stored by an earlier deployment (its kind not in the CLI's domain) is listed
 * Obsolete and deleted (exit 0), then not found (exit 1); one an instance uses is refused (exit 1,
 * the count on stderr), the specification and its instance as they were.
 */
describe('diffo spec', () => {
  const { Gone, Probe } = catalogTestKinds('Cli');
  const harness = reconcileHarness([...exampleKinds, Gone, Probe]);
  const diffo = (args: string[]) => runDiffo(args, { DIFFO_PUBLIC_URL: 'https://inventory.example.com' });
  const gone = Gone.specification.id;

  it('lists and gets specifications as the API serves them (v4), with their lifecycle status', async () => {
    const table = await diffo(['spec', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      new RegExp(`${gone}.*ServiceSpecification.*${Gone.specification.name}.*1\\.0\\.0.*Obsolete`),
    );
    expect(table.stdout).toMatch(/ad50073f-17e0-45cb-b9b1-aa4296876156.*ResourceSpecification.*gpu.*Active/);
    const one = JSON.parse((await diffo(['spec', 'get', gone, '--json'])).stdout);
    expect(one).toEqual({
      id: gone,
      href: `https://inventory.example.com/tmf-api/serviceCatalogManagement/v4/serviceSpecification/${gone}`,
      name: Gone.specification.name,
      version: '1.0.0',
      isBundle: false,
      lifecycleStatus: 'Obsolete',
      '@type': 'ServiceSpecification',
    });
  });

  it('deletes an unused specification (exit 0); then it is not found (exit 1)', async () => {
    const deleted = await diffo(['spec', 'delete', gone]);
    expect([deleted.code, deleted.stdout.trim(), deleted.stderr]).toEqual([0, `deleted specification ${gone}`, '']);
    const get = await diffo(['spec', 'get', gone]);
    expect([get.code, get.stderr.trim()]).toEqual([1, `diffo: no specification with id ${gone}`]);
    const again = await diffo(['spec', 'delete', gone]);
    expect([again.code, again.stderr.trim()]).toEqual([1, `diffo: no specification with id ${gone}`]);
    expect((await diffo(['spec', 'list'])).stdout).not.toContain(gone);
  });

  it('refuses to delete a specification an instance uses (exit 1, how many on stderr), keeping it', async () => {
    const probe = harness.track.instance(await harness.inventory.instances.build(Probe, { name: 'cli-probe' }));
    const refused = await diffo(['spec', 'delete', Probe.specification.id]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `specification ${Probe.specification.id} is not deleted, and nothing was changed: 1 instance and 0 expectations use it`,
    );
    expect(refused.stdout).toBe('');
    const kept = await harness.inventory.specifications.get(Probe.specification.id);
    expect(kept.instanceCount).toBe(1);
    expect((await harness.inventory.instances.get(probe.id)).specification.id).toBe(Probe.specification.id);
  });
});
