/** Workflow input of the FailRun task: the run id and the caught error's name (never its cause: it could echo data). */
import * as z from 'zod';
import { RUN_ID } from '../../shared/features/payroll/prepare-schema.js';

export const failRunInputSchema = z.strictObject({ runId: z.string().regex(RUN_ID), error: z.string().max(256) });
