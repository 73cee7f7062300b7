/**
 * What payroll sees of a released run's export job: status, phase and
 * progress, and when it is ready the file's name, size, line count and
 * sha256. Never the store's key or a link: links come one at a time from
 * POST /payroll-runs/{id}/export/links, each audit-logged.
 */
import type { ExportJobResponse } from '../../contract/responses.js';
import type { ExportJob } from '../../domain/payroll/export-job.js';
import { exportPercent } from '../../domain/payroll/export-job.js';

/** The contract's answer (shared/contract/responses.ts), built here. */
export type ExportJobView = ExportJobResponse;

export function exportJobView(runId: string, job: ExportJob | undefined): ExportJobView {
  if (job === undefined) return { runId, status: 'NOT_STARTED', phase: null, percent: 0, done: 0, total: 0, attempts: 0, requestedAt: null, updatedAt: null, failure: null, file: null };
  return {
    runId,
    status: job.status,
    phase: job.phase,
    percent: exportPercent(job),
    done: job.done,
    total: job.total,
    attempts: job.attempts,
    requestedAt: job.requestedAt,
    updatedAt: job.updatedAt,
    failure: job.failure,
    file: job.file === null ? null : { filename: job.file.filename, sha256: job.file.sha256, lines: job.file.lines, bytes: job.file.bytes },
  };
}
