/**
 * GET /reviews?review=VEDTAK_REQUIRED|REVIEW|ALL&status=UNRESOLVED|RESOLVED|ALL
 * `review` (default VEDTAK_REQUIRED): the formal-decision queue, the REVIEW
 * decisions to look at, or both. `status` (default ALL: open first): for a
 * VEDTAK_REQUIRED decision, resolved means a resolution is recorded; for a
 * REVIEW decision, that it is marked as seen.
 */
import * as z from 'zod';

export const reviewQuerySchema = z.strictObject({
  status: z.enum(['UNRESOLVED', 'RESOLVED', 'ALL']).optional(),
  review: z.enum(['VEDTAK_REQUIRED', 'REVIEW', 'ALL']).optional(),
});
