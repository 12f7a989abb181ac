import { Command } from 'commander';
import { publicBaseUrl } from '../infra/settings.js';
import type { RenderContext } from '../model/tmf/tmf-paths.js';
import { renderTmfV4 } from '../model/tmf/v4-json.js';
import { renderTmfV5 } from '../model/tmf/v5-json.js';
import { withCliContext, type CliContext } from './cli-context.js';
import { ensure, narratedStep, runWholesaleDemo, wholesaleIds, type DemoDependencies } from './demo-wholesale.js';
import { exitCodes } from './exit-codes.js';

/**
 * The seed scenarios of the reference material as expectations, narrated: GPUs with core
 * pools in data centre NXTM2, a cluster composed of their cores; the wholesale chain with
 * inherited facts; then two NBN broadband services relying on its AVCs — one moved from V1 to
 * V2 and suspended, one active. Fixed ids (under `prefix`), so running it again makes new
 * generations. The two broadband services are the first two of the TMF638 service list, with
 * every attribute the TMF638 conformance kit checks (docs/tmf-conformance-notes.md section 8).
 */
export async function runDemo(
  deps: DemoDependencies,
  say: (line: string) => void,
  options: RenderContext & { prefix?: string },
): Promise<boolean> {
  const { inventory } = deps;
  const prefix = options.prefix ?? 'demo';
  const step = (title: string, id: string, intent: Record<string, unknown>) =>
    narratedStep(deps, say, title, id, intent);

  say(
    'Parties and places first (they are referenced, not reconciled): Acme Compute (ABN 51824753556), Alice Zhang, data centre NXTM2, RSP Acme Retail.',
  );
  await ensure(() => inventory.parties.create('Tenant', { id: '51824753556', name: 'Acme Compute Pty Ltd' }));
  await ensure(() => inventory.parties.create('Engineer', { id: 'alice-zhang', name: 'Alice Zhang' }));
  await ensure(() => inventory.places.create('DataCentre', { id: 'NXTM2', name: 'NextDC M2' }));
  await ensure(() => inventory.parties.create('RSP', { id: 'acme-retail', name: 'Acme Retail' }));

  const outcomes = [];
  for (const gpu of [`${prefix}-gpu-1`, `${prefix}-gpu-2`]) {
    outcomes.push(
      await step(`${gpu}: a GPU in NXTM2 offering cores 1..680`, gpu, {
        kind: 'GPU',
        name: gpu,
        places: [{ role: 'dataCentre', id: 'NXTM2' }],
        parties: [{ role: 'operator', id: '51824753556' }],
        characteristics: { gpu: { family: 'nvidia', model: 'GeForce RTX5090', technology: 'blackwell' } },
        pools: { cores: { first: 1, last: 680, assignableType: 'tensor' } },
      }),
    );
  }
  const clusterId = `${prefix}-cluster-1`;
  const cluster = await step(
    `${clusterId}: a cluster with 3 cores of ${prefix}-gpu-1 and 1 core of any GPU in NXTM2, installed`,
    clusterId,
    {
      kind: 'Cluster',
      name: 'cluster_1',
      characteristics: { cluster: { name: 'cluster_1', gpuCores: 4 } },
      parties: [
        { role: 'operator', id: '51824753556' },
        { role: 'manager', id: 'alice-zhang' },
      ],
      places: [{ role: 'dataCentre', id: 'NXTM2' }],
      assignments: [
        { alias: 'core1', pool: 'cores', from: `${prefix}-gpu-1` },
        { alias: 'core2', pool: 'cores', from: `${prefix}-gpu-1` },
        { alias: 'core3', pool: 'cores', from: `${prefix}-gpu-1` },
        { alias: 'core4', pool: 'cores', from: { kind: 'GPU', places: [{ role: 'dataCentre', id: 'NXTM2' }] } },
      ],
      state: 'installed',
    },
  );
  outcomes.push(cluster);
  if (cluster.status === 'met') {
    const held = (await inventory.instances.get(clusterId)).assignments.map(
      (assignment) => `${assignment.alias}=${assignment.owner.id}#${assignment.value}`,
    );
    say(`  the cluster holds ${held.sort().join(', ')}`);
  }
  const wholesaleMet = await runWholesaleDemo(deps, say, prefix);
  const retailMet = await runRetailDemo(deps, step, say, { ...options, prefix });
  return wholesaleMet && retailMet && outcomes.every((outcome) => outcome.status === 'met');
}

type Step = (title: string, id: string, intent: Record<string, unknown>) => ReturnType<typeof narratedStep>;

/** Two broadband services of Acme Retail on the wholesale AVCs: V1 → V2, active, suspended; and active. */
async function runRetailDemo(
  deps: DemoDependencies,
  step: Step,
  say: (line: string) => void,
  options: RenderContext & { prefix: string },
): Promise<boolean> {
  const wholesale = wholesaleIds(options.prefix);
  const [first, second] = [`${options.prefix}-broadband-1`, `${options.prefix}-broadband-2`];
  const retail = (name: string, avc: string) => ({
    name,
    parties: [{ role: 'provider', id: 'acme-retail' }],
    characteristics: { broadband: { technology: 'fttp' } },
    relationships: [
      { alias: 'avc', type: 'reliesOn', target: avc },
      { alias: 'uni', type: 'reliesOn', target: wholesale.uni },
    ],
  });
  const broadband = { kind: 'Broadband', ...retail('acme-broadband-001', wholesale.avc) };
  const outcomes = [
    await step(`${first}: an NBN broadband service on V1, relying on ${wholesale.avc}`, first, broadband),
    await step(`${first} again, now expecting major version 2 and active: the engine respecifies it`, first, {
      ...broadband,
      specification: { major: 2 },
      state: 'active',
    }),
    await step(`${first} suspended by the RSP`, first, {
      ...broadband,
      specification: { major: 2 },
      state: 'suspended',
    }),
    await step(
      `${second}: a second broadband service, on V2, active, with a static IP, relying on ${wholesale.secondAvc}`,
      second,
      {
        kind: 'BroadbandV2',
        ...retail('acme-broadband-002', wholesale.secondAvc),
        state: 'active',
        features: { staticIp: { isEnabled: true, characteristics: { address: '203.0.113.7' } } },
      },
    ),
  ];
  const instance = await deps.inventory.instances.get(first);
  const v4 = renderTmfV4(instance, options);
  say(`  TMF638: ${String(v4.href)} is a ${String(v4['@type'])} on ${JSON.stringify(v4.serviceSpecification)}`);
  say(
    `  its state is "${String(v4.state)}" in TMF638 v4 (which has no "suspended") and "${String(renderTmfV5(instance, options).state)}" in v5`,
  );
  return outcomes.every((outcome) => outcome.status === 'met');
}

/** The demo's dependencies from the CLI's context. */
export async function demoDependencies(context: CliContext): Promise<DemoDependencies> {
  const { inventory, expectations, settings } = context;
  return { client: await context.client(), expectations, inventory, taskQueue: settings.temporal.taskQueue };
}

/** Runs the demo with the CLI's context and says where to look afterwards. */
export async function runDemoFrom(context: CliContext, say: (line: string) => void): Promise<boolean> {
  const allMet = await runDemo(await demoDependencies(context), say, { baseUrl: publicBaseUrl(context.settings.api) });
  say(
    `\nSee them in the Temporal UI (${context.settings.temporal.uiUrl}) and the Neo4j Browser (${context.settings.neo4j.browserUrl}).`,
  );
  return allMet;
}

/** `diffo demo`: the seed scenarios, narrated; needs a running worker (`npm start` or `diffo worker`). */
export function demoCommand(): Command {
  return new Command('demo')
    .description(
      'submit the seed scenarios (Compute cluster from GPU cores, a wholesale AVC inheriting its site, NBN broadband V1 → V2 on it) and narrate them to met; needs a running worker',
    )
    .action(async () => {
      await withCliContext(undefined, async (context) => {
        const allMet = await runDemoFrom(context, (line) => console.log(line));
        if (!allMet) process.exitCode = exitCodes.failure;
      });
    });
}
