/**
 * ExportFile: the export job of a released run (shared/domain/payroll/export-job.ts).
 *
 * 1. READING: the run's month decisions (summaries, by key for the run's participants),
 *    the corrections paid with it (marker items), the resolutions of its
 *    formal decisions and every participant's payroll reference (BatchGetItem).
 * 2. The CSV for the payroll system, one line per participant
 *    (shared/domain/payroll/export-rows.ts: municipality, month, pseudonymous
 *    payroll reference, gross, deduction, payout, decision id, back-payment,
 *    corrected decision ids; nothing about health), RFC 4180 with CRLF. The
 *    amounts are what the participants' explanations say is paid
 *    (shared/domain/payroll/payout-steps.ts): the month as an adviser
 *    resolved it, and each back-payment measured against what its month
 *    had paid (run-decisions.ts `backPaymentAmount`).
 * 3. ACCESS_LOG: each participant on the file gets a staff-read entry in their
 *    access log (their payout is personal data, S6), on behalf of the payroll
 *    user who released the run or asked for the attempt, BEFORE the file
 *    exists; progress is recorded every CHECKPOINT participants, and a later
 *    attempt continues after the last checkpoint.
 * 4. WRITING: the file, create-only. If a file is already there (an earlier
 *    attempt wrote it) it must have these bytes; anything else fails with
 *    EXPORT_CHANGED instead of a second, different file that could be paid
 *    twice. Then the run records the export and the job is READY.
 *
 * A newer attempt takes over from this one (its progress reports are
 * refused): this one stops at its next report and writes nothing more.
 * The payroll reference is the one made at registration; a participant
 * registered without one (seeded before references existed) is exported
 * under their participant id, which is pseudonymous too.
 */
import { mapLimited } from '../../shared/adapters/map-limited.js';
import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { Deps } from '../../shared/adapters/deps.js';
import type { ParticipantProfile } from '../../shared/adapters/participant-files-repo.js';
import type { ExportProgress } from '../../shared/adapters/payroll-runs-repo.js';
import { PermanentTaskError } from '../../shared/adapters/workflow-task.js';
import { versionKey } from '../../shared/domain/payroll/decision-versions.js';
import { exportFilename, exportObjectKey } from '../../shared/domain/payroll/export-job.js';
import type { BackPayment, ExportEntry } from '../../shared/domain/payroll/export-rows.js';
import { EXPORT_COLUMNS, exportRecord, exportRows } from '../../shared/domain/payroll/export-rows.js';
import { allRunMonth, backPayments, reviewOf, runCorrections } from '../../shared/features/payroll/run-decisions.js';
import type { ExportFileOutput } from './schema.js';

export const PURPOSE = 'payroll-export';
/** Access-log entries written between two progress reports (a later attempt repeats at most this many). */
export const CHECKPOINT = 250;
/** Access-log entries written at once. */
const PARALLEL = 16;

export interface ExportFileDeps {
  /** The dependency object: decisions, resolutions (reviews), runs (payrollRuns), the file store (exportStore), the clock. */
  deps: Deps;
  /** Profiles by participant id, 100 per BatchGetItem. */
  getProfiles: (ids: readonly string[]) => Promise<Map<string, ParticipantProfile>>;
}

/** The run's CSV and the participants on it, by participant id. */
async function buildCsv(x: ExportFileDeps, run: Parameters<typeof allRunMonth>[1]): Promise<{ csv: Buffer; lines: number; participants: string[] }> {
  const [decisions, corrections] = await Promise.all([allRunMonth(x.deps, run), runCorrections(x.deps, run)]);
  const [paidBack, resolutions] = await Promise.all([backPayments(x.deps, corrections), x.deps.reviews.getMany(decisions.filter((d) => reviewOf(d) === 'VEDTAK_REQUIRED'))]);
  const participants = [...new Set([...decisions, ...paidBack].map((d) => d.participantId))].sort();
  const profiles = await x.getProfiles(participants);
  const refOf = (pid: string) => profiles.get(pid)?.payrollRef ?? pid;
  const entries = decisions.map(
    (d): ExportEntry => ({
      participantId: d.participantId,
      period: d.period,
      version: d.version,
      decisionId: d.decisionId,
      payrollRef: refOf(d.participantId),
      decision: d.decision,
      ...(resolutions.has(versionKey(d)) ? { resolution: resolutions.get(versionKey(d))!.resolution } : {}),
    }),
  );
  const rows = exportRows(
    run,
    entries,
    paidBack.map((c): BackPayment => ({ participantId: c.participantId, payrollRef: refOf(c.participantId), decisionId: c.decisionId, amountOre: c.amountOre })),
  );
  // RFC 4180: a header line, CRLF line ends.
  const csv = stringify([[...EXPORT_COLUMNS], ...rows.map(exportRecord)], { record_delimiter: 'windows' });
  return { csv: Buffer.from(csv, 'utf8'), lines: rows.length, participants };
}

export async function exportFile(runId: string, x: ExportFileDeps): Promise<ExportFileOutput> {
  const now = () => x.deps.clock.now().toISOString();
  const run = await x.deps.payrollRuns.getRun(runId);
  if (run === undefined) throw new PermanentTaskError('RUN_NOT_FOUND');
  if (run.status !== 'RELEASED') throw new PermanentTaskError('RUN_NOT_RELEASED');
  const job = await x.deps.payrollRuns.getExportJob(runId);
  if (job === undefined) throw new PermanentTaskError('EXPORT_JOB_NOT_FOUND');
  if (job.status === 'READY') return { status: 'READY' };
  const report = (p: ExportProgress) => x.deps.payrollRuns.reportExportProgress(runId, job.attempts, p, now());
  if (!(await report({ status: 'RUNNING', phase: 'READING' }))) return { status: 'SUPERSEDED' };

  const { csv, lines, participants } = await buildCsv(x, run);
  const sha256 = createHash('sha256').update(csv).digest('hex');

  // An earlier attempt's entries stay written: continue after its last checkpoint (same run, same participants, same order).
  let done = job.total === participants.length ? Math.min(job.done, participants.length) : 0;
  if (!(await report({ phase: 'ACCESS_LOG', done, total: participants.length }))) return { status: 'SUPERSEDED' };
  while (done < participants.length) {
    const chunk = participants.slice(done, done + CHECKPOINT);
    const at = now();
    await mapLimited(chunk, PARALLEL, (participantId) => x.deps.audit.recordStaffRead({ actor: job.requestedBy, role: 'payroll', participantId, purpose: PURPOSE, route: 'workflow ExportFile', at }));
    done += chunk.length;
    if (!(await report({ phase: 'ACCESS_LOG', done }))) return { status: 'SUPERSEDED' };
  }

  if (!(await report({ phase: 'WRITING' }))) return { status: 'SUPERSEDED' };
  const key = exportObjectKey(run);
  if ((await x.deps.exportStore.putOnce(key, csv)) === 'exists' && (await x.deps.exportStore.head(key))?.sha256 !== sha256) throw new PermanentTaskError('EXPORT_CHANGED');
  const at = now();
  // The run's record names the file, not where the store keeps it.
  const recorded = await x.deps.payrollRuns.recordExport(runId, { exportId: exportFilename(run), at, by: job.requestedBy, lines, sha256 });
  if (recorded === 'exists' && (await x.deps.payrollRuns.getRun(runId))?.export?.sha256 !== sha256) throw new PermanentTaskError('EXPORT_CHANGED');
  await x.deps.payrollRuns.markExportReady(runId, { key, filename: exportFilename(run), sha256, lines, bytes: csv.length }, at);
  return { status: 'READY' };
}
