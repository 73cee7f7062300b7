/** GET /payroll-runs?period=YYYY-MM (payroll). */
import * as z from 'zod';
import { PERIOD } from '../../shared/features/payroll/run-view.js';

export const listRunsQuerySchema = z.strictObject({ period: z.string().regex(PERIOD, { message: 'must be a month, YYYY-MM' }).optional() });
