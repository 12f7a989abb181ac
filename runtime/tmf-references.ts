import { relabel } from '../expectations/tmf/write-expectation.js';
import type { TmfTranslation } from '../expectations/tmf/tmf-write.js';
import type { Inventory } from '../graph/inventory.js';
import { InventoryError } from '../model/inventory-error.js';
import { permits } from '../model/relationship-permissions.js';

/**
 * What a TMF write refers to must be there before the engine is asked: every party and place it
 * names exists and is of the kind its role takes, every relationship target exists, is of the
 * type its field says (a `serviceRelationship` points at a service) and lets the instance
 * relate to it with that alias. Read before anything is stored, so a bad reference is a 422
 * naming the TMF field, not a blocked expectation.
 */

/** What a read found, or undefined where it found nothing (`notFound`); any other failure stands. */
const foundOrNone = <T>(read: Promise<T>): Promise<T | undefined> =>
  read.catch((error: unknown) => {
    if (error instanceof InventoryError && error.code === 'notFound') return undefined;
    throw error;
  });

async function roleProblems(inventory: Inventory, translation: TmfTranslation, section: 'parties' | 'places') {
  const repository = section === 'parties' ? inventory.parties : inventory.places;
  const noun = section === 'parties' ? 'party' : 'place';
  const refs = translation.sections[section] ?? [];
  const problems = await Promise.all(
    refs.map(async (ref, index): Promise<string[]> => {
      const role = translation.kind[section][ref.role];
      if (!ref.id || !role) return []; // an undeclared role: the expectation's own check names it
      const found = await foundOrNone(repository.get(ref.id));
      if (!found) return [`${section}.${index}.id: no ${noun} with id ${ref.id}`];
      return found.kind === role.kind
        ? []
        : [`${section}.${index}.id: ${ref.id} is a ${found.kind}; role ${ref.role} takes a ${role.kind}`];
    }),
  );
  return problems.flat();
}

async function relationshipProblems(inventory: Inventory, translation: TmfTranslation) {
  const problems = await Promise.all(
    (translation.sections.relationships ?? []).map(async (relationship, index): Promise<string[]> => {
      const target = await foundOrNone(inventory.instances.get(relationship.target));
      const where = `relationships.${index}`;
      if (!target) return [`${where}.target: no service or resource with id ${relationship.target}`];
      const field = translation.origins.get(where) ?? '';
      const expected = field.startsWith('serviceRelationship') ? 'service' : 'resource';
      if (target.type !== expected) return [`${where}.target: ${target.id} is a ${target.type}, not a ${expected}`];
      const allowed = inventory.registry.instanceKind(target.kind).relationships.target;
      return permits(allowed, relationship.alias)
        ? []
        : [
            `${where}.alias: ${target.id} (a ${target.kind}) may not be the target of a relationship with alias "${relationship.alias}"`,
          ];
    }),
  );
  return problems.flat();
}

/** The problems of what the write's sections refer to, each naming its TMF field. */
export async function referenceProblems(inventory: Inventory, translation: TmfTranslation): Promise<string[]> {
  const problems = [
    ...(await roleProblems(inventory, translation, 'parties')),
    ...(await roleProblems(inventory, translation, 'places')),
    ...(await relationshipProblems(inventory, translation)),
  ];
  return problems.map((problem) => relabel(problem, translation.origins));
}
