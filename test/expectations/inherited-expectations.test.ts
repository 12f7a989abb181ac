import { describe, expect, it } from 'vitest';
import { wholesaleKinds } from '../../examples/wholesale/index.js';
import { expectationProblems, parseExpectation } from '../../expectations/expectation-schema.js';
import { outstanding } from '../../expectations/outstanding.js';
import { plan } from '../../expectations/planner.js';
import { UnknownValue, type InheritedValue } from '../../model/inherited-values.js';
import { createRegistry } from '../../model/registry.js';
import type { InstanceSnapshot } from '../../model/tmf-json.js';
import { instanceSnapshot } from '../support/snapshots.js';

const registry = createRegistry(wholesaleKinds);
const uni = { id: 'uni-1', kind: 'UNI', type: 'resource' as const };

function avc(installationSite: InheritedValue): InstanceSnapshot {
  return instanceSnapshot({
    id: 'e1',
    kind: 'AVC',
    type: 'service',
    specification: registry.instanceKind('AVC').specification,
    states: { state: 'feasibilityChecked' },
    inherited: [installationSite],
  });
}
const unknownSite: InheritedValue = {
  name: 'installationSite',
  category: 'place',
  status: 'unknown',
  stoppedAt: 0,
  reason: 'inherited place "installationSite" is unknown: this instance has no held assignment with alias "uni" yet',
};
const siteIs = (id: string): InheritedValue => ({
  name: 'installationSite',
  category: 'place',
  status: 'known',
  collapse: 'first',
  items: [{ value: id, ref: { id, kind: 'Premises', type: 'GeographicAddress' }, from: [uni] }],
});
const planFor = (body: unknown, actual: InstanceSnapshot) =>
  plan({ expectationId: 'e1', generation: 1, expectation: parseExpectation(body, registry), actual, registry });

describe('expectations on inherited facts', () => {
  it('are checked against the kind: the name must be an inherited fact; places and parties are ids, lists unless collapsed', () => {
    expect(expectationProblems({ kind: 'AVC', inherited: { nope: 'x' } }, registry)).toEqual([
      'inherited.nope: AVC declares no inherited fact named "nope" (inherited: installationSite, exchange, provider, cvcBandwidthMbps, svlanId, uniPort, cvcName)',
    ]);
    expect(expectationProblems({ kind: 'AVC', inherited: { installationSite: 42 } }, registry)[0]).toMatch(
      /^inherited\.installationSite: /,
    );
    expect(expectationProblems({ kind: 'AVC', inherited: { provider: 'AS-1' } }, registry)[0]).toMatch(
      /^inherited\.provider: /,
    );
    expect(
      expectationProblems(
        {
          kind: 'AVC',
          inherited: {
            provider: ['AS-1'],
            installationSite: { $anyOf: ['LOC1', 'LOC2'] },
            cvcBandwidthMbps: { $range: { min: 100 } },
          },
        },
        registry,
      ),
    ).toEqual([]);
  });

  it('an unknown meets no expectation — not even $absent or $exists', () => {
    const unknown = new UnknownValue('why');
    expect(outstanding({ $absent: true }, unknown)).toEqual({ $absent: true });
    expect(outstanding({ $exists: true }, unknown)).toEqual({ $exists: true });
    expect(outstanding({ $absent: true }, null)).toBeNull();
  });

  it('own facts come first: the assignment the chain needs is planned before the inherited fact is judged', () => {
    const result = planFor(
      {
        kind: 'AVC',
        assignments: [{ alias: 'uni', pool: 'ports', from: 'uni-1' }],
        inherited: { installationSite: 'LOC1' },
      },
      avc(unknownSite),
    );
    expect(result).toMatchObject({
      outcome: 'task',
      task: { type: 'assign', alias: 'uni', owner: 'uni-1', pool: 'ports' },
    });
  });

  it('an unknown chain blocks with the own fact to add when it stops at the first hop, waiting for a change of this instance', () => {
    expect(planFor({ kind: 'AVC', inherited: { installationSite: 'LOC1' } }, avc(unknownSite))).toEqual({
      outcome: 'blocked',
      reason: `${unknownSite.reason} — expect an assignment with alias "uni" on this instance`,
      // its own fact: a change of this instance (here e1) may complete the chain
      waitsFor: [{ cause: 'fact', id: 'e1' }],
    });
  });

  it('a known but different value blocks with where it came from, waiting for a change there; an equal one is met', () => {
    expect(planFor({ kind: 'AVC', inherited: { installationSite: 'LOC1' } }, avc(siteIs('LOC2')))).toEqual({
      outcome: 'blocked',
      reason:
        'inherited "installationSite": expected "LOC1" but the chain (held assignment with alias "uni") gives "LOC2" from uni-1; it changes only through the chain — this instance\'s held assignment with alias "uni" or the place role "site" of what it reaches',
      // the source the value came from
      waitsFor: [{ cause: 'fact', id: 'uni-1' }],
    });
    expect(planFor({ kind: 'AVC', inherited: { installationSite: 'LOC1' } }, avc(siteIs('LOC1')))).toEqual({
      outcome: 'met',
    });
  });
});
