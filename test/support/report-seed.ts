/**
 * A seeded municipality for the report tests (NIR, statistics, archive,
 * retention): participants of 5001 with October decisions made by the engine
 * from golden cases (each a different shape: full attendance, unexcused
 * minutes, self-certification, child illness, deductions over half the base,
 * pending documents, daily deductions), approved leave, unpaid leave saved on
 * the file by an adviser, and one participant of 5002 that no 5001 report
 * may show.
 */
import { createHash } from 'node:crypto';
import type { AbsenceRecord } from '../../shared/adapters/attendance-repo.js';
import type { Deps } from '../../shared/adapters/deps.js';
import type { StoredDecision } from '../../shared/adapters/decisions-repo.js';
import type { ComplaintReader } from '../../shared/adapters/reports-repo.js';
import { emptyTotals } from '../../shared/domain/payroll/run.js';
import type { ComplaintFact } from '../../shared/domain/reports/complaint-facts.js';
import { seedParticipant, type SeededParticipant } from './api-seed.js';
import { goldenCase, seedDecision } from './decision-seed.js';

export const REPORT_CASES: readonly [string, string][] = [
  ['p-r1', 'g01-full-attendance'],
  ['p-r2', 'g02-unexcused-half-day'],
  ['p-r3', 'g03-self-cert-within-quota'],
  ['p-r4', 'g08-child-illness'],
  ['p-r5', 'g10-deductions-exceed-base'],
  ['p-r6', 'g12-daily-deduction-unit'],
  ['p-r7', 'g09-pending-self-cert'],
];

export interface SeededMunicipality {
  people: SeededParticipant[];
  decisions: StoredDecision[];
  foreign: SeededParticipant;
}

export function approvedLeave(participantId: string, date: string, category: AbsenceRecord['category'], approvedAt: string, municipality = '5001'): AbsenceRecord {
  return {
    absenceId: `${participantId}.${createHash('sha256').update(`leave-${date}`).digest('hex').slice(0, 24)}`,
    participantId,
    municipality,
    date,
    minutes: null,
    category,
    documentation: 'NONE',
    status: 'APPROVED',
    version: 2,
    history: [
      { at: '2026-09-01T08:00:00.000Z', byRole: 'participant', byRef: participantId, from: null, to: 'PENDING', documentation: 'NONE' },
      { at: approvedAt, byRole: 'adviser', byRef: 'staff-seed', from: 'PENDING', to: 'APPROVED', documentation: 'NONE' },
    ],
    requestHash: `seed-${participantId}-${date}`,
    createdAt: '2026-09-01T08:00:00.000Z',
  };
}

export async function seedReportMunicipality(deps: Deps): Promise<SeededMunicipality> {
  const people: SeededParticipant[] = [];
  const decisions: StoredDecision[] = [];
  for (const [pid, golden] of REPORT_CASES) {
    people.push(await seedParticipant(deps, pid));
    decisions.push(await seedDecision(deps, goldenCase(golden, pid), { runId: 'run-report-2026-10' }));
  }
  // Vacation on Thu 8 – Mon 12 October (one leave across the weekend), approved on 20 September.
  for (const date of ['2026-10-08', '2026-10-09', '2026-10-12']) await deps.attendance.createAbsenceOnce(approvedLeave('p-r1', date, 'VACATION', '2026-09-20T10:00:00.000Z'));
  // Unpaid leave from 20 October, saved on the file by an adviser on 19 October.
  const profile = (await deps.participants.getProfile('p-r2'))!;
  const unpaidLeave = [{ from: '2026-10-20', to: '2026-12-31' }];
  const saved = await deps.participants.saveProfileWithFacts({ ...profile, unpaidLeave, version: profile.version + 1, updatedAt: '2026-10-19T09:00:00.000Z' }, profile.version, [
    { participantId: 'p-r2', version: profile.version + 1, effectiveFrom: '2026-10-01', changes: { unpaidLeave }, changedAt: '2026-10-19T09:00:00.000Z', changedByRef: 'staff-seed', changedByRole: 'adviser' },
  ]);
  if (!saved) throw new Error('seed: unpaid leave not saved');
  const foreign = await seedParticipant(deps, 'p-r-5002', { municipality: '5002' });
  const g = goldenCase('g02-unexcused-half-day', 'p-r-5002');
  decisions.push(await seedDecision(deps, { ...g, municipality: { ...g.municipality, code: '5002' } }, { runId: 'run-report-5002' }));
  await deps.attendance.createAbsenceOnce(approvedLeave('p-r-5002', '2026-10-08', 'VACATION', '2026-09-20T10:00:00.000Z', '5002'));
  return { people, decisions, foreign };
}

/** The complaint store as the reports read it, over a fixed list (the complaint flow's store is another branch's). */
export function complaintReaderOf(list: readonly ComplaintFact[], municipalityOf: (participantId: string) => string = () => '5001'): ComplaintReader {
  return {
    listForParticipant: (pid) => Promise.resolve(list.filter((c) => c.participantId === pid)),
    listForMunicipality: (m, from, to) => Promise.resolve(list.filter((c) => municipalityOf(c.participantId) === m && c.receivedOn >= from && c.receivedOn <= to)),
  };
}

/** A run of the month released by two payroll users, as the release tests make one: the archive packs its decisions. */
export async function releaseRun(deps: Deps, runId: string, period: string, participants: readonly string[], municipality = '5001'): Promise<void> {
  const runs = deps.payrollRuns;
  await runs.createRun({ runId, municipalityCode: municipality, period, by: 'staff-starter', at: '2026-11-02T06:00:00.000Z', executionName: `exec-${runId}` });
  await runs.freezeBatches(runId, [[...participants]], '2026-11-02T06:00:00.000Z');
  await runs.apply(runId, { type: 'SummariseRun', totals: emptyTotals(), at: '2026-11-02T06:05:00.000Z' });
  for (const by of ['staff-a', 'staff-b']) await runs.apply(runId, { type: 'ApproveRun', by, at: '2026-11-05T10:00:00.000Z', unresolvedVedtak: 0 });
}
