/**
 * Workflow task ArchivePackage (shared/domain/reports/archive-job.ts): builds
 * the archive package of a job's municipality and month
 * (archive-package.ts), writes one staff-read entry
 * per participant in it on behalf of the admin who asked (purpose
 * `archive-export`) before the file exists, and writes the ZIP once
 * (create-only) to the exports store. Idempotent: a retry of a job whose file
 * is already written takes the stored file (the first bytes stay the file).
 * A job that can never succeed (no font, unknown job) is marked FAILED with
 * its code; a transient error is retried by the state machine, and a job
 * whose execution ended without finishing shows as ARCHIVE_JOB_STOPPED.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { archiveFontPath } from '../../shared/adapters/archive-assets.js';
import type { Deps } from '../../shared/adapters/deps.js';
import { PermanentTaskError, classify } from '../../shared/adapters/workflow-task.js';
import { zip } from '../../shared/adapters/zip.js';
import { ROLES, type Role } from '../../shared/contract/roles.js';
import { archiveFilename, archiveObjectKey, parseArchiveJobId, type ArchiveJob } from '../../shared/domain/reports/archive-job.js';
import { recordReportReads } from '../../shared/features/reports/nir-inputs.js';
import { buildArchivePackage } from './archive-package.js';

/** The route the package was asked for on (the access-log entries name it). */
export const ARCHIVE_START_ROUTE = 'POST /reports/archive-jobs';
export const ARCHIVE_PURPOSE = 'archive-export';

/** The participant's language on their file, where the file has one (the pages' language setting). */
const languageOf = (deps: Deps) => async (pid: string) => {
  const profile = (await deps.participants.getProfile(pid)) as { language?: unknown } | undefined;
  return typeof profile?.language === 'string' ? profile.language : undefined;
};

async function build(deps: Deps, job: ArchiveJob): Promise<void> {
  if (!existsSync(archiveFontPath(process.env))) throw new PermanentTaskError('ARCHIVE_FONT_UNAVAILABLE');
  if (!(ROLES as readonly string[]).includes(job.requestedRole)) throw new PermanentTaskError('ARCHIVE_JOB_INVALID');
  // The package's date is the request's: a retry computes the same bytes from the same data.
  const pkg = await buildArchivePackage(deps, job.municipality, job.period, job.requestedAt, languageOf(deps));
  await recordReportReads(deps, { actorRef: job.requestedBy, role: job.requestedRole as Role }, pkg.manifest.records.map((r) => r.caseFile.party.participantId), ARCHIVE_PURPOSE, ARCHIVE_START_ROUTE);
  const bytes = zip(pkg.entries, new Date(job.requestedAt));
  const key = archiveObjectKey(job);
  let stored = { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
  if ((await deps.exportStore.putOnce(key, bytes)) === 'exists') {
    // An earlier try of this attempt wrote it: that file is the package.
    const head = await deps.exportStore.head(key);
    if (head === undefined) throw new Error('ARCHIVE_FILE_VANISHED');
    stored = head;
  }
  const file = { key, filename: archiveFilename(job), ...stored, records: pkg.manifest.records.length, missing: pkg.manifest.records.reduce((n, r) => n + r.missing.length, 0) };
  await deps.archiveJobs.markReady(job, file, deps.clock.now().toISOString());
}

export async function buildArchiveJob(deps: Deps, jobId: string): Promise<{ status: ArchiveJob['status'] }> {
  const ref = parseArchiveJobId(jobId);
  const job = ref === undefined ? undefined : await deps.archiveJobs.get(ref.municipality, ref.period, ref.attempt);
  if (job === undefined) throw new PermanentTaskError('ARCHIVE_JOB_UNKNOWN');
  // The item must be what its key says: a package is built only for the municipality and month its id names.
  if (job.jobId !== jobId || job.municipality !== ref!.municipality || job.period !== ref!.period || job.attempt !== ref!.attempt) throw new PermanentTaskError('ARCHIVE_JOB_INVALID');
  if (job.status === 'READY' || job.status === 'FAILED') return { status: job.status };
  await deps.archiveJobs.markRunning(job, deps.clock.now().toISOString());
  try {
    await build(deps, job);
    return { status: 'READY' };
  } catch (err) {
    const e = classify(err);
    if (e instanceof PermanentTaskError) await deps.archiveJobs.markFailed(job, e.code, deps.clock.now().toISOString());
    throw e;
  }
}
