import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { exampleKinds } from '../../examples/index.js';
import { centroidOf } from '../../model/geo-location.js';
import { InventoryError } from '../../model/inventory-error.js';
import { definePartyKind } from '../../model/party-kind.js';
import { placePosition } from '../../model/party-place-attributes.js';
import { checkPartyOrPlace } from '../../model/party-place-input.js';
import { createRegistry, KindRegistrationError } from '../../model/registry.js';
import { partyOrPlaceBody, typeOfBody } from '../../model/tmf/party-place-body.js';
import { renderPartyOrPlace } from '../../model/tmf/party-place-json.js';

/** The TMF attributes of parties and places, their check by the kinds, TMF bodies and the rendering (server-free). */
const registry = createRegistry(exampleKinds);
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof InventoryError) return { message: error.message, fields: error.fields };
  }
  throw new Error('not refused');
};

describe('party and place attributes', () => {
  it('checks the attributes of the TMF type and the characteristics of the kind, naming every problem', () => {
    const tenant = registry.partyKind('Tenant');
    expect(
      checkPartyOrPlace(tenant, {
        id: 'acme',
        attributes: { tradingName: 'Acme', isLegalEntity: true },
        characteristics: { abn: '51824753556' },
      }),
    ).toEqual({
      id: 'acme',
      attributes: { tradingName: 'Acme', isLegalEntity: true },
      characteristics: { abn: '51824753556' },
      related: [],
    });
    const refused = refusal(() =>
      checkPartyOrPlace(tenant, {
        attributes: { tradingName: 'Acme', givenName: 'Al', status: 'asleep' },
        characteristics: { abn: '123', colour: 'red' },
        related: [{ role: 'employer', section: 'parties', id: 'x' }],
      }),
    );
    expect(refused.fields).toEqual([
      'attributes.status',
      'attributes.givenName',
      'characteristics.abn',
      'characteristics.colour',
      'related.0.role',
    ]);
    expect(refused.message).toContain('attributes.givenName: not an attribute of this type');
    expect(refused.message).toContain('characteristics.abn: an ABN is 11 digits');
    expect(refused.message).toContain('Tenant declares no characteristic "colour" (declared: abn)');
    expect(refused.message).toContain('Tenant declares no role "employer" towards parties (declared: none)');
  });

  it('takes no name of an object key for a declared role or a repeated characteristic (constructor, toString)', () => {
    const tenant = registry.partyKind('Tenant');
    for (const role of ['constructor', 'toString', '__proto__']) {
      const refused = refusal(() => checkPartyOrPlace(tenant, { related: [{ role, section: 'parties', id: 'x' }] }));
      expect(refused.fields).toEqual(['related.0.role']);
    }
    const body = partyOrPlaceBody(
      registry,
      'party',
      'Organization',
      { kind: 'Tenant', partyCharacteristic: [{ name: 'toString', value: 1 }] },
      false,
    );
    expect(body).not.toHaveProperty('problems'); // read as given (not "given twice"); the kind's check refuses it
    expect(JSON.stringify(body)).toContain('"toString":1');
  });

  it('names an Individual by its given and family names unless a full name is given', () => {
    const engineer = registry.partyKind('Engineer');
    expect(checkPartyOrPlace(engineer, { attributes: { givenName: 'Alice', familyName: 'Zhang' } }).name).toBe(
      'Alice Zhang',
    );
    expect(checkPartyOrPlace(engineer, { name: 'Dr A. Zhang', attributes: { givenName: 'Alice' } }).name).toBe(
      'Dr A. Zhang',
    );
  });

  it('finds where a place is: a point, a polygon centroid over distinct vertices, an address or site location', () => {
    const square = [
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
      [0, 0],
    ];
    expect(centroidOf(square)).toEqual({ longitude: 1, latitude: 1 });
    const polygon = { '@type': 'GeoJsonPolygon', geoJson: { type: 'Polygon', coordinates: [square] } };
    expect(placePosition('GeographicLocation', polygon)).toEqual({
      location: { longitude: 1, latitude: 1 },
      geometry: polygon.geoJson,
    });
    const point = { '@type': 'GeoJsonPoint', geoJson: { type: 'Point', coordinates: [144.9, -37.8] } };
    expect(placePosition('GeographicAddress', { geographicLocation: point })).toEqual({
      location: { longitude: 144.9, latitude: -37.8 },
    });
    const address = { '@type': 'GeographicAddress', city: 'Sydney', geographicLocation: point };
    expect(placePosition('GeographicSite', { place: [address] })?.location).toEqual({
      longitude: 144.9,
      latitude: -37.8,
    });
    expect(placePosition('GeographicSite', { place: [address, polygon] })?.location).toEqual({
      longitude: 1,
      latitude: 1,
    });
    expect(placePosition('GeographicSite', { code: 'X' })).toBeUndefined();
    // a GeoJSON position may carry an altitude, as a query's polygon may (model/geo.ts): read, and ignored
    const high = { '@type': 'GeoJsonPoint', geoJson: { type: 'Point', coordinates: [144.9, -37.8, 120] } };
    expect(placePosition('GeographicLocation', high)).toEqual({ location: { longitude: 144.9, latitude: -37.8 } });
    expect(
      refusal(() =>
        checkPartyOrPlace(registry.placeKind('Campus'), {
          attributes: { ...point, geoJson: { type: 'Point', coordinates: [0, 91] } },
        }),
      ).fields,
    ).toEqual(['attributes.geoJson.coordinates.1']);
  });

  it('registers party and place characteristics only as zod schemas', () => {
    const bad = definePartyKind({
      name: 'Club',
      type: 'Organization',
      characteristics: { members: 'a number' as unknown as z.ZodType },
    });
    expect(() => createRegistry([bad])).toThrow(KindRegistrationError);
    expect(() => createRegistry([bad])).toThrow('Club.characteristics.members: must be a zod schema');
  });
});

describe('TMF party and place bodies and items', () => {
  it('reads a v4 and a v5 body to the same input, the kind from `kind` or the only kind of the type', () => {
    const v4 = { givenName: 'Al', familyName: 'Li', relatedParty: [{ id: 'acme', role: 'employer' }] };
    const v5 = { ...v4, relatedParty: [{ role: 'employer', partyOrPartyRole: { id: 'acme', '@type': 'PartyRef' } }] };
    for (const body of [v4, v5]) {
      const read = partyOrPlaceBody(registry, 'party', 'Individual', body, true);
      expect(read).toEqual({
        kind: registry.partyKind('Engineer'),
        input: {
          attributes: { givenName: 'Al', familyName: 'Li' },
          characteristics: {},
          related: [{ role: 'employer', section: 'parties', id: 'acme' }],
        },
      });
    }
    expect(partyOrPlaceBody(registry, 'party', 'Organization', { tradingName: 'x' }, true)).toEqual({
      problems: ['kind: name the kind of this Organization (Organization kinds: Tenant, RSP, AccessSeeker)'],
    });
    expect(partyOrPlaceBody(registry, 'party', 'Individual', { givenName: 'x' }, true)).toEqual({
      problems: ['familyName: required'],
    });
    expect(typeOfBody(registry, 'place', { '@type': 'GeoJsonPoint' })).toBe('GeographicLocation');
    expect(typeOfBody(registry, 'place', { kind: 'DataCentre' })).toBe('GeographicSite');
    expect(typeOfBody(registry, 'party', { kind: 'DataCentre' })).toBeUndefined();
  });

  it('renders each version in its own shape, relations with their role and hrefs', () => {
    const found = {
      id: 'alice',
      name: 'Alice Zhang',
      kind: 'Engineer',
      type: 'Individual',
      attributes: { givenName: 'Alice', familyName: 'Zhang' },
      characteristics: { badge: 7 },
      related: [
        {
          role: 'employer',
          section: 'parties' as const,
          id: 'acme',
          name: 'Acme',
          kind: 'Tenant',
          type: 'Organization',
        },
      ],
    };
    const context = { baseUrl: 'https://h' };
    expect(renderPartyOrPlace(found, 'party', 'v4', context)).toEqual({
      id: 'alice',
      href: 'https://h/tmf-api/partyManagement/v4/individual/alice',
      fullName: 'Alice Zhang',
      givenName: 'Alice',
      familyName: 'Zhang',
      partyCharacteristic: [{ name: 'badge', valueType: 'integer', value: 7 }],
      relatedParty: [
        {
          id: 'acme',
          href: 'https://h/tmf-api/partyManagement/v4/organization/acme',
          name: 'Acme',
          '@referredType': 'Organization',
          role: 'employer',
        },
      ],
      kind: 'Engineer',
      '@type': 'Individual',
    });
    expect(renderPartyOrPlace(found, 'party', 'v5', context)).toMatchObject({
      href: 'https://h/tmf-api/partyManagement/v5/individual/alice',
      partyCharacteristic: [{ name: 'badge', valueType: 'integer', value: 7, '@type': 'IntegerCharacteristic' }],
      relatedParty: [
        {
          role: 'employer',
          partyOrPartyRole: {
            id: 'acme',
            href: 'https://h/tmf-api/partyManagement/v5/organization/acme',
            '@type': 'PartyRef',
          },
          '@type': 'RelatedPartyRefOrPartyRoleRef',
        },
      ],
    });
  });
});
