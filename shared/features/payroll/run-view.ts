/** POST /payroll-runs (payroll): start the month's run for the caller's municipality. */
import * as z from 'zod';
import type { PayrollRun } from '../../adapters/payroll-runs-repo.js';

export const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

export const startRunBodySchema = z.strictObject({
  period: z.string().regex(PERIOD, { message: 'must be a month, YYYY-MM' }),
});

/** What the payroll pages show of a run: ids, status, progress and amounts; no personal data. */
export interface RunView {
  runId: string;
  municipality: string;
  period: string;
  status: PayrollRun['status'];
  startedAt: string;
  startedBy: string;
  progress: { batches: number; batchesDone: number; participants: number; percent: number };
  totals: PayrollRun['totals'];
  approvals: PayrollRun['approvals'];
  failure: string | null;
  releasedAt: string | null;
  export: PayrollRun['export'];
  updatedAt: string;
}

export function runView(run: PayrollRun): RunView {
  const { batches, batchesDone, participants, prepared } = run.progress;
  // Prepare counts as the first step: a prepared run with no batch done shows a sliver, a summarised one 100 %.
  const percent = run.status === 'COMPUTING' ? (prepared ? Math.floor((100 * batchesDone) / Math.max(1, batches) * 0.99) : 0) : 100;
  return {
    runId: run.runId,
    municipality: run.municipalityCode,
    period: run.period,
    status: run.status,
    startedAt: run.startedAt,
    startedBy: run.startedBy,
    progress: { batches, batchesDone, participants, percent },
    totals: run.totals,
    approvals: run.approvals,
    failure: run.failure,
    releasedAt: run.releasedAt,
    export: run.export,
    updatedAt: run.updatedAt,
  };
}
