/** GET /payroll-runs/{id} (payroll). */
import * as z from 'zod';
import { RUN_ID } from '../../shared/features/payroll/prepare-schema.js';

export const runPathSchema = z.strictObject({ id: z.string().regex(RUN_ID, { message: 'must be a run id' }) });
