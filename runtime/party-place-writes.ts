import { wakeWaitingOn, type Waking } from '../activities/wake-waiting.js';
import type { Inventory } from '../graph/inventory.js';
import type { PartyPlaceRepository } from '../graph/party-place-repository.js';
import { InventoryError } from '../model/inventory-error.js';
import type { PartyOrPlaceDetail } from '../model/party-kind.js';
import { partyOrPlaceBody, typeOfBody } from '../model/tmf/party-place-body.js';
import { characteristicListKey, renderPartyOrPlace } from '../model/tmf/party-place-json.js';
import type { TmfVersion } from '../model/tmf/state-vocabulary.js';

/**
 * Parties and places written from TMF bodies — the one path the HTTP API (api/party-place-routes.ts)
 * and the CLI (`diffo party`, `diffo place`) both take. The body is read at a TMF type (the
 * route's, or — from the CLI — the one its kind or `@type` names; model/tmf/party-place-body.ts),
 * checked against its kind and written by the repository in one transaction: a refused write
 * writes nothing. A PATCH applies to the representation in the caller's version.
 */
export interface PartyPlaceTarget {
  category: 'party' | 'place';
  /** The TMF type of the route; unset: the body's (create) or the stored one's (the others). */
  type?: string;
}

type Json = Record<string, unknown>;

const repositoryOf = (inventory: Inventory, category: PartyPlaceTarget['category']): PartyPlaceRepository =>
  category === 'party' ? inventory.parties : inventory.places;

const refused = (what: string, problems: string[]) =>
  new InventoryError(
    'invalidInput',
    `invalid ${what}: ${problems.join('; ')}`,
    problems.map((problem) => problem.split(':')[0]!),
  );

/** Where a TMF body holds attributes (its top level) and characteristics, for the problems' field names. */
const bodyPaths = (category: PartyPlaceTarget['category']) => ({
  attributes: '',
  characteristics: characteristicListKey[category],
});

/** The party or place found, if it is of the target's type (when it names one); else not found. */
function ofTargetType(target: PartyPlaceTarget, id: string, found: PartyOrPlaceDetail): PartyOrPlaceDetail {
  if (target.type && found.type !== target.type)
    throw new InventoryError('notFound', `no ${target.type} with id ${id}`, ['id']);
  return found;
}

/** The party or place with the id, of the target's type when it names one (else not found). */
export async function partyOrPlaceOf(inventory: Inventory, target: PartyPlaceTarget, id: string) {
  return ofTargetType(target, id, await repositoryOf(inventory, target.category).get(id));
}

/**
 * Creates a party or place from a TMF body; with `waking`, then wakes the reconcilers blocked
 * waiting for it to exist (activities/wake-waiting.ts).
 */
export async function createPartyOrPlace(
  inventory: Inventory,
  target: PartyPlaceTarget,
  body: Json,
  waking?: Omit<Waking, 'store'>,
): Promise<PartyOrPlaceDetail> {
  const type = target.type ?? typeOfBody(inventory.registry, target.category, body);
  if (!type)
    throw refused(target.category, [`kind: name a registered ${target.category} kind (or @type its TMF type)`]);
  const read = partyOrPlaceBody(inventory.registry, target.category, type, body, true);
  if ('problems' in read) throw refused(type, read.problems);
  const created = await repositoryOf(inventory, target.category).create(
    read.kind.name,
    read.input,
    bodyPaths(target.category),
  );
  if (waking) await wakeWaitingOn({ store: inventory.store, ...waking }, [created.id]);
  return created;
}

/** Changes a party or place: `patch` turns its representation (in `version`) into the one wanted. */
export async function patchPartyOrPlace(
  inventory: Inventory,
  target: PartyPlaceTarget & { version: TmfVersion },
  id: string,
  patch: (representation: Json) => Json,
): Promise<PartyOrPlaceDetail> {
  // read, patch and write in one transaction: a PATCH at the same time waits, and is applied to this one's result
  return repositoryOf(inventory, target.category).update(
    id,
    (found) => {
      const current = ofTargetType(target, id, found);
      const wanted = patch(renderPartyOrPlace(current, target.category, target.version, { baseUrl: '' }));
      const problems = [
        ...(wanted.id === current.id ? [] : [`id: ${current.id} keeps its id`]),
        ...(wanted.kind === current.kind ? [] : [`kind: ${current.id} is a ${current.kind}; a kind does not change`]),
      ];
      const read = partyOrPlaceBody(inventory.registry, target.category, current.type, wanted, false);
      if ('problems' in read || problems.length > 0)
        throw refused(current.type, [...problems, ...('problems' in read ? read.problems : [])]);
      const { id: _id, ...input } = read.input;
      return input;
    },
    bodyPaths(target.category),
  );
}

/** Deletes a party or place nothing refers to (else a conflict naming who does). */
export async function deletePartyOrPlace(inventory: Inventory, target: PartyPlaceTarget, id: string): Promise<void> {
  await partyOrPlaceOf(inventory, target, id);
  await repositoryOf(inventory, target.category).delete(id);
}

/** The parties or places of the target's type (all of the category when it names none), by id. */
export function listPartiesOrPlaces(inventory: Inventory, target: PartyPlaceTarget, kind?: string) {
  return repositoryOf(inventory, target.category).list({
    ...(target.type ? { type: target.type } : {}),
    ...(kind ? { kind } : {}),
  });
}
