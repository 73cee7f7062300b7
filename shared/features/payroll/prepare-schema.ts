/** Workflow input of the Prepare task: the run id only (payloads carry ids, never personal data). */
import * as z from 'zod';

export const RUN_ID = /^run-[A-Za-z0-9_-]{1,64}$/;

export const prepareInputSchema = z.strictObject({ runId: z.string().regex(RUN_ID) });

export interface PrepareOutput {
  /** Batch numbers 0..n-1: the Map's items (the ids stay in the PayrollRuns table). */
  batches: number[];
  participants: number;
}
