import { MockActivityEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { heartbeating } from '../../activities/heartbeating.js';

describe('heartbeating', () => {
  it('heartbeats while the work runs, returns its result, and stops when it ends', async () => {
    const env = new MockActivityEnvironment();
    let beats = 0;
    let beatsWhenDone = 0;
    let beat: () => void = () => undefined;
    env.on('heartbeat', () => {
      beats += 1;
      if (beats === 2) beat();
    });
    const result = await env.run(() =>
      heartbeating(async () => {
        await new Promise<void>((resolve) => (beat = resolve)); // until two heartbeats were sent
        beatsWhenDone = beats;
        return 'swept';
      }, 5),
    );
    expect(result).toBe('swept');
    expect(beatsWhenDone).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(beats).toBe(2);
  });
});
