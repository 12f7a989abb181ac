import { describeHop, describeRead, type InheritedFact, type Hop } from '../model/inherited-facts.js';
import { documentValueOf, type InheritedValue } from '../model/inherited-values.js';
import type { Registry } from '../model/registry.js';
import type { InstanceSnapshot } from '../model/tmf-json.js';
import type { Json } from './operators.js';

/**
 * Why an expectation on inherited facts is blocked. The planner never writes an inherited fact:
 * it can only say what the chain lacks — and, when the chain stops at its first hop, which
 * own fact of this instance (an assignment, a relationship) the expectation should add.
 */

/** The own fact of this instance that a chain's first hop walks, as an expectation would put it. */
function ownFactToExpect(hop: Hop): string {
  if (hop.over === 'assignment' && hop.direction === 'reverse') {
    return `expect an assignment${hop.alias ? ` with alias "${hop.alias}"` : ''}${hop.pool ? ` from pool "${hop.pool}"` : ''} on this instance`;
  }
  if (hop.over === 'relationship' && hop.direction === 'forward') {
    return `expect a relationship${hop.alias ? ` with alias "${hop.alias}"` : ''}${hop.type ? ` of type "${hop.type}"` : ''} from this instance`;
  }
  return `that edge is made from the other end (this instance is its ${hop.over === 'assignment' ? 'pool owner' : 'target'}): expect it on the instance at the other end`;
}

function whyUnmet(fact: InheritedFact, value: InheritedValue | undefined, expected: Json): string {
  if (!value || value.status === 'unknown') {
    const reason = value?.status === 'unknown' ? value.reason : `inherited "${fact.name}" was not read`;
    if (value?.status === 'unknown' && value.stoppedAt === 0) return `${reason} — ${ownFactToExpect(fact.hops[0]!)}`;
    return `${reason} — a fact of another instance along the chain: expect it on that instance`;
  }
  const sources = [...new Set(value.items.flatMap((item) => item.from.map((from) => from.id)))];
  return `inherited "${fact.name}": expected ${JSON.stringify(expected)} but the chain (${fact.hops.map(describeHop).join(' → ')}) gives ${JSON.stringify(documentValueOf(value))}${sources.length ? ` from ${sources.join(', ')}` : ''}; it changes only through the chain — this instance's ${describeHop(fact.hops[0]!)} or the ${describeRead(fact)} of what it reaches`;
}

export function inheritedBlockedReason(
  unmet: Record<string, Json>,
  actual: InstanceSnapshot,
  registry: Registry,
): string {
  const facts = registry.instanceKind(actual.kind).inheritedFacts;
  return Object.entries(unmet)
    .map(([name, expected]) =>
      whyUnmet(
        facts.find((fact) => fact.name === name)!,
        actual.inherited?.find((value) => value.name === name),
        expected,
      ),
    )
    .join('; ');
}
