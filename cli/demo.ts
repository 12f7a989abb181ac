import { Command } from 'commander';
import type { StoredExpectation } from '../graph/expectation-repository.js';
import type { Inventory } from '../graph/inventory.js';
import path from 'node:path';
import { projectRoot, publicBaseUrl } from '../infra/settings.js';
import type { RenderContext } from '../model/tmf/tmf-paths.js';
import { renderTmfV4 } from '../model/tmf/v4-json.js';
import { renderTmfV5 } from '../model/tmf/v5-json.js';
import { withCliContext, type CliContext } from './cli-context.js';
import {
  ensure,
  narratedStep,
  runWholesaleDemo,
  wholesaleIds,
  type DemoDependencies,
  type Step,
} from './demo-wholesale.js';
import { createPartyOrPlace } from '../runtime/party-place-writes.js';
import { exitCodes } from './exit-codes.js';
import { readObjects } from './intent-file.js';

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
  const step: Step = (title, id, intent) => narratedStep(deps, say, title, id, intent);
  const outcomes = await runComputeDemo(deps, say, prefix);
  const wholesaleMet = await runWholesaleDemo(deps, say, prefix);
  outcomes.push(...(await respecifyAndSuspendBroadband(step, prefix)));
  outcomes.push(await activateSecondBroadband(step, prefix));
  await narrateStates(inventory, say, { ...options, prefix });
  return wholesaleMet && outcomes.every((outcome) => outcome.status === 'met');
}

/**
 * The demo's first part: its parties and places, two GPUs in NXTM2 offering cores, and the cluster
 * `<prefix>-cluster-1` of four of their cores, each narrated to its outcome (the live view's
 * browser test runs this part alone).
 */
export async function runComputeDemo(
  deps: DemoDependencies,
  say: (line: string) => void,
  prefix: string,
): Promise<StoredExpectation[]> {
  const step: Step = (title, id, intent) => narratedStep(deps, say, title, id, intent);
  await ensureComputeAndNbnReferences(deps.inventory, say);
  const outcomes = await offerGpuCores(step, prefix);
  outcomes.push(await composeCluster(step, deps.inventory, say, prefix));
  return outcomes;
}

/**
 * Parties and places: referenced, not reconciled. Made from the TMF bodies of the README
 * walk-through (examples/parties.yaml, examples/places.yaml) by the code `diffo party create`
 * and the API's POST run.
 */
async function ensureComputeAndNbnReferences(inventory: Inventory, say: (line: string) => void): Promise<void> {
  say(
    'Parties and places first (they are referenced, not reconciled): Acme Compute (ABN 51824753556), Alice Zhang, data centre NXTM2 on the Fishermans Bend campus, RSP Acme Retail (examples/parties.yaml, examples/places.yaml).',
  );
  for (const category of ['party', 'place'] as const) {
    const file = path.join(projectRoot, 'examples', category === 'party' ? 'parties.yaml' : 'places.yaml');
    for (const body of await readObjects(file, `a ${category}`))
      await ensure(() => createPartyOrPlace(inventory, { category }, body));
  }
}

/** Two GPUs in NXTM2, each with a pool of cores. */
async function offerGpuCores(step: Step, prefix: string): Promise<StoredExpectation[]> {
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
  return outcomes;
}

/** A cluster of GPU cores, three from the first GPU and one from any GPU in NXTM2; the cores it holds, once met. */
async function composeCluster(
  step: Step,
  inventory: Inventory,
  say: (line: string) => void,
  prefix: string,
): Promise<StoredExpectation> {
  const [clusterId, gpu] = [`${prefix}-cluster-1`, `${prefix}-gpu-1`];
  const cluster = await step(
    `${clusterId}: a cluster with 3 cores of ${gpu} and 1 core of any GPU in NXTM2, installed`,
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
        { alias: 'core1', pool: 'cores', from: gpu },
        { alias: 'core2', pool: 'cores', from: gpu },
        { alias: 'core3', pool: 'cores', from: gpu },
        { alias: 'core4', pool: 'cores', from: { kind: 'GPU', places: [{ role: 'dataCentre', id: 'NXTM2' }] } },
      ],
      state: 'installed',
    },
  );
  if (cluster.status === 'met') {
    const held = (await inventory.instances.get(clusterId)).assignments.map(
      (assignment) => `${assignment.alias}=${assignment.owner.id}#${assignment.value}`,
    );
    say(`  the cluster holds ${held.sort().join(', ')}`);
  }
  return cluster;
}

/** An Acme Retail broadband service relying on an AVC and the UNI at the premises. */
function retailBroadband(prefix: string, name: string, avc: string) {
  return {
    name,
    parties: [{ role: 'provider', id: 'acme-retail' }],
    characteristics: { broadband: { technology: 'fttp' } },
    relationships: [
      { alias: 'avc', type: 'reliesOn', target: avc },
      { alias: 'uni', type: 'reliesOn', target: wholesaleIds(prefix).uni },
    ],
  };
}

/** An NBN broadband service on V1, then expected on V2 and active (the engine respecifies it), then suspended. */
async function respecifyAndSuspendBroadband(step: Step, prefix: string): Promise<StoredExpectation[]> {
  const [id, avc] = [`${prefix}-broadband-1`, wholesaleIds(prefix).avc];
  const broadband = { kind: 'Broadband', ...retailBroadband(prefix, 'acme-broadband-001', avc) };
  const onV1 = await step(`${id}: an NBN broadband service on V1, relying on ${avc}`, id, broadband);
  const onV2 = await step(`${id} again, now expecting major version 2 and active: the engine respecifies it`, id, {
    ...broadband,
    specification: { major: 2 },
    state: 'active',
  });
  const suspended = await step(`${id} suspended by the RSP`, id, {
    ...broadband,
    specification: { major: 2 },
    state: 'suspended',
  });
  return [onV1, onV2, suspended];
}

/** A second broadband service, on V2 at once, active, with a static IP. */
function activateSecondBroadband(step: Step, prefix: string): Promise<StoredExpectation> {
  const [id, avc] = [`${prefix}-broadband-2`, wholesaleIds(prefix).secondAvc];
  return step(`${id}: a second broadband service, on V2, active, with a static IP, relying on ${avc}`, id, {
    kind: 'BroadbandV2',
    ...retailBroadband(prefix, 'acme-broadband-002', avc),
    state: 'active',
    features: { staticIp: { isEnabled: true, characteristics: { address: '203.0.113.7' } } },
  });
}

/** The suspended broadband service as TMF638 shows it: v4 has no word for its state, v5 has. */
async function narrateStates(
  inventory: Inventory,
  say: (line: string) => void,
  options: RenderContext & { prefix: string },
): Promise<void> {
  const instance = await inventory.instances.get(`${options.prefix}-broadband-1`);
  const v4 = renderTmfV4(instance, options);
  const [href, type, v4State] = [v4.href, v4['@type'], v4.state].map(String);
  const v5State = String(renderTmfV5(instance, options).state);
  say(`  TMF638: ${href} is a ${type} on ${JSON.stringify(v4.serviceSpecification)}`);
  say(`  its state is "${v4State}" in TMF638 v4 (which has no "suspended") and "${v5State}" in v5`);
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
