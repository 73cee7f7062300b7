/** POST /payroll-runs (payroll): start the month's run for the caller's municipality. */
import * as z from 'zod';
import type { PayrollRun } from '../../adapters/payroll-runs-repo.js';
import type { RunViewResponse } from '../../contract/responses.js';

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
  /** `you` (GET /payroll-runs/{id}): this approval is the caller's; `name`: the name or unit the municipality shows for the approver. */
  approvals: (PayrollRun['approvals'][number] & { you?: boolean; name?: string })[];
  /** Only when the view is for a known caller: they are one of the approvers (the page hides its approve button then). */
  approvedByYou?: boolean;
  failure: string | null;
  releasedAt: string | null;
  export: PayrollRun['export'];
  updatedAt: string;
}

/**
 * `viewer`: the caller's staff ref, when the answer is for them (GET /payroll-runs/{id});
 * `names`: approvers' names by staff ref (staff-directory.ts `staffNamesByRef`, the run's own municipality only).
 */
export function runView(run: PayrollRun, viewer?: string, names?: ReadonlyMap<string, string>): RunView {
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
    approvals:
      viewer === undefined
        ? run.approvals
        : run.approvals.map((a) => {
            const name = names?.get(a.userId);
            return { ...a, you: a.userId === viewer, ...(name === undefined ? {} : { name }) };
          }),
    ...(viewer === undefined ? {} : { approvedByYou: run.approvals.some((a) => a.userId === viewer) }),
    failure: run.failure,
    releasedAt: run.releasedAt,
    export: run.export,
    updatedAt: run.updatedAt,
  } satisfies RunViewResponse;
}
