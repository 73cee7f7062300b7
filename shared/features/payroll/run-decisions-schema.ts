/** GET /payroll-runs/{id}/decisions?limit=&after= (payroll): one page of the run's decisions. */
import * as z from 'zod';
import { participantIdSchema } from '../decisions/period-schema.js';

export const runPathSchema = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, { message: 'must be a payroll run id' }) });

export const runDecisionsQuerySchema = z.strictObject({
  /** Page size, 1–500 (default 100). */
  limit: z
    .string()
    .regex(/^\d{1,3}$/, { message: 'must be a whole number from 1 to 500' })
    .transform(Number)
    .refine((n) => n >= 1 && n <= 500, { message: 'must be a whole number from 1 to 500' })
    .optional(),
  /** The last participant id of the previous page (`nextAfter`). */
  after: participantIdSchema.optional(),
});
