/**
 * The payroll export of a released run (architecture.md flow 4): CSV for the
 * municipality's payroll system, one line per participant (export-rows.ts:
 * municipality, month, pseudonymous payroll reference, gross, deduction,
 * payout, decision id, then the back-payment of corrected earlier months and
 * the corrected decisions' ids; nothing about health).
 *
 * - Only after the two-person release (409 RUN_NOT_RELEASED before).
 * - Audit: the run's chain gets the export entry and every participant on it
 *   a staff-read entry (their payout is personal data), all BEFORE the file
 *   is returned; if they cannot be written, no file (S6).
 * - The first download is recorded on the run (who, when, lines, sha256);
 *   later downloads must give the same bytes (the run's decisions and
 *   resolutions are frozen at release), else 409 EXPORT_CHANGED instead of
 *   a second, different file that could be paid twice.
 * - The payroll reference is the one made at registration; a participant
 *   registered without one (seeded before references existed) is exported
 *   under their participant id, which is pseudonymous too.
 */
import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { recordAudited } from '../../shared/adapters/decision-reviews-repo.js';
import type { Deps } from '../../shared/adapters/deps.js';
import type { BackPayment, ExportEntry } from '../../shared/domain/payroll/export-rows.js';
import { EXPORT_COLUMNS, exportRecord, exportRows } from '../../shared/domain/payroll/export-rows.js';
import { versionKey } from '../../shared/domain/payroll/decision-versions.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { ConflictError } from '../../shared/http/errors.js';
import { runAuditChain } from '../../shared/features/payroll/runs.js';
import { backPaymentAmount, backPayments, loadRun, runDecisions } from '../../shared/features/payroll/run-decisions.js';

export const PURPOSE = 'payroll-export';
const PARALLEL = 16;

export interface RunExportFile {
  filename: string;
  csv: string;
  sha256: string;
  lines: number;
}

async function inBatches<T, R>(items: readonly T[], f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += PARALLEL) out.push(...(await Promise.all(items.slice(i, i + PARALLEL).map(f))));
  return out;
}

export async function exportRun(deps: Deps, auth: AuthContext, runId: string, route: string): Promise<RunExportFile> {
  const run = await loadRun(deps, auth, runId);
  if (run.status !== 'RELEASED') throw new ConflictError('RUN_NOT_RELEASED', 'A run is exported only after two different payroll users have approved it');
  const set = await runDecisions(deps, run);
  const decisions = set.month;
  const paidBack = backPayments(set);
  const resolutions = await deps.reviews.getMany(decisions);
  const participants = [...new Set([...decisions, ...paidBack].map((d) => d.participantId))].sort();
  const refList = await inBatches(participants, async (pid) => (await deps.participants.getProfile(pid))?.payrollRef ?? pid);
  const refs = new Map(participants.map((pid, i) => [pid, refList[i]!]));
  const entries = decisions.map(
    (d): ExportEntry => ({
      participantId: d.participantId,
      period: d.period,
      version: d.version,
      decisionId: d.decisionId,
      payrollRef: refs.get(d.participantId)!,
      decision: d.decision,
      ...(resolutions.has(versionKey(d)) ? { resolution: resolutions.get(versionKey(d))!.resolution } : {}),
    }),
  );
  const rows = exportRows(
    run,
    entries,
    paidBack.map((d): BackPayment => ({ participantId: d.participantId, payrollRef: refs.get(d.participantId)!, decisionId: d.decisionId, amountOre: backPaymentAmount(set, d) })),
  );
  // RFC 4180: a header line, CRLF line ends.
  const csv = stringify([[...EXPORT_COLUMNS], ...rows.map(exportRecord)], { record_delimiter: 'windows' });
  const sha256 = createHash('sha256').update(csv, 'utf8').digest('hex');

  const at = deps.clock.now().toISOString();
  await recordAudited(deps.audit, { participantId: runAuditChain(runId), at, actorRef: auth.actorRef, actorRole: auth.role, action: 'READ', purpose: PURPOSE, route });
  await inBatches(participants, (participantId) => deps.audit.recordStaffRead({ actor: auth.actorRef, role: auth.role, participantId, purpose: PURPOSE, route, at }));
  const recorded = await deps.payrollRuns.recordExport(runId, { exportId: `${runId}.export`, at, by: auth.actorRef, lines: rows.length, sha256 });
  if (recorded === 'exists') {
    const first = (await deps.payrollRuns.getRun(runId))?.export;
    if (first !== null && first !== undefined && first.sha256 !== sha256)
      throw new ConflictError('EXPORT_CHANGED', 'The run’s export differs from the one recorded at its first download; contact support');
  }
  return { filename: `introflyt-${run.municipalityCode}-${run.period}-${runId}.csv`, csv, sha256, lines: rows.length };
}
