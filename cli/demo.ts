import type { Client } from '@temporalio/client';
import { Command } from 'commander';
import type { StoredExpectation } from '../graph/expectation-repository.js';
import type { Inventory } from '../graph/inventory.js';
import { renderTmf } from '../model/tmf-json.js';
import { withCliContext, type CliContext } from './cli-context.js';
import { ensure, narratedStep, runWholesaleDemo, type Step } from './demo-wholesale.js';
import { exitCodes } from './exit-codes.js';

/**
 * The seed scenarios of the reference material as expectations, narrated: GPUs with core
 * pools in data centre NXTM2, a cluster composed of their cores, and an NBN broadband
 * service moved from V1 to V2; then the wholesale chain with inherited facts. Fixed ids,
 * so running it again makes new generations.
 */
export async function runDemo(context: CliContext, client: Client, say: (line: string) => void): Promise<boolean> {
  const deps = { client, expectations: context.expectations, taskQueue: context.settings.temporal.taskQueue };
  const { inventory } = context;
  const step: Step = (title, id, intent) => narratedStep({ ...deps, inventory }, say, title, id, intent);
  await ensureComputeAndNbnReferences(inventory, say);
  const outcomes = await offerGpuCores(step);
  outcomes.push(await composeCluster(step, inventory, say));
  outcomes.push(...(await respecifyBroadband(step, inventory, say)));
  const wholesaleMet = await runWholesaleDemo({ ...deps, inventory }, say);
  say(
    `\nSee them in the Temporal UI (${context.settings.temporal.uiUrl}) and the Neo4j Browser (${context.settings.neo4j.browserUrl}).`,
  );
  return wholesaleMet && outcomes.every((outcome) => outcome.status === 'met');
}

/** Parties and places: referenced, not reconciled. */
async function ensureComputeAndNbnReferences(inventory: Inventory, say: (line: string) => void): Promise<void> {
  say(
    'Parties and places first (they are referenced, not reconciled): Acme Compute (ABN 51824753556), Alice Zhang, data centre NXTM2, RSP Acme Retail.',
  );
  await ensure(() => inventory.parties.create('Tenant', { id: '51824753556', name: 'Acme Compute Pty Ltd' }));
  await ensure(() => inventory.parties.create('Engineer', { id: 'alice-zhang', name: 'Alice Zhang' }));
  await ensure(() => inventory.places.create('DataCentre', { id: 'NXTM2', name: 'NextDC M2' }));
  await ensure(() => inventory.parties.create('RSP', { id: 'acme-retail', name: 'Acme Retail' }));
}

/** Two GPUs in NXTM2, each with a pool of cores. */
async function offerGpuCores(step: Step): Promise<StoredExpectation[]> {
  const outcomes = [];
  for (const gpu of ['demo-gpu-1', 'demo-gpu-2']) {
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

/** A cluster of GPU cores, three from demo-gpu-1 and one from any GPU in NXTM2; the cores it holds, once met. */
async function composeCluster(
  step: Step,
  inventory: Inventory,
  say: (line: string) => void,
): Promise<StoredExpectation> {
  const cluster = await step(
    'demo-cluster-1: a cluster with 3 cores of demo-gpu-1 and 1 core of any GPU in NXTM2, installed',
    'demo-cluster-1',
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
        { alias: 'core1', pool: 'cores', from: 'demo-gpu-1' },
        { alias: 'core2', pool: 'cores', from: 'demo-gpu-1' },
        { alias: 'core3', pool: 'cores', from: 'demo-gpu-1' },
        { alias: 'core4', pool: 'cores', from: { kind: 'GPU', places: [{ role: 'dataCentre', id: 'NXTM2' }] } },
      ],
      state: 'installed',
    },
  );
  if (cluster.status === 'met') {
    const held = (await inventory.instances.get('demo-cluster-1')).assignments.map(
      (assignment) => `${assignment.alias}=${assignment.owner.id}#${assignment.value}`,
    );
    say(`  the cluster holds ${held.sort().join(', ')}`);
  }
  return cluster;
}

/** An NBN broadband service on V1, then expected on V2 and active: the engine respecifies it. */
async function respecifyBroadband(
  step: Step,
  inventory: Inventory,
  say: (line: string) => void,
): Promise<StoredExpectation[]> {
  const broadband = {
    kind: 'Broadband',
    name: 'acme-broadband-001',
    parties: [{ role: 'provider', id: 'acme-retail' }],
    characteristics: { broadband: { technology: 'fttp' } },
  };
  const onV1 = await step('demo-broadband-1: an NBN broadband service on V1', 'demo-broadband-1', broadband);
  const onV2 = await step(
    'demo-broadband-1 again, now expecting major version 2 and active: the engine respecifies it',
    'demo-broadband-1',
    { ...broadband, specification: { major: 2 }, state: 'active' },
  );
  const service = renderTmf(await inventory.instances.get('demo-broadband-1'));
  const [href, type, state] = [service.href, service['@type'], service.state].map(String);
  say(`  TMF638: ${href} is a ${type} on ${JSON.stringify(service.serviceSpecification)} in state ${state}`);
  return [onV1, onV2];
}

/** `diffo demo`: the seed scenarios, narrated; needs a running worker (`npm start` or `diffo worker`). */
export function demoCommand(): Command {
  return new Command('demo')
    .description(
      'submit the seed scenarios (Compute cluster from GPU cores, NBN broadband V1 → V2, a wholesale AVC inheriting its site) and narrate them to met; needs a running worker',
    )
    .action(async () => {
      await withCliContext(undefined, async (context) => {
        const allMet = await runDemo(context, await context.client(), (line) => console.log(line));
        if (!allMet) process.exitCode = exitCodes.failure;
      });
    });
}
