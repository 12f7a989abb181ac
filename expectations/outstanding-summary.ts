import { inputLimits, jsonBytes } from '../model/input-limits.js';
import type { Json } from './operators.js';
import { outstandingCount } from './outstanding.js';

/**
 * What a reconcile workflow holds of an outstanding document (its `outstanding` query, the
 * observation an activity hands it): the document itself while it is small, else a summary —
 * its size, how many things are outstanding and in which sections — so no workflow payload
 * grows with what a user submits. The whole document is recorded on the expectation
 * (`GET /expectations/<id>`, `diffo status <id>`).
 */
export type OutstandingSummary =
  Json | null | { truncated: true; bytes: number; outstandingCount: number; sections: string[] };

export function outstandingSummary(
  outstanding: Json | null,
  maxBytes: number = inputLimits.maxSummaryBytes,
): OutstandingSummary {
  if (outstanding === null) return null;
  const bytes = jsonBytes(outstanding);
  if (bytes <= maxBytes) return outstanding;
  const sections =
    typeof outstanding === 'object' && !Array.isArray(outstanding) ? Object.keys(outstanding).slice(0, 32) : [];
  return { truncated: true, bytes, outstandingCount: outstandingCount(outstanding), sections };
}
