/** Workflow input of the ExportFailed task: the run id and the caught error's name (never its cause: it could echo data). */
import * as z from 'zod';
import { RUN_ID } from '../../shared/features/payroll/prepare-schema.js';

export const exportFailedInputSchema = z.strictObject({ runId: z.string().regex(RUN_ID), error: z.string().max(256) });
