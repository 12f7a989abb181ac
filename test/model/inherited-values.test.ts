import { describe, expect, it } from 'vitest';
import { wholesaleKinds } from '../../examples/wholesale/index.js';
import { inheritedValue, documentValueOf, UnknownValue, type RawInherited } from '../../model/inherited-values.js';
import { createRegistry } from '../../model/registry.js';

const registry = createRegistry(wholesaleKinds);
const fact = (name: string) =>
  registry.instanceKind('AVC').inheritedFacts.find((candidate) => candidate.name === name)!;
const cvc = (id: string, values: unknown[]) => ({ id, kind: 'CVC', type: 'resource' as const, values });
const place = (id: string) => ({ id, name: null, kind: 'Exchange', type: 'GeographicSite' });

describe('inherited values', () => {
  it('is unknown when the first hop reaches nothing: the own fact the chain needs is named', () => {
    const raw: RawInherited = { name: 'provider', hops: [[]], sources: [] };
    expect(inheritedValue(fact('provider'), raw, registry)).toEqual({
      name: 'provider',
      category: 'party',
      status: 'unknown',
      stoppedAt: 0,
      reason: 'inherited party "provider" is unknown: this instance has no held assignment with alias "svlan" yet',
    });
  });

  it('is unknown when a later hop reaches nothing, naming where the chain stopped', () => {
    const raw: RawInherited = { name: 'exchange', hops: [['cvc-1', 'cvc-2'], []], sources: [] };
    expect(inheritedValue(fact('exchange'), raw, registry)).toMatchObject({
      status: 'unknown',
      reason: expect.stringContaining(
        'cvc-1, cvc-2 have (reached by hop 1 of 2) no incoming relationship with type "carries"',
      ),
    });
  });

  it('is unknown when a source kind does not declare what is read, or is not registered here', () => {
    const notDeclared: RawInherited = {
      name: 'provider',
      hops: [['u1']],
      sources: [{ id: 'u1', kind: 'UNI', type: 'resource', values: [] }],
    };
    expect(inheritedValue(fact('provider'), notDeclared, registry)).toMatchObject({
      status: 'unknown',
      reason: expect.stringContaining('u1 is a UNI, which declares no party role "provider"'),
    });
    const unregistered: RawInherited = {
      name: 'cvcBandwidthMbps',
      hops: [['x1']],
      sources: [{ id: 'x1', kind: 'Martian', type: 'resource', values: ['1'] }],
    };
    expect(inheritedValue(fact('cvcBandwidthMbps'), unregistered, registry)).toMatchObject({
      status: 'unknown',
      reason: expect.stringContaining('x1 is a Martian, a kind not registered here'),
    });
  });

  it('is known with no items when the sources hold no value — distinct from unknown', () => {
    const raw: RawInherited = { name: 'provider', hops: [['c1']], sources: [cvc('c1', [])] };
    const value = inheritedValue(fact('provider'), raw, registry);
    expect(value).toEqual({ name: 'provider', category: 'party', status: 'known', items: [] });
    expect(documentValueOf(value)).toEqual([]);
    expect(
      documentValueOf(
        inheritedValue(
          fact('exchange'),
          {
            name: 'exchange',
            hops: [['c1'], ['n1']],
            sources: [{ id: 'n1', kind: 'NNI', type: 'resource', values: [] }],
          },
          registry,
        ),
      ),
    ).toBeNull();
    expect(
      documentValueOf(inheritedValue(fact('provider'), { name: 'provider', hops: [[]], sources: [] }, registry)),
    ).toBeInstanceOf(UnknownValue);
  });

  it('de-duplicates values read from several sources, keeping every source, ordered by source id then value', () => {
    const raw: RawInherited = {
      name: 'exchange',
      hops: [['c1'], ['n2', 'n1', 'n3']],
      sources: [
        { id: 'n2', kind: 'NNI', type: 'resource', values: [place('EX-A')] },
        { id: 'n1', kind: 'NNI', type: 'resource', values: [place('EX-B')] },
        { id: 'n3', kind: 'NNI', type: 'resource', values: [place('EX-A')] },
      ],
    };
    const list = { ...fact('exchange'), collapse: undefined };
    const value = inheritedValue(list, raw, registry);
    expect(
      value.status === 'known' && value.items.map((item) => [item.value, item.from.map((from) => from.id)]),
    ).toEqual([
      ['EX-B', ['n1']],
      ['EX-A', ['n2', 'n3']],
    ]);
    expect(value.status === 'known' && value.items[0]!.ref).toEqual({
      id: 'EX-B',
      kind: 'Exchange',
      type: 'GeographicSite',
    });
    expect(documentValueOf(inheritedValue({ ...list, collapse: 'first' }, raw, registry))).toBe('EX-B');
    expect(documentValueOf(inheritedValue({ ...list, collapse: 'last' }, raw, registry))).toBe('EX-A');
  });

  it('parses characteristic values and orders numbers numerically', () => {
    const raw: RawInherited = {
      name: 'cvcBandwidthMbps',
      hops: [['c1', 'c2']],
      sources: [cvc('c1', ['1000', '200']), cvc('c2', ['200'])],
    };
    expect(
      documentValueOf(inheritedValue({ ...fact('cvcBandwidthMbps'), collapse: undefined }, raw, registry)),
    ).toEqual([200, 1000]);
  });
});
