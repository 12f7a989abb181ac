import { beforeAll, describe, expect, it } from 'vitest';
import { DataCentre, GPU } from '../../examples/compute/index.js';
import { InvalidExpectationError } from '../../expectations/expectation-schema.js';
import { distanceKm, type GeoPoint } from '../../model/geo.js';
import { uniqueId } from '../support/graph.js';
import { setLocations } from '../support/place-locations.js';
import { reconcileHarness } from '../support/reconcile-harness.js';

/**
 * An owner selector that asks for a place near a point (`location: {"$near": …}`), reconciled by
 * real workflows on the real Temporal server: only owners at a place in range are used, and with
 * none in range the expectation is blocked saying so. The points are in the southern Indian
 * Ocean, where no other test puts a data centre.
 */
describe('a pool owner at a place near a point', () => {
  const harness = reconcileHarness();
  const { inventory, track, driver } = harness;
  const centre: GeoPoint = { longitude: 60.5, latitude: -50.25 };
  const at = (dLongitude: number, dLatitude: number) => ({
    longitude: centre.longitude + dLongitude,
    latitude: centre.latitude + dLatitude,
  });
  const sites = { near: at(0.1, 0.05), far: at(1.5, 0) }; // about 9 km and 107 km from the centre
  const gpus = { near: '', far: '' };

  const gpuWithCores = async (prefix: string, place: string, last: number) => {
    const gpu = track.instance(
      await inventory.instances.build(GPU, { id: uniqueId(prefix), places: [{ role: 'dataCentre', id: place }] }),
    );
    await inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last } } });
    return gpu.id;
  };
  const nearCentre = (km: number, point: GeoPoint = centre) => ({
    kind: 'GPU',
    places: [{ role: 'dataCentre', location: { $near: { ...point, km } } }],
  });
  const cluster = (from: unknown, count: number) => ({
    kind: 'Cluster',
    assignments: Array.from({ length: count }, (_, index) => ({ alias: `core${index + 1}`, pool: 'cores', from })),
    blockedRetrySeconds: 1,
  });

  beforeAll(async () => {
    const near = track.party(await inventory.places.create(DataCentre.name, { id: uniqueId('dc-near') }));
    const far = track.party(await inventory.places.create(DataCentre.name, { id: uniqueId('dc-far') }));
    await setLocations(driver, [
      { id: near.id, location: sites.near },
      { id: far.id, location: sites.far },
    ]);
    // the far GPU comes first by id: only the distance keeps the selector from it
    gpus.far = await gpuWithCores('a-gpu-far', far.id, 100);
    gpus.near = await gpuWithCores('b-gpu-near', near.id, 2);
    expect(distanceKm(sites.near, centre)).toBeLessThan(20);
    expect(distanceKm(sites.far, centre)).toBeGreaterThan(100);
  });

  it('takes values only from an owner in range; the stored body keeps the selector as given', async () => {
    const id = track.expectationId(uniqueId('exp-near'));
    const intent = cluster(nearCentre(20), 2);
    const { settled } = await harness.submit(intent, id);
    expect(settled).toMatchObject({ status: 'met', outstanding: null });
    const held = (await inventory.instances.get(id)).assignments;
    expect(held.map((assignment) => assignment.owner.id)).toEqual([gpus.near, gpus.near]);
    expect(held[0]!.owner.places).toEqual([expect.objectContaining({ role: 'dataCentre', location: sites.near })]);
    expect((await harness.expectations.get(id)).body).toEqual(intent);
    expect((await inventory.instances.get(gpus.far)).givenAssignments).toEqual([]);
  });

  it('is blocked, saying so, when no owner in range has a free value — though one out of range has plenty', async () => {
    const id = track.expectationId(uniqueId('exp-near-full'));
    const { settled } = await harness.submit(cluster(nearCentre(20), 1), id);
    expect(settled.status).toBe('blocked');
    expect(settled.reason).toBe(
      `poolExhausted: assignments.core1.from: no GPU at a dataCentre within 20 km of 60.5,-50.25 has a free value in pool "cores"`,
    );
    expect((await inventory.instances.get(gpus.far)).givenAssignments).toEqual([]);
  });

  it('is blocked, saying so, when no place of the role is in range at all; a wider circle reaches the far owner', async () => {
    const id = track.expectationId(uniqueId('exp-nowhere'));
    const empty = at(-3, 0); // about 214 km west: nothing within 50 km
    const { settled } = await harness.submit(cluster(nearCentre(50, empty), 1), id);
    expect(settled.status).toBe('blocked');
    expect(settled.reason).toBe(
      `poolExhausted: assignments.core1.from: no GPU at a dataCentre within 50 km of ${empty.longitude},${empty.latitude} has a free value in pool "cores"`,
    );
    const wider = await harness.submit(cluster(nearCentre(400, empty), 1), id);
    expect(wider.settled).toMatchObject({ status: 'met', observedGeneration: 2 });
    expect((await inventory.instances.get(id)).assignments.map((assignment) => assignment.owner.id)).toEqual([
      gpus.far,
    ]);
  });

  it('refuses a malformed near selector naming the field, and stores nothing', async () => {
    const id = uniqueId('exp-bad-near');
    const bad = cluster(
      { kind: 'GPU', places: [{ role: 'dataCentre', location: { $near: { ...centre, km: -1 } } }] },
      1,
    );
    const refused = await harness.submitOnly(bad, id).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidExpectationError);
    expect((refused as InvalidExpectationError).problems).toEqual([
      'assignments.0.from.places.0.location.$near.km: Too small: expected number to be >0',
    ]);
    await expect(harness.expectations.get(id)).rejects.toMatchObject({ code: 'notFound' });
  });
});
