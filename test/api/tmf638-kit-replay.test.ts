import { beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../cli/demo.js';
import { wholesaleIds } from '../../cli/demo-wholesale.js';
import { inventoryBasePaths } from '../../model/tmf/tmf-paths.js';
import { uniqueId } from '../support/graph.js';
import { apiServer } from '../support/api-server.js';
import { reconcileHarness } from '../support/reconcile-harness.js';
import { replayTmf638Kit } from '../support/tmf638-kit.js';

/**
 * After the demo scenarios (`diffo demo`, under ids of this run), the TMF638 v4 service list
 * passes the conformance kit's checks (docs/tmf-conformance-notes.md section 8), replayed by
 * test/support/tmf638-kit.ts against the real API.
 */
describe('TMF638 conformance kit, replayed after the demo', () => {
  const harness = reconcileHarness();
  const { inventory, track } = harness;
  const prefix = uniqueId('kit');
  const wholesale = wholesaleIds(prefix);
  const services = [`${prefix}-broadband-1`, `${prefix}-broadband-2`, wholesale.avc, wholesale.secondAvc];
  const resources = ['gpu-1', 'gpu-2', 'cluster-1'].map((suffix) => `${prefix}-${suffix}`);
  for (const id of [...services, ...resources, wholesale.cvc, wholesale.uni, wholesale.nni]) track.expectationId(id);
  for (const id of [wholesale.exchange, wholesale.premises, wholesale.seeker]) track.party({ id });
  const server = apiServer(harness);
  let base: string;
  const narrated: string[] = [];

  beforeAll(async () => {
    base = server.base;
    const met = await runDemo({ ...harness.deps(), inventory }, (line) => narrated.push(line), {
      baseUrl: base,
      prefix,
    });
    if (!met) throw new Error(`the demo did not end met:\n${narrated.join('\n')}`);
  }, 300_000);

  it("passes every check on the demo's services, the two broadband services first", async () => {
    expect(await replayTmf638Kit(`${base}${inventoryBasePaths.v4.service}`, `id=${services.join(',')}`)).toEqual([]);
    const response = await fetch(`${base}${inventoryBasePaths.v4.service}/service?id=${services.join(',')}`);
    const listed = (await response.json()) as Array<{ id: string }>;
    expect(listed.map((service) => service.id)).toEqual(services);
  });

  it('fails, as the kit would, on services that lack what it checks (the AVCs rely on no service)', async () => {
    const failures = await replayTmf638Kit(
      `${base}${inventoryBasePaths.v4.service}`,
      `id=${wholesale.avc},${wholesale.secondAvc}`,
    );
    expect(failures).toEqual(
      expect.arrayContaining([
        'N1a: has no serviceRelationship',
        'N1a: has no supportingService',
        'N1a: has no supportingResource',
        'N1b: serviceRelationship[0].service is not an object',
        "N2b: the second service has the first one's state",
      ]),
    );
  });

  it("gives every service in the whole list a string name and state (the kit's N3 is not scoped)", async () => {
    const response = await fetch(`${base}${inventoryBasePaths.v4.service}/service?fields=name,state&limit=1000`);
    expect(response.status).toBe(200);
    for (const service of (await response.json()) as unknown[]) {
      expect(service, JSON.stringify(service)).toMatchObject({ name: expect.any(String), state: expect.any(String) });
    }
  });

  it('narrates the suspended broadband service in both vocabularies', () => {
    const output = narrated.join('\n');
    expect(output).toContain(
      `TMF638: ${base}${inventoryBasePaths.v4.service}/service/${prefix}-broadband-1 is a BroadbandV2`,
    );
    expect(output).toContain('its state is "inactive" in TMF638 v4 (which has no "suspended") and "suspended" in v5');
  });
});
