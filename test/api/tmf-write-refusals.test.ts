import type { Worker } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleKinds } from '../../examples/index.js';
import { genericKinds } from '../../model/tmf/generic-kinds.js';
import { collectionPath } from '../../model/tmf/tmf-paths.js';
import { createReconcileWorker } from '../../runtime/reconcile-worker.js';
import { DeleteRefusedOverTmf, deleteThroughEngine } from '../../runtime/tmf-writes.js';
import { apiServer } from '../support/api-server.js';
import { eventually } from '../support/eventually.js';
import { uniqueId } from '../support/graph.js';
import { graphCounts } from '../support/inventory.js';
import { reconcileHarness } from '../support/reconcile-harness.js';

/**
 * What TMF writes refuse, over the real stack: a delete others depend on (409, nothing changed,
 * even when one comes after the check), a write to an instance two expectations govern (409),
 * bodies that are no TMF (400) or that the kind cannot express (422), media types (415), and the
 * answer while the engine is still at it (202, then the status URL until met).
 */
const broadbandV2 = 'f6e5d4c3-b2a1-4f0e-9d8c-7b6a5f4e3d2c';

describe('TMF writes: refusals and answers under way', () => {
  const harness = reconcileHarness([...genericKinds, ...exampleKinds]);
  const { inventory, track } = harness;
  const server = apiServer(harness);
  const idleQueue = uniqueId('tmf-write-idle');
  const idle = apiServer(harness, { taskQueue: idleQueue, writeWaitMs: 300 });
  // writes whose reconcilers run on a queue polled only while a test runs a worker on it
  const raceQueue = uniqueId('tmf-write-race');
  const racing = apiServer(harness, { taskQueue: raceQueue, writeWaitMs: 60_000 });
  const refs = { rsp: uniqueId('rsp'), avc: '' };
  const resources = collectionPath('v4', 'resource');
  const services = collectionPath('v4', 'service');

  beforeAll(async () => {
    track.party(await inventory.parties.create('RSP', { id: refs.rsp, name: 'Acme Retail' }));
    refs.avc = track.instance(await inventory.instances.build('AVC', { characteristics: { speedTier: '50/20' } })).id;
  });

  const call = async (
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
    base = server.base,
  ) => {
    const response = await fetch(path.startsWith('http') ? path : `${base}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': contentType }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
  };

  /** Runs `work` while a worker polls `taskQueue` (the harness's worker polls only its own). */
  async function withWorker(taskQueue: string, work: () => Promise<unknown>): Promise<void> {
    const env = harness.env();
    const { expectations } = harness;
    const namespace = env.namespace ?? 'default';
    const options = { connection: env.nativeConnection, namespace, taskQueue, inventory, expectations };
    const worker: Worker = await createReconcileWorker(options);
    const running = worker.run();
    try {
      await work();
    } finally {
      worker.shutdown();
      await running;
    }
  }

  const broadband = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    name: id,
    state: 'active',
    serviceSpecification: { id: broadbandV2 },
    relatedParty: [{ id: refs.rsp, role: 'provider', '@referredType': 'Organization' }],
    serviceRelationship: [
      {
        relationshipType: 'reliesOn',
        service: { id: refs.avc },
        serviceRelationshipCharacteristic: [{ name: 'alias', value: 'avc' }],
      },
    ],
    ...extra,
  });

  it('DELETE is refused (409) while others depend on the instance, naming them, and changes nothing', async () => {
    const gpu = track.expectationId(uniqueId('tmf-gpu'));
    const gpuBody = {
      id: gpu,
      name: gpu,
      '@type': 'GPU',
      resourceStatus: 'available',
      resourceCharacteristic: [{ name: 'cores', value: { first: 1, last: 4 } }],
    };
    expect((await call('POST', resources, gpuBody)).status).toBe(201);
    const cluster = track.expectationId(uniqueId('tmf-cluster'));
    const intent = { kind: 'Cluster', assignments: [{ alias: 'core1', pool: 'cores', from: gpu }], state: 'installed' };
    expect((await harness.submit(intent, cluster)).settled.status).toBe('met');
    const service = track.expectationId(uniqueId('tmf-broadband'));
    expect((await call('POST', services, broadband(service))).status).toBe(201);

    const before = { counts: await graphCounts(inventory), gpu: await harness.expectations.get(gpu) };
    const refused = await call('DELETE', `${resources}/${gpu}`);
    expect(refused).toMatchObject({ status: 409, json: { '@type': 'Error', code: 'conflict', status: '409' } });
    expect(refused.json.message).toBe(
      `${gpu} is not deleted, and nothing was changed: ${cluster} holds core 1 of its pool cores`,
    );
    const avc = await call('DELETE', `${services}/${refs.avc}`);
    expect(avc.status).toBe(409);
    expect(avc.json.message).toContain(`${service} relates to it (relationship "reliesOn", alias "avc")`);
    expect(await graphCounts(inventory)).toEqual(before.counts);
    expect(await harness.expectations.get(gpu)).toEqual(before.gpu);
    await expect(harness.expectations.get(refs.avc)).rejects.toMatchObject({ code: 'notFound' });

    // the cluster goes (through the engine: its core is given back), then the GPU may go too
    expect((await call('DELETE', `${resources}/${cluster}`)).status).toBe(204);
    expect((await call('DELETE', `${resources}/${gpu}`)).status).toBe(204);
    expect((await call('GET', `${resources}/${gpu}`)).status).toBe(404);
    // its expectation stays ("must not exist"): a POST with the id builds it again, as a new generation
    expect((await call('POST', resources, gpuBody)).status).toBe(201);
    expect(await harness.expectations.get(gpu)).toMatchObject({ status: 'met', generation: 3 });
  });

  it('should the engine refuse a delete after the check (a dependent came meanwhile), the expectation is put back', async () => {
    const doomed = track.instance(await inventory.instances.build('GenericResource', { name: 'doomed' })).id;
    const queue = uniqueId('tmf-write-race');
    const deps = { client: harness.env().client, expectations: harness.expectations, inventory, taskQueue: queue };
    const deleting = deleteThroughEngine({ ...deps, waitMs: 60_000 }, await inventory.instances.get(doomed));
    const refusal = expect(deleting).rejects.toThrow(DeleteRefusedOverTmf);
    // the check found no dependent and the expectation says the instance must not exist: now one comes
    await eventually(
      () => harness.expectations.get(doomed).catch(() => undefined),
      (expectation) => expectation?.body.exists === false,
    );
    track.expectationId(doomed);
    const relying = { relationships: [{ type: 'uses', alias: 'uses', target: doomed }] };
    const dependent = track.instance(await inventory.instances.build('GenericResource', relying)).id;
    await withWorker(queue, () => refusal);
    await expect(deleting).rejects.toThrow(`${dependent} relates to it`);
    expect((await inventory.instances.get(doomed)).name).toBe('doomed');
    // it had no expectation before the DELETE, and has none after
    await expect(harness.expectations.get(doomed)).rejects.toMatchObject({ code: 'notFound' });
  });

  it('a DELETE refused after the check, of an instance that had an expectation: 409, and its body is put back', async () => {
    const kept = track.expectationId(uniqueId('tmf-kept'));
    // POSTed where its reconciler lives on the race queue: the DELETE's generation waits for a worker there
    await withWorker(raceQueue, async () => {
      const posted = await call(
        'POST',
        resources,
        { id: kept, name: 'kept', '@type': 'Resource' },
        undefined,
        racing.base,
      );
      expect(posted.status).toBe(201);
    });
    const before = {
      expectation: await harness.expectations.get(kept),
      instance: await inventory.instances.get(kept),
      events: await inventory.events.list(kept),
    };
    const deleting = call('DELETE', `${resources}/${kept}`, undefined, undefined, racing.base);
    // the check found no dependent and the expectation says the instance must not exist: now one comes
    const changed = await eventually(
      () => harness.expectations.get(kept),
      (expectation) => expectation.body.exists === false,
    );
    expect(changed.generation).toBe(before.expectation.generation + 1);
    const relying = { relationships: [{ type: 'uses', alias: 'uses', target: kept }] };
    const dependent = track.instance(await inventory.instances.build('GenericResource', relying)).id;
    await withWorker(raceQueue, async () => {
      const refused = await deleting;
      expect(refused).toMatchObject({ status: 409, json: { '@type': 'Error', code: 'conflict', status: '409' } });
      // the engine's reason as its reconciler recorded it, worded as the check before it would say it
      expect(refused.json.message).toBe(
        `${kept} is not deleted, and nothing was changed: ${dependent} relates to it (relationship "uses", alias "uses")`,
      );
      // the body as it was, as a generation after the DELETE's (generations only grow): met again
      const putBack = await eventually(
        () => harness.expectations.get(kept),
        (expectation) => expectation.status === 'met' && expectation.observedGeneration === changed.generation + 1,
      );
      expect(putBack).toMatchObject({ status: 'met', generation: before.expectation.generation + 2 });
      expect(putBack.body).toEqual(before.expectation.body);
    });
    expect(await inventory.instances.get(kept)).toEqual(before.instance);
    expect(await inventory.events.list(kept)).toEqual(before.events);
  });

  it('two expectations governing one instance: PATCH and DELETE are 409 naming both, and change nothing', async () => {
    const shared = track.instance(await inventory.instances.build('GenericResource', { name: 'shared' })).id;
    const first = track.expectationId(uniqueId('tmf-first'));
    const second = track.expectationId(uniqueId('tmf-second'));
    for (const id of [first, second]) {
      expect((await harness.submit({ kind: 'GenericResource', actualId: shared }, id)).settled.status).toBe('met');
    }
    const expectations = () => Promise.all([first, second].map((id) => harness.expectations.get(id)));
    const before = { counts: await graphCounts(inventory), expectations: await expectations() };
    const message = `${shared} is expected by ${first}, ${second}: withdraw all but one (/expectations)`;
    const href = `${resources}/${shared}`;
    // a POST with its id is refused earlier: an instance has it
    for (const [method, body] of [
      ['PATCH', { resourceStatus: 'reserved' }],
      ['DELETE', undefined],
    ] as const) {
      const refused = await call(method, href, body, 'application/merge-patch+json');
      expect(refused).toMatchObject({ status: 409, json: { '@type': 'Error', code: 'conflict', message } });
    }
    expect(await graphCounts(inventory)).toEqual(before.counts);
    expect(await expectations()).toEqual(before.expectations);
  });

  it('bodies that are no TMF (400) or that the kind cannot express (422) are refused naming the field; nothing is stored', async () => {
    const before = { counts: await graphCounts(inventory), expectations: (await harness.expectations.list()).length };
    const id = uniqueId('tmf-refused');
    const refusals: Array<[number, string, unknown]> = [
      [400, 'serviceSpecification', { name: 'x', state: 'active' }],
      [400, 'state', broadband(id, { state: 'suspended' })],
      [
        422,
        'serviceCharacteristic[0].name: BroadbandV2 declares no characteristic "colour"',
        broadband(id, { serviceCharacteristic: [{ name: 'colour', value: 'red' }] }),
      ],
      [
        422,
        'relatedParty[0].id: no party with id nobody',
        broadband(id, { relatedParty: [{ id: 'nobody', role: 'provider', '@referredType': 'Organization' }] }),
      ],
      [422, 'note: expectations do not carry notes', broadband(id, { note: [{ text: 'hello' }] })],
      [409, `an instance with id ${refs.avc} already exists`, broadband(refs.avc)],
    ];
    for (const [status, field, body] of refusals) {
      const answer = await call('POST', services, body);
      expect({ status: answer.status, message: answer.json.message }).toEqual({
        status,
        message: expect.stringContaining(field),
      });
      expect(answer.json['@type']).toBe('Error');
    }
    const typed = await call('POST', collectionPath('v5', 'resource'), {
      '@type': 'GPU',
      resourceCharacteristic: [{ '@type': 'IntegerCharacteristic', name: 'gpu', value: 'many' }],
    });
    expect(typed.status).toBe(400);
    expect(typed.json.message).toContain(
      'resourceCharacteristic.0.value: does not fit its @type IntegerCharacteristic',
    );
    const media = await call('POST', services, broadband(id), 'application/merge-patch+json');
    expect(media).toMatchObject({ status: 415, json: { code: 'unsupportedMediaType' } });
    expect(await graphCounts(inventory)).toEqual(before.counts);
    expect((await harness.expectations.list()).length).toBe(before.expectations);
  });

  it('PATCH refusals: a rename, a patch that does not apply, a failed test, a media type it does not read, no such instance', async () => {
    const id = track.expectationId(uniqueId('tmf-patched'));
    expect((await call('POST', services, broadband(id))).status).toBe(201);
    const href = `${services}/${id}`;
    const before = await harness.expectations.get(id);
    const rename = await call('PATCH', href, { name: 'renamed' }, 'application/merge-patch+json');
    expect(rename).toMatchObject({ status: 422, json: { code: 'invalidInput' } });
    expect(rename.json.message).toContain('name: names are set when an instance is built');
    const missing = await call('PATCH', href, [{ op: 'remove', path: '/feature/9' }], 'application/json-patch+json');
    expect(missing).toMatchObject({ status: 400, json: { code: 'invalidRequest' } });
    expect(missing.json.message).toContain('operation 0 (remove /feature/9)');
    const test = await call(
      'PATCH',
      href,
      [{ op: 'test', path: '/state', value: 'inactive' }],
      'application/json-patch+json',
    );
    expect(test).toMatchObject({ status: 409, json: { code: 'patchTestFailed' } });
    const broken = await call('PATCH', href, { state: 'bogus' }, 'application/merge-patch+json');
    expect(broken.status).toBe(400);
    expect(broken.json.message).toContain('state');
    for (const type of ['application/json-patch-query+json', 'text/plain']) {
      expect((await call('PATCH', href, [], type)).status).toBe(415);
    }
    expect((await call('PATCH', `${services}/no-such-service`, {}, 'application/merge-patch+json')).status).toBe(404);
    expect((await call('DELETE', `${services}/no-such-service`)).status).toBe(404);
    expect(await harness.expectations.get(id)).toEqual(before);
  });

  it('a write the engine has not done within the wait answers 202 with the status URL; polled, it is met', async () => {
    const id = track.expectationId(uniqueId('tmf-later'));
    const accepted = await call(
      'POST',
      resources,
      { id, name: 'later', '@type': 'Resource' },
      'application/json',
      idle.base,
    );
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('location')).toBe(`${idle.base}/expectations/${id}`);
    expect(accepted.json).toMatchObject({ id, kind: 'GenericResource', status: 'pending', generation: 1 });
    expect((await call('GET', `${resources}/${id}`)).status).toBe(404);
    // the engine comes: a worker on the queue the idle API's reconcilers wait on
    await withWorker(idleQueue, async () => {
      const status = await eventually(
        async () => (await call('GET', accepted.headers.get('location')!)).json,
        (expectation) => expectation.status === 'met',
      );
      expect(status).toMatchObject({ status: 'met', actual: { id } });
      expect((await call('GET', `${resources}/${id}`)).json).toMatchObject({ id, name: 'later' });
    });
  });

  it('405 names the methods each path offers now: GET and POST on a collection, GET, PATCH and DELETE on an item', async () => {
    const onItem = await call('PUT', `${resources}/any`, {});
    expect(onItem.status).toBe(405);
    expect(onItem.headers.get('allow')).toBe('DELETE, GET, HEAD, PATCH');
    expect((await call('PUT', services, {})).headers.get('allow')).toBe('GET, HEAD, POST');
  });

  it('the OpenAPI document types the request bodies and the media types a PATCH reads', async () => {
    const document = (await call('GET', '/openapi.json')).json;
    const collection = document.paths[collectionPath('v5', 'service')];
    expect(Object.keys(collection.post.requestBody.content)).toEqual(['application/json']);
    expect(collection.post.requestBody.content['application/json'].schema.required).toEqual([
      'state',
      'serviceSpecification',
      '@type',
    ]);
    expect(Object.keys(collection.post.responses)).toEqual(expect.arrayContaining(['201', '202', '400', '409', '422']));
    const item = document.paths[`${collectionPath('v4', 'resource')}/{id}`];
    expect(Object.keys(item.patch.requestBody.content)).toEqual([
      'application/merge-patch+json',
      'application/json',
      'application/json-patch+json',
    ]);
    expect(Object.keys(item.delete.responses)).toEqual(expect.arrayContaining(['202', '204', '404', '409']));
  });
});
