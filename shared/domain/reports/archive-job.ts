/**
 * The archive package of a municipality's month as a job (issue 12 item 5;
 * the payroll export's pattern, shared/domain/payroll/export-job.ts): a
 * request starts it, the payroll workflow's ArchivePackage task builds the
 * package outside any request (no 6 MB response cap, no API timeout), writes
 * it once (create-only) to the exports store, and the admin fetches a
 * short-lived, audit-logged link. Pure: who and when are arguments.
 *
 * Attempts: each start is a new package (attempt n+1) of the month as it is
 * then — a later released run, or a new explanation version, belongs in the
 * archive — unless one is being made: an attempt still starting (within
 * START_GRACE_MS) or running keeps answering until it ends, so repeated
 * clicks never start a second build.
 */

export type ArchiveJobStatus = 'PENDING' | 'RUNNING' | 'READY' | 'FAILED';

export interface ArchiveFileRef {
  key: string;
  filename: string;
  sha256: string;
  bytes: number;
  /** Decisions (records) in the package. */
  records: number;
  /** Languages recorded as missing, over all records (the manifest says which and why). */
  missing: number;
}

export interface ArchiveJob {
  jobId: string;
  municipality: string;
  period: string;
  attempt: number;
  status: ArchiveJobStatus;
  /** The workflow execution that builds it (its name is the job id). */
  executionName: string;
  /** Pseudonymous staff ref and role of the admin who asked (the package's access-log entries are theirs). */
  requestedBy: string;
  requestedRole: string;
  requestedAt: string;
  updatedAt: string;
  /** A stable code when FAILED. */
  failure: string | null;
  file: ArchiveFileRef | null;
}

/** A PENDING job whose execution is not seen yet counts as starting for this long (the request starts it right after writing it). */
export const ARCHIVE_START_GRACE_MS = 60_000;

export const ARCHIVE_JOB_ID = /^archive-[0-9]{4}-[0-9]{4}-(0[1-9]|1[0-2])-[0-9]{1,6}$/;

export const archiveJobId = (municipality: string, period: string, attempt: number): string => `archive-${municipality}-${period}-${attempt}`;

/** municipality, period and attempt back from a job id (undefined for anything else). */
export function parseArchiveJobId(jobId: string): { municipality: string; period: string; attempt: number } | undefined {
  if (!ARCHIVE_JOB_ID.test(jobId)) return undefined;
  const [, municipality, year, month, attempt] = jobId.split('-') as [string, string, string, string, string];
  return { municipality, period: `${year}-${month}`, attempt: Number(attempt) };
}

/** Under the exports prefix (the bucket's grants and lifecycle cover it), one file per attempt. */
export const archiveObjectKey = (job: Pick<ArchiveJob, 'municipality' | 'period' | 'jobId'>): string => `exports/archive/${job.municipality}/${job.period}/${job.jobId}.zip`;
export const archiveFilename = (job: Pick<ArchiveJob, 'jobId'>): string => `${job.jobId}.zip`;

export function newArchiveJob(municipality: string, period: string, attempt: number, by: string, role: string, at: string): ArchiveJob {
  const jobId = archiveJobId(municipality, period, attempt);
  return { jobId, municipality, period, attempt, status: 'PENDING', executionName: jobId, requestedBy: by, requestedRole: role, requestedAt: at, updatedAt: at, failure: null, file: null };
}

/** Whether `job` is still being made at `nowMs`, given whether its execution runs. */
export function archiveInProgress(job: ArchiveJob, executionRunning: boolean, nowMs: number): boolean {
  switch (job.status) {
    case 'READY':
    case 'FAILED':
      return false;
    case 'PENDING':
      return executionRunning || nowMs - Date.parse(job.updatedAt) <= ARCHIVE_START_GRACE_MS;
    case 'RUNNING':
      return executionRunning;
  }
}

/**
 * What the admin is shown: a job whose execution ended without the job
 * saying so (a timeout, retries used up) is FAILED with ARCHIVE_JOB_STOPPED.
 */
export function effectiveArchiveJob(job: ArchiveJob, executionRunning: boolean, nowMs: number): ArchiveJob {
  if (job.status === 'READY' || job.status === 'FAILED' || archiveInProgress(job, executionRunning, nowMs)) return job;
  return { ...job, status: 'FAILED', failure: 'ARCHIVE_JOB_STOPPED' };
}
