import { describe, expect, it } from 'vitest';
import {
  allowedServiceTransitions,
  canAssignFrom,
  resourceTransition,
  serviceTransition,
  serviceStates,
} from '../../model/lifecycle.js';

describe('TMF638 service lifecycle', () => {
  const now = '2026-11-21T00:00:00.000Z';

  it('activating sets running and the start date once', () => {
    expect(serviceTransition('reserved', 'active', now)).toEqual({
      state: 'active',
      operatingStatus: 'running',
      startDate: now,
    });
    expect(serviceTransition('suspended', 'active', now, '2026-01-01')).toEqual({
      state: 'active',
      operatingStatus: 'running',
    });
  });

  it('terminating and cancelling set the end date', () => {
    expect(serviceTransition('active', 'terminated', now)).toEqual({
      state: 'terminated',
      operatingStatus: 'stopped',
      endDate: now,
    });
    expect(serviceTransition('designed', 'cancelled', now)).toMatchObject({ state: 'cancelled', endDate: now });
  });

  it('has no way back from terminated or cancelled', () => {
    for (const to of serviceStates) {
      expect(() => serviceTransition('terminated', to, now)).toThrow('final state');
      expect(() => serviceTransition('cancelled', to, now)).toThrow('final state');
    }
  });

  it('names the allowed transitions when refusing one', () => {
    expect(() => serviceTransition('active', 'designed', now)).toThrow(
      'cannot go from active to designed; allowed from active: inactive, suspended, terminated',
    );
    expect(allowedServiceTransitions('initial')).toContain('feasibilityChecked');
  });
});

describe('TMF639 resource lifecycle and assignability', () => {
  it('moves planned → installed → pendingRemoval and refuses going back to planned', () => {
    expect(resourceTransition('planned', 'installed')).toBe('installed');
    expect(resourceTransition('installed', 'pendingRemoval')).toBe('pendingRemoval');
    expect(() => resourceTransition('installed', 'planned')).toThrow('cannot go from installed to planned');
  });

  it('lets only planned/installed resources and feasibilityChecked…suspended services assign', () => {
    expect(['planned', 'installed', 'pendingRemoval'].map((state) => canAssignFrom('resource', state))).toEqual([
      true,
      true,
      false,
    ]);
    expect(serviceStates.filter((state) => canAssignFrom('service', state))).toEqual([
      'feasibilityChecked',
      'designed',
      'reserved',
      'inactive',
      'active',
      'suspended',
    ]);
  });
});
