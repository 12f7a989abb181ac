import type { ExpectationRepository, StoredExpectation } from '../graph/expectation-repository.js';
import type { Inventory } from '../graph/inventory.js';
import { InventoryError } from '../model/inventory-error.js';
import { renderTmf } from '../model/tmf-json.js';
import {
  signalReconciler,
  submitExpectation,
  waitForSettled,
  type SubmissionDependencies,
} from '../runtime/submission.js';

/**
 * The wholesale chain, narrated: an AVC expects the site, exchange and provider it inherits
 * along Exchange ← NNI ─carries→ CVC ─svlan→ AVC ←uni─ UNI → Premises. It is blocked while
 * the NNI does not carry the CVC yet, and met once an expectation on the NNI relates them.
 */
export interface DemoDependencies extends SubmissionDependencies {
  expectations: ExpectationRepository;
  inventory: Inventory;
}

/** Creates a party or place unless it exists already (the demo runs again and again). */
export async function ensure(create: () => Promise<unknown>): Promise<void> {
  await create().catch((error: unknown) => {
    if (!(error instanceof InventoryError && error.code === 'conflict')) throw error;
  });
}

/** Submits and narrates one expectation until its reconciler settles on it. */
export async function narratedStep(
  deps: DemoDependencies,
  say: (line: string) => void,
  title: string,
  id: string,
  intent: Record<string, unknown>,
): Promise<StoredExpectation> {
  say(`\n▶ ${title}`);
  const submission = await submitExpectation(deps, intent, id);
  say(`  submitted expectation ${id} (generation ${submission.generation}); its workflow is ${submission.workflowId}`);
  const settled = await waitForSettled(deps.expectations, id, {
    generation: submission.generation,
    timeoutMs: 120_000,
  });
  say(`  ${settled.status}${settled.reason ? ` — ${settled.reason}` : ''}`);
  return settled;
}

async function untilMet(
  expectations: ExpectationRepository,
  id: string,
  timeoutMs: number,
): Promise<StoredExpectation> {
  const deadline = Date.now() + timeoutMs;
  let current = await expectations.get(id);
  while (current.status !== 'met' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    current = await expectations.get(id);
  }
  return current;
}

/** The ids of the wholesale scenario's instances, parties and places under `prefix`. */
export function wholesaleIds(prefix: string) {
  const id = (suffix: string) => `${prefix}-${suffix}`;
  return {
    exchange: id('2BLT'),
    premises: id('LOC000123456789'),
    seeker: id('fast-fibre'),
    nni: id('nni-1'),
    cvc: id('cvc-1'),
    uni: id('uni-1'),
    avc: id('avc-1'),
    secondAvc: id('avc-2'),
  };
}

/**
 * Runs the wholesale scenario under ids starting with `prefix`: two active AVCs on one UNI and
 * one CVC; true when every expectation ends met.
 */
export async function runWholesaleDemo(
  deps: DemoDependencies,
  say: (line: string) => void,
  prefix = 'demo',
): Promise<boolean> {
  const { inventory } = deps;
  const ids = wholesaleIds(prefix);
  const step = (title: string, id: string, intent: Record<string, unknown>) =>
    narratedStep(deps, say, title, id, intent);

  say('\nWholesale: exchange 2BLT, premises LOC000123456789 and access seeker Fast Fibre first.');
  await ensure(() => inventory.places.create('Exchange', { id: ids.exchange, name: 'Balmain' }));
  await ensure(() => inventory.places.create('Premises', { id: ids.premises, name: '1 Darling St, Balmain' }));
  await ensure(() => inventory.parties.create('AccessSeeker', { id: ids.seeker, name: 'Fast Fibre Pty Ltd' }));

  const outcomes = [];
  outcomes.push(
    await step(`${ids.cvc}: Fast Fibre's 1 Gbps CVC, offering S-VLANs 2..4000`, ids.cvc, {
      kind: 'CVC',
      name: 'cvc-1',
      characteristics: { bandwidthMbps: 1000 },
      parties: [{ role: 'provider', id: ids.seeker }],
      pools: { svlans: { first: 2, last: 4000 } },
    }),
  );
  outcomes.push(
    await step(`${ids.uni}: a UNI at the premises, ports 1..4`, ids.uni, {
      kind: 'UNI',
      name: 'uni-1',
      places: [{ role: 'site', id: ids.premises }],
      pools: { ports: { first: 1, last: 4 } },
    }),
  );
  const avc = (name: string, speedTier: string) => ({
    kind: 'AVC',
    name,
    characteristics: { speedTier },
    assignments: [
      { alias: 'uni', pool: 'ports', from: ids.uni },
      { alias: 'svlan', pool: 'svlans', from: ids.cvc },
    ],
    inherited: { installationSite: ids.premises, exchange: ids.exchange, provider: [ids.seeker] },
    state: 'active',
    blockedRetrySeconds: 5,
  });
  const title = `${ids.avc}: an active AVC expecting to inherit its site, its exchange (two hops away) and its provider`;
  const first = await step(title, ids.avc, avc('avc-1', '100/40'));
  if (first.status === 'blocked') say('  (the AVC cannot write an inherited fact; the NNI must carry the CVC)');
  outcomes.push(
    await step(`${ids.nni}: an NNI at exchange 2BLT carrying the CVC`, ids.nni, {
      kind: 'NNI',
      name: 'nni-1',
      characteristics: { capacityGbps: 100 },
      places: [{ role: 'exchange', id: ids.exchange }],
      relationships: [{ alias: 'cvc1', type: 'carries', target: ids.cvc }],
    }),
  );
  await signalReconciler(deps, { id: ids.avc, kind: 'AVC' });
  const final = await untilMet(deps.expectations, ids.avc, 60_000);
  say(`  ${ids.avc} is ${final.status}${final.reason ? ` — ${final.reason}` : ''}`);
  outcomes.push(final);
  const places = (renderTmf(await inventory.instances.get(ids.avc)).place ?? []) as Array<{
    id: string;
    role: string;
    inheritedFrom?: Array<{ id: string }>;
  }>;
  for (const place of places)
    say(
      `  TMF638 place ${place.role} = ${place.id}, inherited from ${place.inheritedFrom?.map((from) => from.id).join(', ')}`,
    );
  outcomes.push(
    await step(
      `${ids.secondAvc}: a second AVC on the same UNI and CVC, met at once`,
      ids.secondAvc,
      avc('avc-2', '50/20'),
    ),
  );
  return outcomes.every((outcome) => outcome.status === 'met');
}
