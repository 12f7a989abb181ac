import { describe, expect, it } from 'vitest';
import { Broadband, RSP } from '../../examples/nbn/index.js';
import { renderTmf } from '../../model/tmf-json.js';
import { uniqueId } from '../support/graph.js';
import { graphCounts, testInventory } from '../support/inventory.js';

describe('notes and external identifiers', () => {
  const { inventory, track } = testInventory();

  it('adds notes with an author party and renders them in the TMF JSON, oldest first', async () => {
    const rsp = track.party(await inventory.parties.create(RSP.name, { id: uniqueId('rsp'), name: 'Acme Retail' }));
    const service = track.instance(await inventory.instances.build(Broadband, { name: 'noted' }));
    await inventory.annotations.addNote(service.id, {
      text: 'customer asked for a morning install',
      author: rsp.id,
      date: '2026-11-01T09:00:00.000Z',
    });
    await inventory.annotations.addNote(service.id, { text: 'installed', date: '2026-11-02T09:00:00.000Z' });
    const json = renderTmf(await inventory.instances.get(service.id));
    expect(json.note).toEqual([
      {
        id: expect.any(String),
        author: 'Acme Retail',
        date: '2026-11-01T09:00:00.000Z',
        text: 'customer asked for a morning install',
      },
      { id: expect.any(String), author: 'unknown', date: '2026-11-02T09:00:00.000Z', text: 'installed' },
    ]);
    const before = await graphCounts(inventory);
    await expect(inventory.annotations.addNote(service.id, { text: '' })).rejects.toMatchObject({
      code: 'invalidInput',
      fields: ['text'],
    });
    await expect(inventory.annotations.addNote(service.id, { text: 'x', author: 'nobody' })).rejects.toMatchObject({
      code: 'notFound',
      fields: ['author'],
    });
    await expect(inventory.annotations.addNote(uniqueId('ghost'), { text: 'x' })).rejects.toMatchObject({
      code: 'notFound',
    });
    expect(await graphCounts(inventory)).toEqual(before);
  });

  it('keeps one external identifier per type, renders them, and finds the instance by one', async () => {
    const service = track.instance(await inventory.instances.build(Broadband, { name: 'identified' }));
    const avc = uniqueId('AVC');
    const nbn = track.party(await inventory.parties.create(RSP.name, { id: uniqueId('nbn-co'), name: 'NBN Co' }));
    await inventory.annotations.setExternalIdentifier(service.id, { type: 'nbnAvcId', id: avc, owner: nbn.id });
    await inventory.annotations.setExternalIdentifier(service.id, { type: 'crmOrder', id: 'ORD-1' });
    await inventory.annotations.setExternalIdentifier(service.id, { type: 'crmOrder', id: 'ORD-2' }); // replaces ORD-1
    const json = renderTmf(await inventory.instances.get(service.id));
    expect(json.externalIdentifier).toEqual([
      { id: 'ORD-2', externalIdentifierType: 'crmOrder' },
      { id: avc, externalIdentifierType: 'nbnAvcId', owner: nbn.id },
    ]);
    expect((await inventory.annotations.findByExternalIdentifier('nbnAvcId', avc)).map((found) => found.id)).toEqual([
      service.id,
    ]);
    expect(await inventory.annotations.findByExternalIdentifier('crmOrder', 'ORD-1')).toEqual([]);
    await expect(inventory.annotations.setExternalIdentifier(service.id, { type: '', id: 'x' })).rejects.toMatchObject({
      code: 'invalidInput',
      fields: ['type'],
    });
    await expect(
      inventory.annotations.setExternalIdentifier(service.id, { type: 'x', id: 'y', owner: 'no-such-party' }),
    ).rejects.toMatchObject({ code: 'notFound', fields: ['owner'] });

    await inventory.instances.delete(service.id);
    expect(await inventory.annotations.findByExternalIdentifier('nbnAvcId', avc)).toEqual([]);
  });
});
