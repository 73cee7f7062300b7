/**
 * What payroll sees of a released run's export job: status, phase and
 * progress, and when it is ready the file's name, size, line count and
 * sha256. Never the store's key or a link: links come one at a time from
 * POST /payroll-runs/{id}/export/links, each audit-logged.
 */
import type { ExportJob, ExportJobStatus, ExportPhase } from '../../domain/payroll/export-job.js';
import { exportPercent } from '../../domain/payroll/export-job.js';

export interface ExportJobView {
  runId: string;
  /** NOT_STARTED: a released run whose job was never made (POST …/export makes it). */
  status: ExportJobStatus | 'NOT_STARTED';
  phase: ExportPhase | null;
  percent: number;
  /** Participants whose access-log entry is written, of `total` (the file's lines). */
  done: number;
  total: number;
  attempts: number;
  requestedAt: string | null;
  updatedAt: string | null;
  failure: string | null;
  file: { filename: string; sha256: string; lines: number; bytes: number } | null;
}

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
