/** GET /reviews?status=UNRESOLVED|RESOLVED|ALL (default ALL: unresolved first). */
import * as z from 'zod';

export const reviewQuerySchema = z.strictObject({ status: z.enum(['UNRESOLVED', 'RESOLVED', 'ALL']).optional() });
