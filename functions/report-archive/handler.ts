/**
 * The archive package of the admin's municipality's month as a job
 * (shared/features/reports/archive-jobs.ts; the package: functions/report-archive-build/archive-package.ts,
 * docs/archive.md). One function serves the three routes, chosen by the
 * route key (shared/http/route-dispatch.ts):
 * - POST /reports/archive-jobs {period}: 202 with a new job (its build runs in
 *   the payroll workflow's ArchivePackage task, functions/report-archive-build),
 *   or 200 with the one being made;
 * - GET /reports/archive-jobs/{id}: its status (READY with the file's sha256,
 *   size, records and missing languages);
 * - POST /reports/archive-jobs/{id}/links: 201 with a short-lived,
 *   audit-logged download link (shared/adapters/export-store.ts).
 */
import * as z from 'zod';
import { ARCHIVE_JOB_ID } from '../../shared/domain/reports/archive-job.js';
import { periodSchema } from '../../shared/features/decisions/period-schema.js';
import { archiveJobView, createArchiveLink, loadArchiveJob, startArchiveJob } from '../../shared/features/reports/archive-jobs.js';
import { created, httpHandler, ok } from '../../shared/http/middleware.js';
import { dispatchByRoute } from '../../shared/http/route-dispatch.js';

const FN = 'report-archive';
const R = { start: 'POST /reports/archive-jobs', status: 'GET /reports/archive-jobs/{id}', link: 'POST /reports/archive-jobs/{id}/links' } as const;
const startSchema = z.strictObject({ period: periodSchema });
const jobPathSchema = z.strictObject({ id: z.string().regex(ARCHIVE_JOB_ID, 'an archive job id: archive-<municipality>-<YYYY-MM>-<attempt>') });

const start = httpHandler({ fn: FN, route: R.start, body: startSchema }, async ({ auth, body, deps, log }) => {
  const { started, job } = await startArchiveJob(deps, auth, body.period, R.start);
  log.append({ jobId: job.jobId, started, archiveStatus: job.status });
  return { status: started ? 202 : 200, body: archiveJobView(job) };
});

const status = httpHandler({ fn: FN, route: R.status, path: jobPathSchema }, async ({ auth, path, deps, log }) => {
  const job = await loadArchiveJob(deps, auth, path.id);
  log.append({ jobId: job.jobId, archiveStatus: job.status });
  return ok(archiveJobView(job));
});

const link = httpHandler({ fn: FN, route: R.link, path: jobPathSchema }, async ({ auth, path, deps, log }) => {
  log.append({ jobId: path.id });
  return created(await createArchiveLink(deps, auth, path.id, R.link));
});

export const handler = dispatchByRoute(FN, { [R.start]: start, [R.status]: status, [R.link]: link });
