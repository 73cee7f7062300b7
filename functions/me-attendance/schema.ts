/** GET /me/attendance?month=YYYY-MM */
import { z } from 'zod';

export const monthQuerySchema = z.strictObject({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month YYYY-MM' }),
});
