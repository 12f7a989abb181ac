import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { exampleKinds } from '../../examples/index.js';
import { inputLimits, jsonBytes } from '../../model/input-limits.js';
import { defineInstanceKind } from '../../model/instance-kind.js';
import { definePartyKind } from '../../model/party-kind.js';
import { outstandingQuery, workflowIdOf } from '../../workflows/reconcile-messages.js';
import { uniqueId } from '../support/graph.js';
import { reconcileHarness } from '../support/reconcile-harness.js';
import { activitiesIn } from '../support/reconcile-history.js';

/**
 * Workflows carry ids, not documents (issue 16 part 2): the largest expectation the door
 * accepts reaches met, or blocked with a reason — never `pending` forever on Temporal's 2 MB
 * payload limit — and no payload in its reconciler's history comes near that limit.
 */
const Notebook = defineInstanceKind({
  name: 'Notebook',
  specification: { id: '7d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a', name: 'notebook', type: 'resourceSpecification' },
  characteristics: { notes: z.array(z.string()) },
  parties: { author: { kind: 'Author' } },
});
const Author = definePartyKind({ name: 'Author', type: 'Individual', roles: { instances: { author: ['Notebook'] } } });

/** A Notebook expectation with as many notes of the longest string as the expectation limit admits. */
function largestBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const note = 'x'.repeat(inputLimits.maxStringLength);
  const body = { kind: 'Notebook', name: 'large', characteristics: { notes: [] as string[] }, ...extra };
  while (jsonBytes(body) + note.length + 3 <= inputLimits.maxExpectationBytes) body.characteristics.notes.push(note);
  return body;
}

/** The bytes of the largest payload (any binary data) in one history event. */
function largestPayload(value: unknown): number {
  if (value instanceof Uint8Array) return value.length;
  if (typeof value !== 'object' || value === null) return 0;
  return Object.values(value).reduce<number>((sum, inner) => sum + largestPayload(inner), 0);
}

describe('reconcile workflows: the largest expectation the door accepts', () => {
  const harness = reconcileHarness([...exampleKinds, Notebook, Author]);
  const { track } = harness;
  const history = async (id: string) =>
    (await harness.env().client.workflow.getHandle(workflowIdOf(id)).fetchHistory()).events ?? [];

  it('is met, and every event of its history stays far below the payload limit', async () => {
    const body = largestBody();
    expect(jsonBytes(body)).toBeGreaterThan(inputLimits.maxExpectationBytes - inputLimits.maxStringLength);
    const id = track.expectationId(uniqueId('exp-large'));
    const { settled } = await harness.submit(body, id);
    expect(settled).toMatchObject({ status: 'met', outstanding: null });
    const events = await history(id);
    expect(activitiesIn(events).scheduled.flatMap(({ tasks }) => tasks.map((task) => task.type))).toContain('build');
    expect(Math.max(...events.map(largestPayload))).toBeLessThan(1024 * 1024);
  });

  it('is blocked with a reason when its build cannot be done; the workflow holds a summary, the graph the whole document', async () => {
    const body = largestBody({ parties: [{ role: 'author', id: uniqueId('no-such-author') }] });
    const id = track.expectationId(uniqueId('exp-large-blocked'));
    const { settled } = await harness.submit(body, id);
    expect(settled.status).toBe('blocked');
    expect(settled.reason).toMatch(/no party with id no-such-author/);
    expect(jsonBytes(settled.outstanding)).toBeGreaterThan(inputLimits.maxExpectationBytes / 2);
    const answer = await harness.env().client.workflow.getHandle(workflowIdOf(id)).query(outstandingQuery);
    expect(answer).toMatchObject({ truncated: true, sections: ['name', 'characteristics', 'parties'] });
    expect(jsonBytes(answer)).toBeLessThan(inputLimits.maxSummaryBytes);
    expect(Math.max(...(await history(id)).map(largestPayload))).toBeLessThan(1024 * 1024);
  });
});
