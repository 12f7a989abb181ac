import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../infra/settings.js';
import { diffoProcessOptions } from '../support/diffo-process.js';
import { uniqueId } from '../support/graph.js';
import { testInventory } from '../support/inventory.js';

/** `diffo party` and `diffo place`: the real binary against the graph under test, bodies on stdin. */
describe('diffo party and diffo place', () => {
  const { inventory, track } = testInventory();

  const diffo = (args: string[], input = '') =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [path.join(projectRoot, 'bin', 'diffo.js'), ...args],
        diffoProcessOptions({ DIFFO_PUBLIC_URL: 'https://inventory.example.com' }),
      );
      let [stdout, stderr] = ['', ''];
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdin.end(input);
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });

  it('creates, gets, lists, patches and deletes a party and a place from YAML on stdin', async () => {
    const [tenant, dc] = [track.party({ id: uniqueId('cli-tenant') }).id, track.party({ id: uniqueId('cli-dc') }).id];
    const created = await diffo(
      ['party', 'create', '-', '--json'],
      `id: ${tenant}\nkind: Tenant\nname: CLI Pty Ltd\ntradingName: CLI\npartyCharacteristic: [{ name: abn, value: '51824753556' }]\n`,
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({
      id: tenant,
      href: `https://inventory.example.com/tmf-api/partyManagement/v4/organization/${tenant}`,
      tradingName: 'CLI',
      kind: 'Tenant',
      '@type': 'Organization',
    });
    const site = await diffo(
      ['place', 'create', '-', '--json'],
      JSON.stringify({
        id: dc,
        kind: 'DataCentre',
        code: 'SY1',
        place: [{ '@type': 'GeoJsonPoint', geoJson: { type: 'Point', coordinates: [151.2, -33.87] } }],
      }),
    );
    expect(site.code).toBe(0);
    expect(JSON.parse(site.stdout)).toMatchObject({ id: dc, code: 'SY1', '@type': 'GeographicSite' });

    const got = JSON.parse((await diffo(['party', 'get', tenant, '--json'])).stdout);
    expect(got).toEqual(JSON.parse(created.stdout));
    const listed = JSON.parse((await diffo(['place', 'list', '--kind', 'DataCentre', '--json'])).stdout) as Array<{
      id: string;
    }>;
    expect(listed.map(({ id }) => id)).toContain(dc);
    const patched = await diffo(['party', 'patch', tenant, '-', '--json'], 'tradingName: CLI Two\nname: null\n');
    expect(patched.code).toBe(0);
    expect(JSON.parse(patched.stdout)).toMatchObject({ tradingName: 'CLI Two' });
    expect(JSON.parse(patched.stdout).name).toBeUndefined();

    const deleted = await diffo(['place', 'delete', dc]);
    expect([deleted.code, deleted.stdout.trim()]).toEqual([0, `deleted place ${dc}`]);
    expect((await diffo(['place', 'get', dc])).code).toBe(1);
  });

  it('bad input exits 2 naming the field and writes nothing', async () => {
    const marker = uniqueId('refused');
    const unknown = await diffo(['party', 'create', '-'], `kind: Tenant\ntradingName: ${marker}\nshoeSize: 9\n`);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('shoeSize: not an attribute of this type');
    const kind = await diffo(['place', 'create', '-'], `kind: Castle\nname: ${marker}\n`);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain('kind: name a registered place kind');
    const yaml = await diffo(['party', 'create', '-'], 'kind: [unclosed\n');
    expect(yaml.code).toBe(2);
    // the other helpers' tests write to the same graph at the same time: look for what these would have made
    const made = await inventory.store.read((tx) =>
      tx.run('MATCH (n) WHERE n.tradingName = $marker OR n.name = $marker RETURN count(n) AS n', { marker }),
    );
    expect(made.records[0]!.get('n')).toBe(0);
  });
});
