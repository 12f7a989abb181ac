import type { RegisteredInstanceKind, Registry } from '../model/registry.js';
import type { ExpectationBody } from './expectation-schema.js';
import { outstanding } from './outstanding.js';

/**
 * Which specification an expectation aims at: the registered kinds of a specification name
 * whose major version meets an expected one, and the one its actual ends up on.
 */

/** The registered kinds of specification `name` whose major version meets `major` (operators allowed), highest first. */
export function kindsMeeting(
  registry: Registry,
  name: string,
  major: NonNullable<ExpectationBody['specification']>['major'],
): RegisteredInstanceKind[] {
  return registry
    .all()
    .flatMap((kind) => (kind.category === 'instance' && kind.specification.name === name ? [kind] : []))
    .filter((kind) => outstanding(major ?? null, kind.specification.major) === null)
    .sort((a, b) => b.specification.major - a.specification.major);
}

/**
 * The id of the specification a valid body's actual ends up on: its kind's, unless `specification`
 * asks for a major version that one does not meet — then the highest registered major that does
 * (what the respecify planner picks). None for `exists: false`, or when no registered kind meets it.
 */
export function specificationAimOf(body: ExpectationBody, registry: Registry): string | undefined {
  if (body.exists === false) return undefined;
  const kind = registry.all().find((found) => found.category === 'instance' && found.name === body.kind);
  if (kind?.category !== 'instance') return undefined;
  const expected = body.specification;
  if (expected === undefined) return kind.specification.id;
  const name = typeof expected.name === 'string' ? expected.name : kind.specification.name;
  const meeting = kindsMeeting(registry, name, expected.major);
  const own = meeting.find((found) => found.specification.id === kind.specification.id);
  return (own ?? meeting[0])?.specification.id;
}
