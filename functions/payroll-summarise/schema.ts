/** Workflow input of the Summarise task: the run id only. */
import * as z from 'zod';
import { RUN_ID } from '../../shared/features/payroll/prepare-schema.js';

export const summariseInputSchema = z.strictObject({ runId: z.string().regex(RUN_ID) });
