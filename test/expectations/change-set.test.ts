import { describe, expect, it } from 'vitest';
import { changeSet } from '../../expectations/change-set.js';

describe('change sets from TMF JSON before and after', () => {
  it('names a create, a state change and an attribute change, with the changed paths', () => {
    expect(changeSet('Service', null, { id: 's1', state: 'initial' })).toMatchObject({
      eventType: 'ServiceCreateEvent',
      changedPaths: ['id', 'state'],
    });
    expect(
      changeSet('Service', { id: 's1', state: 'initial' }, { id: 's1', state: 'active', operatingStatus: 'running' }),
    ).toEqual({
      eventType: 'ServiceStateChangeEvent',
      changedPaths: ['operatingStatus', 'state'],
      changes: [
        { kind: 'edited', path: 'state', before: 'initial', after: 'active' },
        { kind: 'new', path: 'operatingStatus', after: 'running' },
      ],
    });
    const edited = changeSet(
      'Resource',
      { resourceCharacteristic: [{ name: 'gpu', value: 1 }] },
      {
        resourceCharacteristic: [
          { name: 'gpu', value: 2 },
          { name: 'x', value: 0 },
        ],
      },
    );
    expect(edited).toMatchObject({
      eventType: 'ResourceAttributeValueChangeEvent',
      changedPaths: ['resourceCharacteristic.0.value', 'resourceCharacteristic.1'],
    });
  });

  it('names a delete, with the instance as it was', () => {
    expect(changeSet('Service', { id: 's1', state: 'terminated' }, null)).toEqual({
      eventType: 'ServiceDeleteEvent',
      changedPaths: ['id', 'state'],
      changes: [
        { kind: 'deleted', path: 'id', before: 's1' },
        { kind: 'deleted', path: 'state', before: 'terminated' },
      ],
    });
  });

  it('is undefined when nothing changed', () => {
    expect(changeSet('Resource', { a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBeUndefined();
  });
});
