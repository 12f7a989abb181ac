import { isGrpcServiceError } from '@temporalio/client';

/** gRPC status codes that say the server was not reached in time, not that it refused the call. */
const unreachableCodes = new Set([
  4, // DEADLINE_EXCEEDED
  14, // UNAVAILABLE
]);

/**
 * Whether a failed Temporal call failed because the server could not be reached (down,
 * restarting, too slow to answer): the caller may wait for its return. A call the server
 * answered with a refusal — an unknown namespace, an unregistered search attribute, a
 * permission — is no outage: waiting would hide a misconfiguration.
 */
export function isTemporalUnreachable(error: unknown): boolean {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    if (isGrpcServiceError(cause)) return unreachableCodes.has(cause.code);
  }
  return true; // no answer from the server at all: a connection that was never made
}
