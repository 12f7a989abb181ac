import type { Inventory } from '../graph/inventory.js';
import { relationshipsTo } from '../graph/live-view-reads.js';
import { inheritedFactsView } from '../model/inherited-values.js';
import type { InstanceRef } from '../model/instance-ref.js';
import { instanceHref, partyOrPlaceHref, specificationHref, type RenderContext } from '../model/tmf/tmf-paths.js';

/**
 * The graph around an instance, for the live view: the instance, its specification, the
 * relationships it holds and those held to it, the values it holds (from which pool of which
 * owner, in which slot) and those its pools gave out, its parties and places, and its inherited
 * facts with the instances they came from. Every neighbour carries its id (to move to it) and its
 * TMF href.
 */
export async function instanceNeighbourhood(inventory: Inventory, id: string, context: RenderContext) {
  const [instance, incoming] = await Promise.all([inventory.instances.get(id), relationshipsTo(inventory.store, id)]);
  const ref = (target: InstanceRef & { name?: string }) => ({
    id: target.id,
    kind: target.kind,
    type: target.type,
    ...(target.name ? { name: target.name } : {}),
    href: instanceHref(context, 'v4', target),
  });
  const roleRef = (part: (typeof instance.parties)[number]) => ({
    role: part.role,
    id: part.id,
    kind: part.kind,
    ...(part.name ? { name: part.name } : {}),
    href: partyOrPlaceHref(context, part),
  });
  const { specification } = instance;
  return {
    instance: { ...ref(instance), states: instance.states },
    specification: {
      id: specification.id,
      name: specification.name,
      version: `${specification.major}.${specification.minor}.${specification.patch}`,
      href: specificationHref(context, 'v4', instance.type, specification.id),
    },
    relationships: instance.relationships.map(({ type, alias, target }) => ({ type, alias, target: ref(target) })),
    relatedFrom: incoming.map(({ type, alias, source }) => ({ type, alias, source: ref(source) })),
    assignments: instance.assignments.map(({ pool, thing, value, alias, owner }) => ({
      pool,
      thing,
      value,
      alias,
      owner: ref(owner),
    })),
    givenAssignments: instance.givenAssignments.map(({ pool, thing, value, alias, assignee }) => ({
      pool,
      thing,
      value,
      alias,
      assignee: ref(assignee),
    })),
    parties: instance.parties.map(roleRef),
    places: instance.places.map(roleRef),
    inherited: inheritedFactsView(instance.inherited),
  };
}
