/** Workflow input of the ExportFile task: the run id only (payloads carry ids, never personal data). */
import * as z from 'zod';
import { RUN_ID } from '../../shared/features/payroll/prepare-schema.js';

export const exportFileInputSchema = z.strictObject({ runId: z.string().regex(RUN_ID) });

export interface ExportFileOutput {
  /** READY: the file is written (now or earlier); SUPERSEDED: a newer attempt took over, this one stopped. */
  status: 'READY' | 'SUPERSEDED';
}
