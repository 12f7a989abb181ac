import { z } from 'zod';
import { expectationStatuses } from '../graph/expectation-repository.js';

/**
 * The query of `GET /expectations`: a page (`offset`, `limit`: at most 1000, 100 unless given)
 * of the expectations with this `status` and `kind`, whose id or name holds `search` (any case).
 * Any other parameter is refused (400 naming it), so a misspelt filter never lists everything.
 */
export const expectationListQuery = z.strictObject({
  status: z.enum(expectationStatuses).optional(),
  kind: z.string().min(1).max(200).optional(),
  search: z.string().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
