/**
 * The archive package job's requests (shared/domain/reports/archive-job.ts;
 * routes in shared/contract/routes-reports.ts), for an admin of the
 * municipality:
 *
 * - start: a new package of the month, unless one is being made (that one
 *   is returned). Racing requests make one attempt: the attempt is written
 *   create-only; the loser reads the winner's back. The start is written to
 *   the municipality's archive audit chain before the execution starts.
 * - status: another municipality's job is not found (its ids are not secret,
 *   so it must not say more).
 * - link: only for a READY package; written to the audit chain (who, when)
 *   before the link is handed out (503 AUDIT_UNAVAILABLE otherwise).
 */
import { recordAudited } from '../../adapters/decision-reviews-repo.js';
import type { Deps } from '../../adapters/deps.js';
import { linkExpiresAt } from '../../domain/payroll/export-job.js';
import { archiveFilename, archiveInProgress, archiveObjectKey, effectiveArchiveJob, newArchiveJob, parseArchiveJobId, type ArchiveJob } from '../../domain/reports/archive-job.js';
import type { AuthContext } from '../../http/auth.js';
import { ConflictError, NotFoundError } from '../../http/errors.js';

export const ARCHIVE_START_PURPOSE = 'archive-export';
export const ARCHIVE_LINK_PURPOSE = 'archive-download';

/** The audit chain of a municipality's archive packages (beside participants' chains and runs' RUN#…). */
export const archiveAuditChain = (municipality: string): string => `ARCHIVE#${municipality}`;

export interface ArchiveJobView {
  jobId: string;
  period: string;
  attempt: number;
  status: ArchiveJob['status'];
  requestedAt: string;
  updatedAt: string;
  failure: string | null;
  file: { filename: string; sha256: string; bytes: number; records: number; missing: number } | null;
}

export function archiveJobView(job: ArchiveJob): ArchiveJobView {
  const { jobId, period, attempt, status, requestedAt, updatedAt, failure, file } = job;
  return { jobId, period, attempt, status, requestedAt, updatedAt, failure, file: file === null ? null : { filename: file.filename, sha256: file.sha256, bytes: file.bytes, records: file.records, missing: file.missing } };
}

const running = async (deps: Deps, job: ArchiveJob): Promise<boolean> => (job.status === 'PENDING' || job.status === 'RUNNING' ? deps.workflow.isRunning(job.executionName) : false);

export async function startArchiveJob(deps: Deps, auth: AuthContext, period: string, route: string): Promise<{ started: boolean; job: ArchiveJob }> {
  for (let round = 0; round < 5; round++) {
    const latest = await deps.archiveJobs.latest(auth.municipality, period);
    const now = deps.clock.now();
    if (latest !== undefined && archiveInProgress(latest, await running(deps, latest), now.getTime())) return { started: false, job: latest };
    const at = now.toISOString();
    const next = newArchiveJob(auth.municipality, period, (latest?.attempt ?? 0) + 1, auth.actorRef, auth.role, at);
    if ((await deps.archiveJobs.create(next)) === 'lost') continue;
    await recordAudited(deps.audit, { participantId: archiveAuditChain(auth.municipality), at, actorRef: auth.actorRef, actorRole: auth.role, action: 'WRITE', purpose: ARCHIVE_START_PURPOSE, route });
    await deps.workflow.start(next.jobId, next.executionName, 'archive');
    return { started: true, job: next };
  }
  throw new ConflictError('ARCHIVE_IN_PROGRESS', 'The archive package is being started by another request right now; reload and try again');
}

/** The caller's municipality's job, as it stands (a job whose execution ended unfinished is FAILED ARCHIVE_JOB_STOPPED). */
export async function loadArchiveJob(deps: Deps, auth: AuthContext, jobId: string): Promise<ArchiveJob> {
  const ref = parseArchiveJobId(jobId);
  const job = ref === undefined || ref.municipality !== auth.municipality ? undefined : await deps.archiveJobs.get(ref.municipality, ref.period, ref.attempt);
  // The item must be what its key says (someone writing the table directly could say otherwise): else it is not this job.
  if (job === undefined || !isWhatItsIdSays(job, jobId)) throw new NotFoundError('No archive package job with this id in your municipality', 'ARCHIVE_JOB_NOT_FOUND');
  return effectiveArchiveJob(job, await running(deps, job), deps.clock.now().getTime());
}

/** The job's own fields agree with its id, and its file (if any) is the one its id names: no link to another file. */
function isWhatItsIdSays(job: ArchiveJob, jobId: string): boolean {
  const ref = parseArchiveJobId(jobId);
  return (
    ref !== undefined &&
    job.jobId === jobId &&
    job.municipality === ref.municipality &&
    job.period === ref.period &&
    job.attempt === ref.attempt &&
    (job.file === null || (job.file.key === archiveObjectKey(job) && job.file.filename === archiveFilename(job)))
  );
}

export interface ArchiveLinkView {
  url: string;
  expiresAt: string;
  filename: string;
  sha256: string;
  bytes: number;
}

export async function createArchiveLink(deps: Deps, auth: AuthContext, jobId: string, route: string): Promise<ArchiveLinkView> {
  const job = await loadArchiveJob(deps, auth, jobId);
  if (job.status === 'FAILED') throw new ConflictError('ARCHIVE_FAILED', `This archive package was not made (${job.failure ?? 'unknown'}); start a new one`);
  if (job.file === null) throw new ConflictError('ARCHIVE_NOT_READY', 'The archive package is still being made; its progress is at GET /reports/archive-jobs/{id}');
  const now = deps.clock.now();
  const expires = linkExpiresAt(now.getTime());
  await recordAudited(deps.audit, { participantId: archiveAuditChain(auth.municipality), at: now.toISOString(), actorRef: auth.actorRef, actorRole: auth.role, action: 'READ', purpose: ARCHIVE_LINK_PURPOSE, route });
  const url = await deps.exportStore.link(job.file.key, job.file.filename, now.getTime(), expires);
  return { url, expiresAt: new Date(expires * 1000).toISOString(), filename: job.file.filename, sha256: job.file.sha256, bytes: job.file.bytes };
}
