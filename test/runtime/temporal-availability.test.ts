import { ServiceError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { isTemporalUnreachable } from '../../runtime/temporal-availability.js';

/** A gRPC error as the Temporal client throws it: a message, a code, details and metadata. */
const grpcError = (code: number, details: string) =>
  Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });

describe('isTemporalUnreachable', () => {
  it('takes a deadline, an unavailable server and a connection never made for an outage', () => {
    expect(isTemporalUnreachable(grpcError(4, 'Deadline exceeded'))).toBe(true);
    expect(isTemporalUnreachable(grpcError(14, 'No connection established'))).toBe(true);
    expect(
      isTemporalUnreachable(new ServiceError('Failed to connect', { cause: grpcError(14, 'connect ECONNREFUSED') })),
    ).toBe(true);
    expect(isTemporalUnreachable(new Error('Failed to connect before the deadline'))).toBe(true);
  });

  it('takes a refusal by the server for no outage: waiting would hide a misconfiguration', () => {
    expect(isTemporalUnreachable(grpcError(5, 'Namespace nowhere is not found'))).toBe(false);
    expect(isTemporalUnreachable(grpcError(3, 'search attribute DiffoKind is not defined'))).toBe(false);
    expect(isTemporalUnreachable(new ServiceError('signal failed', { cause: grpcError(7, 'denied') }))).toBe(false);
  });
});
