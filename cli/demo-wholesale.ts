import type { ExpectationRepository, StoredExpectation } from '../graph/expectation-repository.js';
import type { Inventory } from '../graph/inventory.js';
import { InventoryError } from '../model/inventory-error.js';
import { renderTmf } from '../model/tmf-json.js';
import { createPartyOrPlace } from '../runtime/party-place-writes.js';
import {
  signalReconciler,
  submitExpectation,
  waitForSettled,
  type SubmissionDependencies,
} from '../runtime/submission.js';

/**
 * The wholesale chain, narrated: an AVC expects the site, exchange and provider it inherits
 * along Exchange ← NNI ─carries→ CVC ─svlan→ AVC ←uni─ UNI → Premises. It is blocked while
 * the NNI does not carry the CVC yet, and met once an expectation on the NNI relates them; a
 * second AVC on the same UNI and CVC is met at once. Both AVCs are active.
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

/** Submits one expectation under a title and narrates it until its reconciler settles on it. */
export type Step = (title: string, id: string, intent: Record<string, unknown>) => Promise<StoredExpectation>;

/** The ids of the wholesale chain's parties, places and instances, under `prefix`. */
type WholesaleIds = ReturnType<typeof wholesaleIds>;

export const wholesaleIds = (prefix: string) => ({
  exchange: `${prefix}-2BLT`,
  premises: `${prefix}-LOC000123456789`,
  seeker: `${prefix}-fast-fibre`,
  nni: `${prefix}-nni-1`,
  cvc: `${prefix}-cvc-1`,
  uni: `${prefix}-uni-1`,
  avc: `${prefix}-avc-1`,
  secondAvc: `${prefix}-avc-2`,
});

/** Runs the wholesale scenario under ids starting with `prefix`; true when every expectation ends met. */
export async function runWholesaleDemo(
  deps: DemoDependencies,
  say: (line: string) => void,
  prefix = 'demo',
): Promise<boolean> {
  const ids = wholesaleIds(prefix);
  const step: Step = (title, id, intent) => narratedStep(deps, say, title, id, intent);
  await ensureWholesaleReferences(deps.inventory, ids, say);
  const outcomes = await offerSvlansAndPorts(step, ids);
  await expectInheritedFacts(step, ids, say);
  outcomes.push(await carryTheCvc(step, ids));
  outcomes.push(await untilInherited(deps, ids, say));
  await narrateInheritedPlaces(deps.inventory, ids.avc, say);
  outcomes.push(
    await step(
      `${ids.secondAvc}: a second AVC on the same UNI and CVC, met at once`,
      ids.secondAvc,
      avcIntent(ids, 'avc-2', '50/20'),
    ),
  );
  return outcomes.every((outcome) => outcome.status === 'met');
}

/** The exchange, the premises and the access seeker: referenced, not reconciled. */
async function ensureWholesaleReferences(
  inventory: Inventory,
  ids: WholesaleIds,
  say: (line: string) => void,
): Promise<void> {
  say('\nWholesale: exchange 2BLT, premises LOC000123456789 and access seeker Fast Fibre first.');
  const balmain = { locality: 'Balmain', stateOrProvince: 'NSW', postcode: '2041', country: 'Australia' };
  const at = (longitude: number, latitude: number) => ({
    '@type': 'GeoJsonPoint',
    geoJson: { type: 'Point', coordinates: [longitude, latitude] },
  });
  const place = { category: 'place' } as const;
  await ensure(() =>
    createPartyOrPlace(inventory, place, {
      id: ids.exchange,
      kind: 'Exchange',
      name: 'Balmain',
      code: '2BLT',
      place: [
        { '@type': 'GeographicAddress', streetNr: '57', streetName: 'Mort', streetType: 'Street', ...balmain },
        at(151.1795, -33.8587),
      ],
    }),
  );
  await ensure(() =>
    createPartyOrPlace(inventory, place, {
      id: ids.premises,
      kind: 'Premises',
      name: '1 Darling St, Balmain',
      streetNr: '1',
      streetName: 'Darling',
      streetType: 'Street',
      ...balmain,
      geographicLocation: at(151.1866, -33.8551),
    }),
  );
  await ensure(() =>
    createPartyOrPlace(
      inventory,
      { category: 'party' },
      {
        id: ids.seeker,
        kind: 'AccessSeeker',
        name: 'Fast Fibre Pty Ltd',
        tradingName: 'Fast Fibre',
        isLegalEntity: true,
      },
    ),
  );
}

/** The CVC offering S-VLANs and the UNI offering ports, the pools the AVC is assigned from. */
async function offerSvlansAndPorts(step: Step, ids: WholesaleIds): Promise<StoredExpectation[]> {
  const cvc = await step(`${ids.cvc}: Fast Fibre's 1 Gbps CVC, offering S-VLANs 2..4000`, ids.cvc, {
    kind: 'CVC',
    name: 'cvc-1',
    characteristics: { bandwidthMbps: 1000 },
    parties: [{ role: 'provider', id: ids.seeker }],
    pools: { svlans: { first: 2, last: 4000 } },
  });
  const uni = await step(`${ids.uni}: a UNI at the premises, ports 1..4`, ids.uni, {
    kind: 'UNI',
    name: 'uni-1',
    places: [{ role: 'site', id: ids.premises }],
    pools: { ports: { first: 1, last: 4 } },
  });
  return [cvc, uni];
}

/** An active AVC with a port of the UNI and an S-VLAN of the CVC, expecting the facts it inherits. */
const avcIntent = (ids: WholesaleIds, name: string, speedTier: string) => ({
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

/** The AVC, expecting facts it inherits: blocked the first time, while the NNI does not carry the CVC yet. */
async function expectInheritedFacts(step: Step, ids: WholesaleIds, say: (line: string) => void): Promise<void> {
  const first = await step(
    `${ids.avc}: an active AVC expecting to inherit its site, its exchange (two hops away) and its provider`,
    ids.avc,
    avcIntent(ids, 'avc-1', '100/40'),
  );
  if (first.status === 'blocked') say('  (the AVC cannot write an inherited fact; the NNI must carry the CVC)');
}

/** The NNI at the exchange, carrying the CVC: the hop the AVC's exchange is inherited over. */
const carryTheCvc = (step: Step, ids: WholesaleIds) =>
  step(`${ids.nni}: an NNI at exchange 2BLT carrying the CVC`, ids.nni, {
    kind: 'NNI',
    name: 'nni-1',
    characteristics: { capacityGbps: 100 },
    places: [{ role: 'exchange', id: ids.exchange }],
    relationships: [{ alias: 'cvc1', type: 'carries', target: ids.cvc }],
  });

/** Tells the AVC's reconciler the chain changed, and waits for the AVC to be met. */
async function untilInherited(
  deps: DemoDependencies,
  ids: WholesaleIds,
  say: (line: string) => void,
): Promise<StoredExpectation> {
  await signalReconciler(deps, { id: ids.avc, kind: 'AVC' });
  const final = await untilMet(deps.expectations, ids.avc, 60_000);
  say(`  ${ids.avc} is ${final.status}${final.reason ? ` — ${final.reason}` : ''}`);
  return final;
}

/** The AVC's places as TMF638 shows them, each with the instance it is inherited from. */
async function narrateInheritedPlaces(inventory: Inventory, avcId: string, say: (line: string) => void): Promise<void> {
  const places = (renderTmf(await inventory.instances.get(avcId)).place ?? []) as Array<{
    id: string;
    role: string;
    inheritedFrom?: Array<{ id: string }>;
  }>;
  for (const place of places)
    say(
      `  TMF638 place ${place.role} = ${place.id}, inherited from ${place.inheritedFrom?.map((from) => from.id).join(', ')}`,
    );
}
