/**
 * The export of a released payroll run as a job (architecture.md flow 4):
 * the CSV for the municipality's payroll system is made once, after the
 * two-person release, by an asynchronous step, written to a file store, and
 * handed out as short-lived links. No request waits for work that grows with
 * the run: a request starts the job, reads its progress, or gets a link.
 *
 * A job runs in attempts (an attempt is one workflow execution): a new one is
 * started only when there is none yet, when the last one FAILED, or when it
 * stopped without finishing (its execution is no longer running). The file is
 * written create-only, so however many attempts there are, every download
 * gives the bytes of the first file (the run's decisions and resolutions are
 * frozen at release; an attempt that computes other bytes fails with
 * EXPORT_CHANGED instead of replacing them). Pure: who and when are arguments.
 */

export type ExportJobStatus = 'PENDING' | 'RUNNING' | 'READY' | 'FAILED';

/**
 * QUEUED: waiting for its execution; READING: the run's decisions; ACCESS_LOG:
 * one access-log entry per participant on the file (S6), before the file
 * exists; WRITING: the file; DONE: ready to download.
 */
export type ExportPhase = 'QUEUED' | 'READING' | 'ACCESS_LOG' | 'WRITING' | 'DONE';

export interface ExportFile {
  /** The file store's key (an S3 object key on AWS, a path under the export folder locally). */
  key: string;
  /** What a download saves the file as. */
  filename: string;
  /** sha256 of the bytes, hex: payroll can check the import; every download has these bytes. */
  sha256: string;
  /** Data lines (one per participant), without the header. */
  lines: number;
  bytes: number;
}

export interface ExportJob {
  runId: string;
  status: ExportJobStatus;
  phase: ExportPhase;
  /** Within ACCESS_LOG: participants whose access-log entry is written, of `total`. */
  done: number;
  /** Participants on the file (0 until READING has counted them). */
  total: number;
  /** 1 for the job started by the release; +1 for every restart. */
  attempts: number;
  /** The execution of the current attempt. */
  executionName: string;
  /** Pseudonymous staff ref of whoever released the run or asked for the attempt (the file is made on their behalf). */
  requestedBy: string;
  requestedAt: string;
  updatedAt: string;
  failure: string | null;
  file: ExportFile | null;
}

/** How long a download link works: long enough to click it, short enough that a forwarded link is useless soon after. */
export const LINK_TTL_SECONDS = 120;

/** The execution name of an attempt (unique per run and attempt; Step Functions keeps names 90 days). */
export const exportExecutionName = (runId: string, attempt: number): string => `${runId}-export-${attempt}`;

export function newExportJob(runId: string, by: string, at: string, attempt = 1): ExportJob {
  return {
    runId,
    status: 'PENDING',
    phase: 'QUEUED',
    done: 0,
    total: 0,
    attempts: attempt,
    executionName: exportExecutionName(runId, attempt),
    requestedBy: by,
    requestedAt: at,
    updatedAt: at,
    failure: null,
    file: null,
  };
}

/**
 * How long a PENDING attempt counts as starting even though its execution is
 * not seen yet: the request that wrote it starts the execution right after
 * (a second request in between must not start another attempt).
 */
export const START_GRACE_MS = 60_000;

/**
 * Whether a request at `nowMs` must start a new attempt: there is no job
 * yet, the last attempt failed, or its execution no longer runs (a crashed
 * start, a stopped local process) and it is not an attempt still being
 * started. A READY job never restarts.
 */
export function needsNewAttempt(job: ExportJob | undefined, executionRunning: boolean, nowMs: number): boolean {
  if (job === undefined) return true;
  switch (job.status) {
    case 'READY':
      return false;
    case 'FAILED':
      return true;
    case 'PENDING':
      return !executionRunning && nowMs - Date.parse(job.updatedAt) > START_GRACE_MS;
    case 'RUNNING':
      return !executionRunning;
  }
}

/**
 * The attempt after `job` (or the first), requested by `by` at `at`. The
 * access-log entries an earlier attempt wrote stay written: the next attempt
 * continues after them (`done` of `total`) instead of writing them twice.
 */
export function nextAttempt(job: ExportJob | undefined, runId: string, by: string, at: string): ExportJob {
  const next = newExportJob(runId, by, at, (job?.attempts ?? 0) + 1);
  return job === undefined ? next : { ...next, done: job.done, total: job.total };
}

/** Progress for the payroll page and CLI, 0–100: reading 5, access log 10–90 by participants, writing 95, done 100. */
export function exportPercent(job: Pick<ExportJob, 'phase' | 'done' | 'total'>): number {
  switch (job.phase) {
    case 'QUEUED':
      return 0;
    case 'READING':
      return 5;
    case 'ACCESS_LOG':
      return 10 + Math.floor((80 * Math.min(job.done, job.total)) / Math.max(1, job.total));
    case 'WRITING':
      return 95;
    case 'DONE':
      return 100;
  }
}

/** The file's name for the payroll system (the store's key adds nothing personal: municipality, month, run id). */
export const exportFilename = (run: { municipalityCode: string; period: string; runId: string }): string => `introflyt-${run.municipalityCode}-${run.period}-${run.runId}.csv`;

/** Where the file lives in the store: by municipality and month, one file per run. */
export const exportObjectKey = (run: { municipalityCode: string; period: string; runId: string }): string => `exports/${run.municipalityCode}/${run.period}/${run.runId}.csv`;

/** A link's expiry: `LINK_TTL_SECONDS` after `nowMs`, in whole seconds since the epoch (what signatures carry). */
export const linkExpiresAt = (nowMs: number, ttlSeconds = LINK_TTL_SECONDS): number => Math.floor(nowMs / 1000) + ttlSeconds;
