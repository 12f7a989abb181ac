import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GPU } from '../../examples/compute/index.js';
import { runDiffo } from '../support/diffo-process.js';
import { uniqueId } from '../support/graph.js';
import { graphCounts } from '../support/inventory.js';
import { reconcileHarness } from '../support/reconcile-harness.js';

/** The real `diffo` binary, spawned against the servers under test; the harness's worker reconciles. */
describe('diffo CLI', () => {
  const harness = reconcileHarness();
  const { inventory, track } = harness;
  const folder = mkdtempSync(path.join(tmpdir(), 'diffo-cli-'));

  const diffo = (args: string[], input?: string) =>
    runDiffo(args, { DIFFO_TASK_QUEUE: harness.taskQueue, DIFFO_PUBLIC_URL: 'https://inventory.example.com' }, input);
  const file = (name: string, content: string) => {
    const target = path.join(folder, name);
    writeFileSync(target, content);
    return target;
  };

  it('expect --wait follows a YAML file of expectations to met (exit 0); status and get show them', async () => {
    const gpu = track.instance(await inventory.instances.build(GPU, { name: 'cli gpu' }));
    await inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last: 8 } } });
    const [first, second] = [track.expectationId(uniqueId('cli-a')), track.expectationId(uniqueId('cli-b'))];
    const yaml = `
- id: ${first}
  kind: Cluster
  name: cli-cluster-a
  assignments: [{ alias: core1, pool: cores, from: ${gpu.id} }]
  state: installed
- id: ${second}
  kind: Cluster
  name: cli-cluster-b
`;
    const run = await diffo(['expect', file('two.yaml', yaml), '--wait', '--timeout', '60']);
    expect(run.stderr).not.toContain('diffo:');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`submitted ${first} (generation 1, workflow reconcile-${first})`);
    expect(run.stdout).toMatch(new RegExp(`met\\s+${second}`));

    const table = await diffo(['status', '--kind', 'Cluster', '--search', 'cli-cluster-', '--limit', '1']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(second); // newest first, one a page
    expect(table.stdout).toMatch(/1–1 of \d+ \(--offset 1 for more\)/);
    const badLimit = await diffo(['status', '--limit', '0']);
    expect(badLimit.code).toBe(2);
    expect(badLimit.stderr).toContain('--limit');
    const one = await diffo(['status', first]);
    expect(one.stdout).toContain('status       met');
    expect(one.stdout).toContain('ResourceCreateEvent');
    const json = JSON.parse((await diffo(['get', 'resource', first, '--json'])).stdout);
    expect(json).toMatchObject({
      id: first,
      href: `https://inventory.example.com/tmf-api/resourceInventoryManagement/v4/resource/${first}`,
      name: 'cli-cluster-a',
      resourceStatus: 'available',
      '@type': 'Cluster',
    });
    const listed = JSON.parse((await diffo(['list', 'resource', '--name', 'cli-cluster-b', '--json'])).stdout);
    expect(listed.map((item: { id: string }) => item.id)).toEqual([second]);
  });

  it('a blocked expectation exits 1 and says why (from stdin)', async () => {
    const id = track.expectationId(uniqueId('cli-blocked'));
    const run = await diffo(
      ['expect', '-', '--wait', '--timeout', '60'],
      JSON.stringify({
        id,
        kind: 'Cluster',
        name: 'cli-blocked',
        assignments: [{ alias: 'core1', pool: 'cores', from: uniqueId('nowhere') }],
      }),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`blocked\\s+${id} — notFound: owner: no instance with id`));
  });

  it('bad input exits 2 with every field path, and stores nothing', async () => {
    const before = await graphCounts(inventory);
    const broken = await diffo(['expect', file('broken.json', '{ "kind": "Cluster", ')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('not valid JSON or YAML');
    const invalid = await diffo([
      'expect',
      file(
        'invalid.json',
        JSON.stringify([
          { kind: 'Cluster', name: 'fine' },
          { kind: 'Cluster', state: 'active', characteristics: { cluster: { gpuCores: -1 } } },
        ]),
      ),
    ]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('[1] state: Invalid option');
    expect(invalid.stderr).toContain('[1] characteristics.cluster.gpuCores: Too small');
    expect((await diffo(['get', 'gadget', 'x'])).code).toBe(2);
    expect((await diffo(['list', 'service', '--limit', '-3'])).code).toBe(2);
    expect((await diffo(['frobnicate'])).code).toBe(2);
    expect(await graphCounts(inventory)).toEqual(before);
    const missing = await diffo(['get', 'service', uniqueId('missing')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no instance with id');
  });

  it('refuses at the door what the engine would refuse later (issue 16): exit 2, the field named, nothing stored', async () => {
    const before = await graphCounts(inventory);
    const deep = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
    const cases: Array<[string, string, RegExp]> = [
      [
        'deep.json',
        `{"kind": "Cluster", "characteristics": {"cluster": ${deep(100_000)}}}`,
        /characteristics\.cluster\.0\.0.*nested deeper than 32/,
      ],
      [
        'deep.yaml',
        `kind: Cluster\ncharacteristics: {cluster: ${deep(50_000)}}`,
        /deep\.yaml: nested deeper than 32 levels/,
      ],
      ['name.json', JSON.stringify({ kind: 'Cluster', name: 'x'.repeat(501) }), /name: Too big/],
      [
        'vlan.json',
        JSON.stringify({ kind: 'CVC', pools: { svlans: { first: -5, last: 10 } } }),
        /pools\.svlans\.first: -5 is outside/,
      ],
      ['id.json', JSON.stringify({ id: 'a b', kind: 'Cluster' }), /\(document\)\.id: .*must not contain spaces/],
    ];
    for (const [name, content, problem] of cases) {
      const run = await diffo(['expect', file(name, content)]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(problem);
    }
    expect(await graphCounts(inventory)).toEqual(before);
  });

  it('get --inherited shows each inherited fact, or why it is unknown', async () => {
    const avc = track.instance(await inventory.instances.build('AVC', { name: uniqueId('cli-avc') }));
    const run = await diffo(['get', 'service', avc.id, '--inherited', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toContainEqual({
      name: 'exchange',
      category: 'place',
      status: 'unknown',
      reason: 'inherited place "exchange" is unknown: this instance has no held assignment with alias "svlan" yet',
    });
  });
});
