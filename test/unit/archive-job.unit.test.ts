/** The archive package job's rules (shared/domain/reports/archive-job.ts): ids, keys, when a job is still being made, how a stopped one shows. */
import { ARCHIVE_START_GRACE_MS, archiveFilename, archiveInProgress, archiveJobId, archiveObjectKey, effectiveArchiveJob, newArchiveJob, parseArchiveJobId, type ArchiveJob } from '../../shared/domain/reports/archive-job.js';

const AT = '2026-12-01T10:00:00.000Z';
const T = Date.parse(AT);
const job = (status: ArchiveJob['status']): ArchiveJob => ({ ...newArchiveJob('5001', '2026-10', 3, 'staff-a', 'admin', AT), status });

test('ids name municipality, month and attempt, and parse back; anything else is not an id', () => {
  expect(archiveJobId('5001', '2026-10', 3)).toBe('archive-5001-2026-10-3');
  expect(parseArchiveJobId('archive-5001-2026-10-3')).toEqual({ municipality: '5001', period: '2026-10', attempt: 3 });
  for (const bad of ['archive-5001-2026-13-1', 'archive-501-2026-10-1', 'archive-5001-2026-10-', 'run-1', 'archive-5001-2026-10-1/../x', 'archive-5001-2026-10-1234567']) expect(parseArchiveJobId(bad)).toBeUndefined();
});

test('a new job is PENDING, built by the execution of its own name, stored under exports/archive/', () => {
  const j = newArchiveJob('5001', '2026-10', 3, 'staff-a', 'admin', AT);
  expect(j).toMatchObject({ jobId: 'archive-5001-2026-10-3', executionName: 'archive-5001-2026-10-3', status: 'PENDING', attempt: 3, requestedBy: 'staff-a', requestedRole: 'admin', failure: null, file: null });
  expect(archiveObjectKey(j)).toBe('exports/archive/5001/2026-10/archive-5001-2026-10-3.zip');
  expect(archiveFilename(j)).toBe('archive-5001-2026-10-3.zip');
});

test('in progress: RUNNING while its execution runs; PENDING while it runs or within the start grace; READY and FAILED never', () => {
  expect(archiveInProgress(job('RUNNING'), true, T)).toBe(true);
  expect(archiveInProgress(job('RUNNING'), false, T)).toBe(false);
  expect(archiveInProgress(job('PENDING'), true, T + 10 * ARCHIVE_START_GRACE_MS)).toBe(true);
  expect(archiveInProgress(job('PENDING'), false, T + ARCHIVE_START_GRACE_MS)).toBe(true);
  expect(archiveInProgress(job('PENDING'), false, T + ARCHIVE_START_GRACE_MS + 1)).toBe(false);
  expect(archiveInProgress(job('READY'), true, T)).toBe(false);
  expect(archiveInProgress(job('FAILED'), true, T)).toBe(false);
});

test('a job whose execution ended unfinished shows FAILED ARCHIVE_JOB_STOPPED; others show as they are', () => {
  expect(effectiveArchiveJob(job('RUNNING'), false, T)).toMatchObject({ status: 'FAILED', failure: 'ARCHIVE_JOB_STOPPED' });
  expect(effectiveArchiveJob(job('PENDING'), false, T + ARCHIVE_START_GRACE_MS + 1)).toMatchObject({ status: 'FAILED', failure: 'ARCHIVE_JOB_STOPPED' });
  for (const j of [job('RUNNING'), job('READY'), { ...job('FAILED'), failure: 'ARCHIVE_FONT_UNAVAILABLE' }]) expect(effectiveArchiveJob(j, true, T)).toBe(j);
  expect(effectiveArchiveJob(job('READY'), false, T).status).toBe('READY');
  expect(effectiveArchiveJob({ ...job('FAILED'), failure: 'X' }, false, T).failure).toBe('X');
});
