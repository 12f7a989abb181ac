import {
  describeHop,
  describeRead,
  type Collapse,
  type InheritedCategory,
  type InheritedFact,
} from './inherited-facts.js';
import type { InstanceRef } from './instance-ref.js';
import type { PartyOrPlace } from './party-kind.js';
import type { Registry } from './registry.js';

/**
 * Turns what the graph returned for an inherited fact into a value or an *unknown, and why*.
 *
 * - unknown: a hop reached no instance (nothing assigned or related yet), or a source
 *   instance's kind does not declare what is read (the role, the characteristic) or is not
 *   registered here. Unknowns never appear in TMF JSON.
 * - known with no items: the path resolved and the sources declare the role, but hold no
 *   value ("no value").
 * - known with items: values, de-duplicated, each with the instances it came from.
 */

export interface InheritedItem {
  /** The ref's id for places and parties, the value itself otherwise. */
  value: unknown;
  /** The place or party read at the end of the path, for places and parties. */
  ref?: PartyOrPlace;
  /** The instances the value was read from, by id. */
  from: InstanceRef[];
}

export type InheritedValue =
  | { name: string; category: InheritedCategory; status: 'known'; items: InheritedItem[]; collapse?: Collapse }
  | {
      name: string;
      category: InheritedCategory;
      status: 'unknown';
      reason: string;
      /** The hop (0-based) that reached nothing, if that is why. */ stoppedAt?: number;
      /**
       * The instances the chain reached last (before the hop that reached nothing, or the sources
       * that do not declare what is read): a change of one of them may complete it.
       */
      reached?: string[];
    };

/** One inherited fact as the read query returns it: the ids each hop reached, and what the last hop's instances hold. */
export interface RawInherited {
  name: string;
  hops: string[][];
  sources: Array<InstanceRef & { values: unknown[] }>;
}

const plural = (ids: string[]) => (ids.length === 1 ? `${ids[0]} has` : `${ids.join(', ')} have`);

const stoppedAt = (raw: RawInherited) => raw.hops.findIndex((ids) => ids.length === 0);

function unknownReason(fact: InheritedFact, raw: RawInherited, registry: Registry): string | undefined {
  const stop = stoppedAt(raw);
  if (stop === 0) return `this instance has no ${describeHop(fact.hops[0]!)} yet`;
  if (stop > 0) {
    return `${plural(raw.hops[stop - 1]!)} (reached by hop ${stop} of ${fact.hops.length}) no ${describeHop(fact.hops[stop]!)}`;
  }
  const read = fact.read;
  for (const source of raw.sources) {
    if ('field' in read || 'assignmentField' in read) continue;
    let declares: boolean;
    try {
      const kind = registry.instanceKind(source.kind);
      declares =
        'role' in read
          ? (fact.category === 'place' ? kind.places : kind.parties)[read.role] !== undefined
          : read.characteristic in kind.characteristics;
    } catch {
      return `${source.id} is a ${source.kind}, a kind not registered here`;
    }
    if (!declares) return `${source.id} is a ${source.kind}, which declares no ${describeRead(fact)}`;
  }
  return undefined;
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return JSON.stringify(a).localeCompare(JSON.stringify(b));
}

function itemOf(fact: InheritedFact, value: unknown): Omit<InheritedItem, 'from'> | undefined {
  if (value === null || value === undefined) return undefined;
  if ('role' in fact.read) {
    const ref = value as PartyOrPlace;
    return {
      value: ref.id,
      ref: Object.fromEntries(Object.entries(ref).filter(([, inner]) => inner !== null)) as unknown as PartyOrPlace,
    };
  }
  if ('characteristic' in fact.read) return { value: JSON.parse(value as string) };
  return { value };
}

export function inheritedValue(fact: InheritedFact, raw: RawInherited, registry: Registry): InheritedValue {
  const { name, category } = fact;
  const reason = unknownReason(fact, raw, registry);
  if (reason) {
    const stop = stoppedAt(raw);
    const reached = stop > 0 ? raw.hops[stop - 1]! : stop < 0 ? raw.sources.map((source) => source.id) : [];
    return {
      name,
      category,
      status: 'unknown',
      reason: `${category === 'field' ? 'field' : `inherited ${category}`} "${name}" is unknown: ${reason}`,
      ...(stop >= 0 ? { stoppedAt: stop } : {}),
      ...(reached.length > 0 ? { reached } : {}),
    };
  }
  const pairs = raw.sources
    .flatMap((source) =>
      source.values.map((value) => ({
        source: { id: source.id, kind: source.kind, type: source.type },
        item: itemOf(fact, value),
      })),
    )
    .filter((pair): pair is { source: InstanceRef; item: Omit<InheritedItem, 'from'> } => pair.item !== undefined)
    .sort((a, b) => a.source.id.localeCompare(b.source.id) || compareValues(a.item.value, b.item.value));
  const items = new Map<string, InheritedItem>();
  for (const { source, item } of pairs) {
    const key = JSON.stringify(item.value);
    const existing = items.get(key);
    if (!existing) items.set(key, { ...item, from: [source] });
    else if (!existing.from.some((from) => from.id === source.id)) existing.from.push(source);
  }
  let list = [...items.values()];
  if (fact.collapse) list = list.length === 0 ? [] : [fact.collapse === 'first' ? list[0]! : list[list.length - 1]!];
  return { name, category, status: 'known', items: list, ...(fact.collapse ? { collapse: fact.collapse } : {}) };
}

/** Marks a fact the graph cannot tell yet; no expectation is met by it. */
export class UnknownValue {
  constructor(readonly reason: string) {}
  toJSON(): unknown {
    return { $unknown: this.reason };
  }
}

/** The value of an inherited fact as a document holds it: a list, one value (or null) when collapsed, or UnknownValue. */
export function documentValueOf(value: InheritedValue): unknown {
  if (value.status === 'unknown') return new UnknownValue(value.reason);
  const values = value.items.map((item) => item.value);
  return value.collapse ? (values[0] ?? null) : values;
}

/** An inherited fact as people read it (API, CLI): its value, or why it is unknown, and where it came from. */
export interface InheritedFactView {
  name: string;
  category: InheritedCategory;
  status: 'known' | 'unknown';
  value?: unknown;
  reason?: string;
  from?: string[];
}

export function inheritedFactsView(values: InheritedValue[] | undefined): InheritedFactView[] {
  return (values ?? []).map((value) =>
    value.status === 'unknown'
      ? { name: value.name, category: value.category, status: 'unknown', reason: value.reason }
      : {
          name: value.name,
          category: value.category,
          status: 'known',
          value: documentValueOf(value),
          from: [...new Set(value.items.flatMap((item) => item.from.map((from) => from.id)))],
        },
  );
}
