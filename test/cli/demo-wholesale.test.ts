import { describe, expect, it } from 'vitest';
import { runWholesaleDemo } from '../../cli/demo-wholesale.js';
import { uniqueId } from '../support/graph.js';
import { reconcileHarness } from '../support/reconcile-harness.js';

/** The wholesale part of `diffo demo`, run twice against the real stack: blocked, then met; met at once the second time. */
describe('diffo demo: the wholesale chain', () => {
  const harness = reconcileHarness();
  const { inventory, track } = harness;
  const prefix = uniqueId('demo');
  for (const suffix of ['nni-1', 'cvc-1', 'uni-1', 'avc-1', 'avc-2']) track.expectationId(`${prefix}-${suffix}`);
  for (const suffix of ['2BLT', 'LOC000123456789', 'fast-fibre']) track.party({ id: `${prefix}-${suffix}` });

  it('narrates the AVC blocked on the missing NNI hop, then met with its inherited site and exchange', async () => {
    const lines: string[] = [];
    expect(await runWholesaleDemo({ ...harness.deps(), inventory }, (line) => lines.push(line), prefix)).toBe(true);
    const output = lines.join('\n');
    expect(output).toContain(
      `blocked — inherited place "exchange" is unknown: ${prefix}-cvc-1 has (reached by hop 1 of 2) no incoming relationship with type "carries"`,
    );
    expect(output).toContain(`${prefix}-avc-1 is met`);
    expect(output).toContain(`TMF638 place exchange = ${prefix}-2BLT, inherited from ${prefix}-nni-1`);
    expect(output).toContain(
      `TMF638 place installationSite = ${prefix}-LOC000123456789, inherited from ${prefix}-uni-1`,
    );

    const again: string[] = [];
    expect(await runWholesaleDemo({ ...harness.deps(), inventory }, (line) => again.push(line), prefix)).toBe(true);
    expect(again.join('\n')).not.toContain('blocked');
  });
});
