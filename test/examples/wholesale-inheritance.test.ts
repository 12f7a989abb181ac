import { describe, expect, it } from 'vitest';
import {
  AVC,
  CVC,
  NNI,
  UNI,
  AccessSeeker,
  Exchange,
  Premises,
  wholesaleKinds,
} from '../../examples/wholesale/index.js';
import type { InheritedValue } from '../../model/inherited-values.js';
import { renderTmf, type InstanceSnapshot } from '../../model/tmf-json.js';
import { uniqueId } from '../support/graph.js';
import { testInventory } from '../support/inventory.js';

const factValue = (instance: InstanceSnapshot, name: string): InheritedValue =>
  instance.inherited!.find((value) => value.name === name)!;
const statusOf = (instance: InstanceSnapshot) =>
  Object.fromEntries(instance.inherited!.map((value) => [value.name, value.status]));

/**
 * The wholesale chain: Exchange ← NNI ─carries→ CVC ─svlan→ AVC ←uni─ UNI → Premises.
 * The AVC stores no place or party of its own; it inherits them, one hop or two away.
 */
describe('Wholesale chain: an AVC inherits its site, exchange and provider', () => {
  const { inventory, track } = testInventory(wholesaleKinds);
  const run = uniqueId('wholesale').slice(-8);
  const href = (type: string, id: string) =>
    `/tmf-api/${type === 'service' ? 'serviceInventory/v4/service' : 'resourceInventoryManagement/v4/resource'}/${id}`;
  let ids: { nni: string; cvc: string; uni: string; avc: string; exchange: string; premises: string; seeker: string };

  it('builds the chain pieces; before any assignment every inherited fact is unknown, with the reason', async () => {
    const exchange = track.party(await inventory.places.create(Exchange.name, { id: `2BLT-${run}`, name: 'Balmain' }));
    const premises = track.party(
      await inventory.places.create(Premises.name, { id: `LOC000${run}`, name: '1 Darling St' }),
    );
    const seeker = track.party(
      await inventory.parties.create(AccessSeeker.name, { id: `AS-${run}`, name: 'Fast Fibre Pty Ltd' }),
    );
    const nni = track.instance(
      await inventory.instances.build(NNI, {
        name: `NNI-${run}`,
        characteristics: { capacityGbps: 100 },
        places: [{ role: 'exchange', id: exchange.id }],
      }),
    );
    const cvc = track.instance(
      await inventory.instances.build(CVC, {
        name: `CVC-${run}`,
        characteristics: { bandwidthMbps: 2000 },
        parties: [{ role: 'provider', id: seeker.id }],
      }),
    );
    await inventory.instances.define(CVC, cvc.id, { pools: { svlans: { first: 2, last: 4000 } } });
    const uni = track.instance(
      await inventory.instances.build(UNI, { name: `UNI-${run}`, places: [{ role: 'site', id: premises.id }] }),
    );
    await inventory.instances.define(UNI, uni.id, { pools: { ports: { first: 1, last: 4 } } });
    const avc = track.instance(
      await inventory.instances.build(AVC, { name: `AVC-${run}`, characteristics: { speedTier: '100/40' } }),
    );
    ids = {
      nni: nni.id,
      cvc: cvc.id,
      uni: uni.id,
      avc: avc.id,
      exchange: exchange.id,
      premises: premises.id,
      seeker: seeker.id,
    };

    expect(statusOf(avc)).toEqual({
      installationSite: 'unknown',
      exchange: 'unknown',
      provider: 'unknown',
      cvcBandwidthMbps: 'unknown',
      svlanId: 'unknown',
      uniPort: 'unknown',
      cvcName: 'unknown',
    });
    expect(factValue(avc, 'installationSite')).toEqual({
      name: 'installationSite',
      category: 'place',
      status: 'unknown',
      stoppedAt: 0,
      reason:
        'inherited place "installationSite" is unknown: this instance has no held assignment with alias "uni" yet',
    });
    const json = renderTmf(avc);
    expect(json.place).toBeUndefined();
    expect(json.relatedParty).toBeUndefined();
    expect(json.serviceCharacteristic).toEqual([{ name: 'speedTier', valueType: 'string', value: '100/40' }]);
  });

  it('a UNI port assigned: the installation site is known, the CVC facts are still unknown', async () => {
    await inventory.assignments.assign({ owner: ids.uni, pool: 'ports', assignee: ids.avc, alias: 'uni' });
    const avc = await inventory.instances.get(ids.avc);
    expect(factValue(avc, 'installationSite')).toMatchObject({
      status: 'known',
      collapse: 'first',
      items: [
        {
          value: ids.premises,
          ref: { id: ids.premises, name: '1 Darling St', kind: 'Premises', type: 'GeographicAddress' },
          from: [{ id: ids.uni, kind: 'UNI', type: 'resource' }],
        },
      ],
    });
    expect(factValue(avc, 'uniPort')).toMatchObject({
      status: 'known',
      items: [{ value: 1, from: [{ id: ids.uni }] }],
    });
    expect(factValue(avc, 'exchange')).toMatchObject({
      status: 'unknown',
      reason: expect.stringContaining('no held assignment with alias "svlan" yet'),
    });
  });

  it('an S-VLAN from the CVC: provider, bandwidth and CVC name are known; the exchange waits for the NNI hop', async () => {
    await inventory.assignments.assign({ owner: ids.cvc, pool: 'svlans', assignee: ids.avc, alias: 'svlan' });
    const avc = await inventory.instances.get(ids.avc);
    expect(statusOf(avc)).toMatchObject({
      provider: 'known',
      cvcBandwidthMbps: 'known',
      svlanId: 'known',
      cvcName: 'known',
      exchange: 'unknown',
    });
    expect(factValue(avc, 'exchange')).toMatchObject({
      reason: `inherited place "exchange" is unknown: ${ids.cvc} has (reached by hop 1 of 2) no incoming relationship with type "carries"`,
    });
  });

  it('the NNI carries the CVC: the exchange, two hops away, is known; the TMF JSON shows every inherited fact, marked', async () => {
    await inventory.instances.relate(ids.nni, [{ type: 'carries', target: ids.cvc }]);
    const avc = await inventory.instances.get(ids.avc);
    expect(statusOf(avc)).toEqual({
      installationSite: 'known',
      exchange: 'known',
      provider: 'known',
      cvcBandwidthMbps: 'known',
      svlanId: 'known',
      uniPort: 'known',
      cvcName: 'known',
    });
    const json = renderTmf(avc);
    const from = (type: string, id: string, kind: string) => [{ id, href: href(type, id), '@referredType': kind }];
    const site = `/tmf-api/geographicSiteManagement/v4/geographicSite/${ids.exchange}`;
    const address = `/tmf-api/geographicAddressManagement/v4/geographicAddress/${ids.premises}`;
    expect(json.place).toEqual([
      {
        id: ids.exchange,
        href: site,
        name: 'Balmain',
        '@referredType': 'GeographicSite',
        role: 'exchange',
        inheritedFrom: from('resource', ids.nni, 'NNI'),
      },
      {
        id: ids.premises,
        href: address,
        name: '1 Darling St',
        '@referredType': 'GeographicAddress',
        role: 'installationSite',
        inheritedFrom: from('resource', ids.uni, 'UNI'),
      },
    ]);
    expect(json.relatedParty).toEqual([
      {
        id: ids.seeker,
        href: `/tmf-api/partyManagement/v4/organization/${ids.seeker}`,
        name: 'Fast Fibre Pty Ltd',
        '@referredType': 'Organization',
        role: 'provider',
        inheritedFrom: from('resource', ids.cvc, 'CVC'),
      },
    ]);
    expect(json.serviceCharacteristic).toEqual([
      { name: 'speedTier', valueType: 'string', value: '100/40' },
      { name: 'cvcBandwidthMbps', valueType: 'integer', value: 2000, inheritedFrom: from('resource', ids.cvc, 'CVC') },
      { name: 'cvcName', valueType: 'string', value: `CVC-${run}`, inheritedFrom: from('resource', ids.cvc, 'CVC') },
      { name: 'svlanId', valueType: 'integer', value: 2, inheritedFrom: from('resource', ids.cvc, 'CVC') },
      { name: 'uniPort', valueType: 'integer', value: 1, inheritedFrom: from('resource', ids.uni, 'UNI') },
    ]);
    // Nothing is stored for an inherited fact: the AVC has no place or party edge of its own.
    expect(avc.places).toEqual([]);
    expect(avc.parties).toEqual([]);
    expect(json.serviceRelationship).toBeUndefined();
  });

  it('no value is not unknown: a CVC without a provider gives the AVC a known, empty provider (absent from TMF JSON)', async () => {
    await inventory.instances.removeRoleRefs(ids.cvc, 'parties', [{ role: 'provider', id: ids.seeker }]);
    const avc = await inventory.instances.get(ids.avc);
    expect(factValue(avc, 'provider')).toEqual({ name: 'provider', category: 'party', status: 'known', items: [] });
    expect(renderTmf(avc).relatedParty).toBeUndefined();
    await inventory.instances.addRoleRefs(ids.cvc, 'parties', [{ role: 'provider', id: ids.seeker }]);
  });

  it('fan-out to two NNIs at the same exchange gives one exchange, read from both', async () => {
    const second = track.instance(
      await inventory.instances.build(NNI, { name: `NNI-B-${run}`, places: [{ role: 'exchange', id: ids.exchange }] }),
    );
    await inventory.instances.relate(second.id, [{ type: 'carries', target: ids.cvc }]);
    const exchange = factValue(await inventory.instances.get(ids.avc), 'exchange');
    expect(
      exchange.status === 'known' &&
        exchange.items.map((item) => ({ value: item.value, from: item.from.map((ref) => ref.id) })),
    ).toEqual([{ value: ids.exchange, from: [ids.nni, second.id].sort() }]);
  });

  it('reading an instance with inherited facts is one query', async () => {
    const before = inventory.store.queriesRun;
    await inventory.instances.get(ids.avc);
    expect(inventory.store.queriesRun - before).toBe(1);
    const listed = await inventory.instances.list({ kind: 'AVC', name: `AVC-${run}` });
    expect(inventory.store.queriesRun - before).toBe(2);
    expect(statusOf(listed[0]!).exchange).toBe('known');
  });
});
