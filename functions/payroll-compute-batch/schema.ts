/** Workflow input of a ComputeBatch iteration: the run id and the batch number (the Map item). */
import * as z from 'zod';
import { RUN_ID } from '../../shared/features/payroll/prepare-schema.js';

export const computeBatchInputSchema = z.strictObject({ runId: z.string().regex(RUN_ID), batch: z.number().int().min(0).max(99_999) });

export interface ComputeBatchOutput {
  batch: number;
  /** Decisions written by this invocation (0 for a retried or resumed batch that found them all). */
  written: number;
}
