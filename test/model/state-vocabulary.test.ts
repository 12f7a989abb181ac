import { describe, expect, it } from 'vitest';
import {
  administrativeStates,
  operatingStatuses,
  operationalStates,
  resourceLifecycleStates,
  serviceStates,
  usageStates,
} from '../../model/lifecycle.js';
import { inventoryStatesFor, officialStates, stateMappings, statesIn } from '../../model/tmf/state-vocabulary.js';
import { officialDocument, type TmfApi } from '../support/official-schemas.js';

/** The enumeration `name` of an official file. */
function officialEnum(api: TmfApi, version: 'v4' | 'v5', name: string): unknown[] {
  return (officialDocument(api, version).schemas[name] as { enum: unknown[] }).enum;
}

/** Every value the inventory can hold in each state field. */
const inventoryValues: Record<string, readonly string[]> = {
  state: serviceStates,
  operatingStatus: operatingStatuses,
  lifecycleState: resourceLifecycleStates,
  administrativeState: administrativeStates,
  operationalState: operationalStates,
  usageState: usageStates,
};

describe('state vocabularies per TMF version', () => {
  it('are the official enumerations, value for value', () => {
    expect(officialStates.service.v4.state).toEqual(officialEnum('TMF638', 'v4', 'ServiceStateType'));
    expect(officialStates.service.v5.state).toEqual(officialEnum('TMF638', 'v5', 'ServiceStateType'));
    expect(officialStates.service.v5.operatingStatus).toEqual(
      officialEnum('TMF638', 'v5', 'ServiceOperatingStatusType'),
    );
    const resourceEnums = [
      ['resourceStatus', 'ResourceStatusType'],
      ['administrativeState', 'ResourceAdministrativeStateType'],
      ['operationalState', 'ResourceOperationalStateType'],
      ['usageState', 'ResourceUsageStateType'],
      ['lifecycleState', 'ResourceLifecycleStateType'],
    ] as const;
    for (const version of ['v4', 'v5'] as const) {
      for (const [field, name] of resourceEnums) {
        const ours = (officialStates.resource[version] as Record<string, readonly string[]>)[field];
        if (ours) expect(ours, `${version} ${field}`).toEqual(officialEnum('TMF639', version, name));
      }
    }
  });

  it("map every value the inventory holds to a value of the version's enumeration", () => {
    for (const type of ['service', 'resource'] as const) {
      for (const version of ['v4', 'v5'] as const) {
        const official = officialStates[type][version] as Record<string, readonly string[]>;
        for (const { from, to, values } of stateMappings[type][version]) {
          for (const value of inventoryValues[from]!) {
            expect(official[to], `${type} ${version} ${from}=${value}`).toContain(values[value]);
          }
        }
      }
    }
  });

  it('say in v4 and v5 what the inventory says with words they lack', () => {
    const service = (state: string, version: 'v4' | 'v5') =>
      statesIn(version, 'service', { state, operatingStatus: 'pending' });
    expect(service('initial', 'v4')).toEqual({ state: 'feasibilityChecked' });
    expect(service('initial', 'v5')).toEqual({ state: 'feasibilityChecked', operatingStatus: 'pending' });
    expect(service('suspended', 'v4')).toEqual({ state: 'inactive' });
    expect(service('suspended', 'v5')).toMatchObject({ state: 'suspended' });
    expect(service('cancelled', 'v4')).toEqual({ state: 'terminated' });
    expect(service('cancelled', 'v5')).toMatchObject({ state: 'terminated' });
    const resource = {
      lifecycleState: 'planned',
      administrativeState: 'shutdown',
      operationalState: 'disable',
      usageState: 'idle',
    };
    expect(statesIn('v4', 'resource', resource)).toEqual({
      resourceStatus: 'reserved',
      administrativeState: 'shutdown',
      operationalState: 'disable',
      usageState: 'idle',
    });
    expect(statesIn('v5', 'resource', resource)).toEqual({
      lifecycleState: 'planned',
      administrativeState: 'shuttingDown',
      operationalState: 'disabled',
      usageState: 'idle',
    });
    expect(statesIn('v4', 'resource', { lifecycleState: 'installed' })).toEqual({ resourceStatus: 'available' });
    expect(statesIn('v4', 'resource', { lifecycleState: 'pendingRemoval' })).toEqual({ resourceStatus: 'suspended' });
  });

  it("keep a service's dates, drop what the version lacks, and keep everything in the inventory's own words", () => {
    const states = {
      state: 'active',
      operatingStatus: 'running',
      startDate: '2026-01-01T00:00:00.000Z',
      endDate: undefined,
    };
    expect(statesIn('v4', 'service', states)).toEqual({ state: 'active', startDate: '2026-01-01T00:00:00.000Z' });
    expect(statesIn('inventory', 'service', { ...states, state: 'initial' })).toEqual({
      state: 'initial',
      operatingStatus: 'running',
      startDate: '2026-01-01T00:00:00.000Z',
    });
    expect(statesIn('v4', 'service', { state: 'made-up' })).toEqual({});
  });

  it("turn a filter on a version's state field into the inventory values it stands for", () => {
    expect(inventoryStatesFor('service', 'v4', 'state', ['inactive'])).toEqual({
      field: 'state',
      values: ['inactive', 'suspended'],
    });
    expect(inventoryStatesFor('service', 'v4', 'state', ['feasibilityChecked', 'terminated'])).toEqual({
      field: 'state',
      values: ['feasibilityChecked', 'terminated', 'initial', 'cancelled'],
    });
    expect(inventoryStatesFor('service', 'v4', 'state', ['suspended'])).toEqual({ field: 'state', values: [] });
    expect(inventoryStatesFor('service', 'v5', 'state', ['suspended'])).toEqual({
      field: 'state',
      values: ['suspended'],
    });
    expect(inventoryStatesFor('service', 'v4', 'operatingStatus', ['running'])).toBeUndefined();
    expect(inventoryStatesFor('resource', 'v4', 'resourceStatus', ['available'])).toEqual({
      field: 'lifecycleState',
      values: ['installed'],
    });
    expect(inventoryStatesFor('resource', 'v4', 'lifecycleState', ['installed'])).toBeUndefined();
    expect(inventoryStatesFor('resource', 'v5', 'operationalState', ['enabled'])).toEqual({
      field: 'operationalState',
      values: ['enable'],
    });
  });
});
