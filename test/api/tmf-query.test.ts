import { describe, expect, it } from 'vitest';
import { filterItems, selectFields } from '../../api/tmf-query.js';
import { splitFilters } from '../../api/tmf-filters.js';

/** TMF630 filters and `fields` on rendered items (server-free). */
const items = [
  {
    id: 's1',
    href: 'h/s1',
    name: 'one',
    state: 'active',
    '@type': 'AVC',
    relatedParty: [
      { id: 'p1', href: 'h/p1', role: 'provider', '@referredType': 'Organization' },
      { id: 'p2', role: 'operator' },
    ],
    place: [{ role: 'site', place: { id: 'loc-1', '@type': 'PlaceRef' }, '@type': 'RelatedPlaceRefOrValue' }],
    serviceSpecification: { id: 'spec-1', href: 'h/spec-1', name: 'avc', version: '1.0.0' },
    serviceCharacteristic: [
      { name: 'speed', value: 100 },
      { name: 'tags', value: ['a', 'b'] },
    ],
  },
  {
    id: 's2',
    href: 'h/s2',
    name: 'two',
    state: 'inactive',
    '@type': 'AVC',
    relatedParty: [{ id: 'p3', role: 'provider' }],
    serviceSpecification: { id: 'spec-2', href: 'h/spec-2', name: 'avc', version: '2.0.0' },
  },
];
const ids = (found: Array<Record<string, unknown>>) => found.map((item) => item.id);

describe('TMF630 filters', () => {
  it('match an attribute inside an array when any element matches', () => {
    expect(ids(filterItems(items, { 'relatedParty.role': 'operator' }))).toEqual(['s1']);
    expect(ids(filterItems(items, { 'relatedParty.role': 'provider' }))).toEqual(['s1', 's2']);
    expect(ids(filterItems(items, { 'place.place.id': 'loc-1' }))).toEqual(['s1']);
    expect(ids(filterItems(items, { 'serviceCharacteristic.name': 'speed' }))).toEqual(['s1']);
    expect(ids(filterItems(items, { 'serviceCharacteristic.value': 'b' }))).toEqual(['s1']);
  });

  it('take a comma as any of the values, every filter at once, and never match an object', () => {
    expect(ids(filterItems(items, { state: 'active,inactive', 'serviceSpecification.version': '2.0.0' }))).toEqual([
      's2',
    ]);
    expect(ids(filterItems(items, { serviceSpecification: '[object Object]' }))).toEqual([]);
    expect(ids(filterItems(items, { 'nothing.here': 'x' }))).toEqual([]);
    expect(ids(filterItems(items, { fields: 'name', limit: '1' }))).toEqual(['s1', 's2']);
  });
});

describe('TMF630 fields', () => {
  it('keep only the named attributes, and id, href and @type', () => {
    expect(selectFields(items[1]!, 'name,state')).toEqual({
      id: 's2',
      href: 'h/s2',
      name: 'two',
      state: 'inactive',
      '@type': 'AVC',
    });
    expect(selectFields(items[1]!, undefined)).toBe(items[1]);
  });

  it('keep dotted sub-attributes, through arrays, with the identifying keys of every reference', () => {
    expect(selectFields(items[0]!, 'relatedParty.role,serviceSpecification.name, place.role')).toEqual({
      id: 's1',
      href: 'h/s1',
      '@type': 'AVC',
      relatedParty: [
        { id: 'p1', href: 'h/p1', role: 'provider', '@referredType': 'Organization' },
        { id: 'p2', role: 'operator' },
      ],
      place: [{ role: 'site', '@type': 'RelatedPlaceRefOrValue' }],
      serviceSpecification: { id: 'spec-1', href: 'h/spec-1', name: 'avc' },
    });
  });

  it('keep a whole attribute when it is named whole as well as dotted', () => {
    const whole = { id: 's1', href: 'h/s1', '@type': 'AVC', serviceSpecification: items[0]!.serviceSpecification };
    expect(selectFields(items[0]!, 'serviceSpecification,serviceSpecification.id')).toEqual(whole);
    expect(selectFields(items[0]!, 'serviceSpecification.id,serviceSpecification')).toEqual(whole);
  });
});

describe('filters the graph applies', () => {
  it('are own attribute names only: a key of every object (toString, constructor) is matched on the JSON', () => {
    expect(splitFilters('service', 'v4', { toString: '0', constructor: 'x', name: 'a,b' })).toEqual({
      attributes: { name: ['a', 'b'] },
      rest: { toString: '0', constructor: 'x' },
    });
  });
});
