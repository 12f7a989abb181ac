import { describe, expect, it } from 'vitest';
import { diffoProcessOptions, runDiffo } from '../support/diffo-process.js';
import { startDiffo } from '../support/diffo-child.js';
import { uniqueId } from '../support/graph.js';
import { reconcileHarness } from '../support/reconcile-harness.js';

/** `diffo events`: the real binary reads the recorded change events; the harness's worker makes them. */
describe('diffo events', () => {
  const harness = reconcileHarness();
  const { inventory, track } = harness;
  const diffo = (args: string[]) =>
    runDiffo(['events', ...args], { DIFFO_PUBLIC_URL: 'https://inventory.example.com' });
  const lines = (stdout: string) => stdout.split('\n').filter(Boolean);
  const sequenceOf = (line: string) => Number(/^#(\d+) /.exec(line)?.[1]);
  const cluster = async (name: string) => {
    const id = track.expectationId(uniqueId(name));
    const { settled } = await harness.submit({ kind: 'Cluster', name, state: 'installed' }, id);
    expect(settled.status).toBe('met');
    return id;
  };

  it("lists an instance's events in the order they committed; --type and --id filter; --json is each TMF event", async () => {
    const id = await cluster('events-cli');
    const recorded = await inventory.events.list(id);
    expect(recorded.map((event) => event.eventType)).toContain('ResourceStateChangeEvent');

    const listed = await diffo(['--id', id, '--limit', '100']);
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    const shown = lines(listed.stdout);
    expect(shown.map((line) => line.split(/\s+/)[2])).toEqual(recorded.map((event) => event.eventType));
    expect(shown.every((line) => line.includes(`  ${id}  Cluster "events-cli"  `))).toBe(true);
    const sequences = shown.map(sequenceOf);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
    expect(new Set(sequences).size).toBe(sequences.length);
    expect(shown[0]).toMatch(/ResourceCreateEvent .* created/);
    expect(shown.at(-1)).toMatch(/ResourceStateChangeEvent .* lifecycleState: \S+ → installed$/);

    const states = await diffo(['--id', id, '--type', 'ResourceStateChangeEvent', '--type', 'ServiceCreateEvent']);
    expect(lines(states.stdout)).toEqual(shown.filter((line) => line.includes(' ResourceStateChangeEvent ')));
    const created = await diffo(['--id', id, '--type', 'ResourceCreateEvent,ResourceStateChangeEvent', '--limit', '1']);
    expect(lines(created.stdout)).toEqual([shown.at(-1)]); // the last one
    const fromSecond = await diffo(['--id', id, '--from-sequence', String(sequences[1]), '--limit', '1']);
    expect(lines(fromSecond.stdout)).toEqual([shown[1]]);

    const json = lines((await diffo(['--id', id, '--json', '--limit', '100'])).stdout).map((line) => JSON.parse(line));
    expect(json.map((event) => event.eventId)).toEqual(recorded.map((event) => event.key));
    expect(json.at(-1)).toMatchObject({
      '@type': 'ResourceStateChangeEvent',
      eventType: 'ResourceStateChangeEvent',
      event: {
        resource: {
          id,
          href: `https://inventory.example.com/tmf-api/resourceInventoryManagement/v5/resource/${id}`,
          name: 'events-cli',
        },
      },
    });
    const v4 = JSON.parse(lines((await diffo(['--id', id, '--json', '--api-version', 'v4'])).stdout).at(-1)!);
    expect(v4).toMatchObject({ eventType: 'ResourceStateChangeEvent', event: { resource: { id } } });
    expect(v4.timeOcurred).toBe(v4.eventTime);
  });

  it('--follow prints an event recorded after it started, and ends with exit 0 on Ctrl-C', async () => {
    const id = track.expectationId(uniqueId('events-follow'));
    const follower = startDiffo(
      ['events', '--follow', '--id', id, '--interval', '0.2'],
      diffoProcessOptions().env as Record<string, string>,
    );
    try {
      await follower.waitFor('(Ctrl-C to stop)');
      await harness.submit({ kind: 'Cluster', name: 'events-follow', state: 'installed' }, id);
      await follower.waitFor(`ResourceStateChangeEvent            ${id}  Cluster "events-follow"  lifecycleState:`);
    } finally {
      await follower.kill('SIGINT');
    }
    expect(follower.child.exitCode).toBe(0);
    const followed = follower
      .output()
      .split('\n')
      .filter((line) => line.startsWith('#'));
    expect(followed[0]).toMatch(new RegExp(`ResourceCreateEvent .* ${id} `));
    expect(followed.map((line) => line.split(/\s+/)[2])).toEqual(
      (await inventory.events.list(id)).map((event) => event.eventType),
    );
  });

  it('a bad --type (or --limit, --api-version) exits 2 naming the option, and prints no event', async () => {
    const badType = await diffo(['--type', 'ServiceStateChangeEvent,ServiceExplodedEvent', '--follow']);
    expect(badType.code).toBe(2);
    expect(badType.stderr).toContain(
      "option '--type <types>' argument 'ServiceStateChangeEvent,ServiceExplodedEvent' is invalid",
    );
    expect(badType.stderr).toContain('unknown event type ServiceExplodedEvent; expected ServiceCreateEvent,');
    expect(badType.stdout).toBe('');
    for (const [args, option] of [
      [['--limit', '0'], '--limit'],
      [['--api-version', 'v6'], '--api-version'],
      [['--from-sequence', '-1'], '--from-sequence'],
      [['--interval', 'soon', '--follow'], '--interval'],
    ] as const) {
      const run = await diffo([...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(option);
      expect(run.stdout).toBe('');
    }
  });
});
