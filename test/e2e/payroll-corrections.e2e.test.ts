/**
 * Corrections reach everyone in the look-back window, including those who
 * left (benefit-rules.md §8; architecture.md flow 6), end to end on the local
 * system: the synthesized ASL with the real task handlers, every step over
 * HTTP as payroll, an adviser and the participants would take it.
 *
 * Two participants of one municipality have two days at the end of July with
 * a doctor's note not yet approved (withheld, policy WITHHOLD). One leaves the
 * programme on 14 August, the other stays. July, August and September are run
 * and released; on 20 October the adviser approves both notes; the October
 * run then corrects July for both: a new version with the days before → after,
 * paid as a back-payment with October. The one who left has no October
 * decision, is in the run only as a candidate of the look-back window, and
 * gets an export line of the back-payment alone. A restart of the October run
 * writes nothing twice (R4, R5); a municipality whose window does not reach
 * July corrects nothing. A month an adviser adjusted upwards and corrected
 * later is measured against what it paid: nothing is paid twice.
 */
import { absenceIdOf } from '../../shared/adapters/attendance-repo.js';
import type { ParticipantProfile } from '../../shared/adapters/participant-files-repo.js';
import { DEFAULT_ATTENDANCE_SETTINGS } from '../../shared/adapters/policy-repo.js';
import type { PayrollRun } from '../../shared/adapters/payroll-runs-repo.js';
import { datesOfMonth, monthInfo } from '../../shared/domain/calendar.js';
import type { DecisionCore } from '../../shared/domain/decision.js';
import { LanguageFormatter } from '../../shared/domain/explanation/format.js';
import { LANGUAGE_PACKS } from '../../shared/domain/explanation/messages/index.js';
import { renderExplanation } from '../../shared/domain/explanation/render.js';
import { assign, WEEKDAY_SCHEDULE } from '../support/api-seed.js';
import { downloadExport, waitForExport } from '../support/export-download.js';
import { participant, staff, startTestSystem, type TestSystem } from '../support/local-system.js';
import { osloInstant } from './golden-seed.js';

let sys: TestSystem;
const ADVISER = 'adviser-corr-1';
const LATE_DAYS = ['2026-07-30', '2026-07-31'];

beforeAll(async () => {
  sys = await startTestSystem({ clock: '2026-08-03T08:00:00Z' });
  sys.workflow.options = { retryIntervalMs: 1 };
}, 120_000);
afterAll(async () => {
  sys.workflow.options = {};
  await sys?.stop();
});

const isWeekday = (date: string) => ![0, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay());

/** A participant with the weekday schedule, enrolled from June to `to`, present every weekday from July to October except the late days and `absent`. */
async function seedParticipant(pid: string, municipality: string, to: string | null, absent: readonly string[] = []): Promise<void> {
  const profile: ParticipantProfile = {
    participantId: pid,
    municipality,
    birthDate: '1990-06-15',
    regime: 'integreringsloven',
    livesWithParent: false,
    coupleReduction: false,
    children: 0,
    soleCarer: false,
    programStart: '2026-06-01',
    enrolments: [{ from: '2026-06-01', to }],
    unpaidLeave: [],
    schedule: WEEKDAY_SCHEDULE,
    version: 1,
    updatedAt: '2026-06-01T00:00:00.000Z',
  };
  const deps = sys.deps;
  expect(await deps.participants.createParticipant(profile, { participantId: pid, givenName: `Korrigert${pid.replace(/\W/g, '')}`, familyName: 'Etterbetalingsen', nationalId: String(30000000000 + pid.length * 7919 + Number(municipality)) })).toBe('created');
  const days = ['2026-07', '2026-08', '2026-09', '2026-10']
    .flatMap((p) => datesOfMonth(monthInfo(p)))
    .filter((d) => isWeekday(d) && (to === null || d <= to) && !LATE_DAYS.includes(d) && !absent.includes(d));
  for (let i = 0; i < days.length; i += 20)
    await Promise.all(
      days.slice(i, i + 20).flatMap((date) =>
        (['IN', 'OUT'] as const).map((type) => {
          const utc = osloInstant(date, type === 'IN' ? 8 * 60 + 30 : 15 * 60);
          const eventId = `${pid}-${date}-${type}`;
          return deps.attendance.putEventOnce({ eventId, participantId: pid, municipality, type, deviceId: 'kiosk-corr', deviceTime: utc, deviceTimeUtc: utc, recordedAt: utc, receiptId: `rcpt-${eventId}`, requestHash: 'seed', source: 'kiosk' });
        }),
      ),
    );
  for (const [i, date] of LATE_DAYS.entries())
    await deps.attendance.createAbsenceOnce({
      absenceId: absenceIdOf(pid, `${String(i).padStart(4, '0')}${'0'.repeat(20)}`),
      participantId: pid,
      municipality,
      date,
      minutes: null,
      category: 'OWN_ILLNESS',
      documentation: 'DOCTOR_NOTE',
      status: 'PENDING',
      version: 1,
      history: [{ at: `${date}T18:00:00.000Z`, byRole: 'participant', byRef: pid, from: null, to: 'PENDING', documentation: 'DOCTOR_NOTE' }],
      requestHash: 'seed',
      createdAt: `${date}T18:00:00.000Z`,
    });
  await assign(sys.deps, pid, ADVISER, municipality);
}

const payroll = (municipality: string, n: number) => sys.tokenFor(staff(`pay-${municipality}-${n}`, ['payroll'], municipality));

/** Starts the month's run as payroll (the clock after the month's end) and waits for the workflow. */
async function computeMonth(municipality: string, period: string, at: string): Promise<PayrollRun> {
  sys.clock!.set(at);
  const r = await sys.http('POST', '/payroll-runs', { token: await payroll(municipality, 1), body: { period } });
  expect([200, 202]).toContain(r.status);
  const run = (await sys.deps.payrollRuns.getRun(r.body!.runId as string))!;
  expect(await sys.workflow.wait(run.executionName!)).toMatchObject({ status: 'SUCCEEDED' });
  const done = (await sys.deps.payrollRuns.getRun(run.runId))!;
  expect(done.status).toBe('AWAITING_APPROVAL');
  return done;
}

/** Two different payroll users approve: the run is released. */
async function release(run: PayrollRun): Promise<void> {
  for (const n of [1, 2]) expect((await sys.http('POST', `/payroll-runs/${run.runId}/approvals`, { token: await payroll(run.municipalityCode, n) })).status).toBe(201);
  expect((await sys.deps.payrollRuns.getRun(run.runId))!.status).toBe('RELEASED');
}

async function approveNotes(pid: string, municipality: string): Promise<void> {
  const token = await sys.tokenFor(staff(ADVISER, ['adviser'], municipality));
  for (const i of [0, 1]) {
    const r = await sys.http('PATCH', `/absences/${absenceIdOf(pid, `${String(i).padStart(4, '0')}${'0'.repeat(20)}`)}`, { token, body: { decision: 'APPROVE', expectedVersion: 1 } });
    expect(r.status).toBe(200);
  }
}

/** The run's CSV export (the job the release started, downloaded through a link) as records keyed by column. */
async function exportRows(run: PayrollRun): Promise<Record<string, string>[]> {
  const token = await payroll(run.municipalityCode, 1);
  expect(await waitForExport(sys, token, run.runId)).toMatchObject({ status: 'READY' });
  const r = await downloadExport(sys, token, run.runId);
  expect(r.status).toBe(200);
  const [header, ...lines] = r.raw.trim().split('\r\n').map((l) => l.split(','));
  return lines.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i]!])));
}

const engine = (d: { decision: DecisionCore }): DecisionCore => d.decision;

test('a participant who left in August gets, in the October run, the back-payment for a document approved late for July', async () => {
  const m = '6301';
  await seedParticipant('p-left', m, '2026-08-14');
  await seedParticipant('p-stays', m, null);
  const decisions = sys.deps.decisions;

  const july = await computeMonth(m, '2026-07', '2026-08-03T08:00:00Z');
  const julyLeft = (await decisions.getLatest('p-left', '2026-07'))!;
  const withheld = engine(julyLeft).lines.filter((l) => l.kind === 'WITHHELD_PENDING');
  expect(withheld.map((l) => l.date)).toEqual(LATE_DAYS);
  const withheldOre = -withheld.reduce((s, l) => s + l.amountOre, 0);
  expect(july.totals).toMatchObject({ participants: 2, decided: 2, backPaymentOre: 0 });
  await release(july);

  const august = await computeMonth(m, '2026-08', '2026-09-02T08:00:00Z');
  expect(august.totals).toMatchObject({ participants: 2, decided: 2 });
  await release(august);

  // September: the leaver is no longer enrolled, but is a candidate of the window (July and August released): nothing changed, nothing written.
  const september = await computeMonth(m, '2026-09', '2026-10-02T08:00:00Z');
  expect(september.progress.correctionMonths).toEqual(['2026-08', '2026-07']);
  expect(september.totals).toMatchObject({ participants: 2, decided: 1, backPaymentOre: 0, adviserCorrections: 0 });
  expect((await decisions.listVersions('p-left', '2026-07')).map((d) => d.version)).toEqual([1]);
  await release(september);

  sys.clock!.set('2026-10-20T10:00:00Z');
  await approveNotes('p-left', m);
  await approveNotes('p-stays', m);

  const october = await computeMonth(m, '2026-10', '2026-11-02T08:00:00Z');
  expect(october.progress.correctionMonths).toEqual(['2026-09', '2026-08', '2026-07']);
  const corrected = (await decisions.getLatest('p-left', '2026-07'))!;
  expect(corrected).toMatchObject({ version: 2, supersedes: julyLeft.decisionId, paidWithPeriod: '2026-10', runId: october.runId });
  expect(corrected.correction).toMatchObject({ reason: 'DOCUMENT_ARRIVED', route: 'BACK_PAYMENT', totalDifferenceOre: withheldOre, paidBeforeOre: engine(julyLeft).payoutOre, previousPayoutOre: engine(julyLeft).payoutOre });
  expect(corrected.correction!.days).toEqual(withheld.map((l) => ({ date: l.date, beforeOre: l.amountOre, afterOre: 0 })));
  // Version 1 is as it was; the leaver has no October decision.
  expect(await decisions.getVersion('p-left', '2026-07', 1)).toEqual(julyLeft);
  expect(await decisions.getLatest('p-left', '2026-10')).toBeUndefined();
  expect(october.totals).toMatchObject({ participants: 2, decided: 1, backPaymentOre: 2 * withheldOre, adviserCorrections: 0 });

  // A restart of the month (an operator fails it before release) finds everything stored: nothing twice.
  const items = await sys.count('decisions');
  await sys.deps.payrollRuns.apply(october.runId, { type: 'FailRun', reason: 'OPERATOR_RECOMPUTE', at: '2026-11-02T09:00:00.000Z' });
  const again = await computeMonth(m, '2026-10', '2026-11-02T10:00:00Z');
  expect(again.runId).not.toBe(october.runId);
  expect(await sys.count('decisions')).toBe(items);
  expect(again.totals).toEqual(october.totals);
  await release(again);

  // The export: the leaver's line is the back-payment alone, named by the correcting decision.
  const rows = await exportRows(again);
  const kroner = (ore: number) => `${Math.floor(ore / 100)}.${String(ore % 100).padStart(2, '0')}`;
  const left = rows.find((r) => r.decision_id === corrected.decisionId)!;
  expect(left).toMatchObject({ period: '2026-10', gross_nok: kroner(withheldOre), deduction_nok: '0.00', payout_nok: kroner(withheldOre), back_payment_nok: kroner(withheldOre), corrected_decision_ids: corrected.decisionId });
  const staysOct = (await decisions.getLatest('p-stays', '2026-10'))!;
  const stays = rows.find((r) => r.decision_id === staysOct.decisionId)!;
  expect(stays.back_payment_nok).toBe(kroner(withheldOre));
  expect(stays.payout_nok).toBe(kroner(engine(staysOct).payoutOre + withheldOre));

  // The leaver reads it in July's explanation, in both languages: what changed per day, why, and with which payout it is paid.
  for (const [lang, paidWith] of [
    ['en', 'paid as a back-payment with the payout for October 2026'],
    ['nb', 'etterbetalt med utbetalingen for oktober 2026'],
  ] as const) {
    const r = await sys.http('GET', '/me/decisions/2026-07/explanation', { token: await sys.tokenFor(participant('p-left', m)), query: { lang } });
    expect(r.status).toBe(200);
    const body = r.body as { version: number; text: string; stored: string; paidOre: number; history: { cause: string; text: string }[] };
    expect(body).toMatchObject({ version: 2, paidOre: withheldOre });
    expect(body.text).toContain(paidWith);
    expect(body.text).toContain(julyLeft.decisionId);
    expect(body.history.map((h) => h.cause)).toEqual(['COMPUTED', 'CORRECTED']);
    expect(body.history[1]!.text).toBe((corrected.decision.explanation as Record<string, string>)[lang]);
  }
  // The one who stays reads the back-payment in October's explanation: a second version, rendered again byte for byte from what is stored.
  const revision = (await sys.deps.explanations.latestFor('p-stays', '2026-10', 1))!;
  expect(revision).toMatchObject({ revision: 1, cause: 'BACK_PAYMENTS', context: { backPayments: [{ period: '2026-07', amountOre: withheldOre, reason: 'DOCUMENT_ARRIVED' }] } });
  for (const lang of ['nb', 'en']) expect(renderExplanation(engine(staysOct), lang, revision.context)).toBe(revision.explanation[lang]);
  expect(revision.explanation.en).toContain('Back-payment for July 2026');
  expect(revision.explanation.nb).toContain('Etterbetaling for juli 2026');
}, 240_000);

test('a municipality whose window does not reach the month corrects nothing there, and lists no one who left before it', async () => {
  const m = '6302';
  await sys.deps.policies.savePolicy({ municipality: m, benefit: {}, attendance: DEFAULT_ATTENDANCE_SETTINGS, payroll: { correctionLookbackMonths: 2 }, version: 1, updatedAt: '2026-06-01T00:00:00.000Z' }, 0);
  await seedParticipant('p-left-2', m, '2026-08-14');
  for (const [period, at] of [
    ['2026-07', '2026-08-03T08:00:00Z'],
    ['2026-08', '2026-09-02T08:00:00Z'],
    ['2026-09', '2026-10-02T08:00:00Z'],
  ] as const)
    await release(await computeMonth(m, period, at));
  sys.clock!.set('2026-10-20T10:00:00Z');
  await approveNotes('p-left-2', m);
  const october = await computeMonth(m, '2026-10', '2026-11-02T08:00:00Z');
  // Two months back from October: September and August; the leaver had an August decision, so is a candidate, but July is outside.
  expect(october.progress.correctionMonths).toEqual(['2026-09', '2026-08']);
  expect(october.totals).toMatchObject({ participants: 1, decided: 0, backPaymentOre: 0 });
  expect((await sys.deps.decisions.listVersions('p-left-2', '2026-07')).map((d) => d.version)).toEqual([1]);
}, 240_000);

test('an adjusted month corrected later is measured against what was paid: nothing is paid twice, nothing is set off', async () => {
  const m = '6303';
  // Twelve days in July without a reason, and the two late days: a formal decision is required.
  const absent = ['2026-07-06', '2026-07-07', '2026-07-08', '2026-07-09', '2026-07-10', '2026-07-13', '2026-07-14', '2026-07-15', '2026-07-16', '2026-07-17', '2026-07-20', '2026-07-21'];
  await seedParticipant('p-adjusted', m, null, absent);
  const decisions = sys.deps.decisions;
  const adviser = await sys.tokenFor(staff(ADVISER, ['adviser'], m));
  const resolve = (version: number, payoutOre: number) =>
    sys.http('PUT', '/decisions/p-adjusted/2026-07/resolution', { token: adviser, body: { kind: 'ADJUSTMENT', version, payoutOre, reason: 'Forhåndsvarsel ble ikke sendt i tide.' } });

  const july = await computeMonth(m, '2026-07', '2026-08-03T08:00:00Z');
  const v1 = (await decisions.getLatest('p-adjusted', '2026-07'))!;
  expect(v1.review).toBe('VEDTAK_REQUIRED');
  const base = engine(v1).baseOre;
  // The adviser pays the whole base this month (no advance notice in time); the run is released with it.
  expect((await resolve(1, base)).status).toBe(201);
  // The adviser's resolution took the formal decision off July's counter in its own transaction: the release is not blocked.
  expect(await decisions.getPayMonthCounts(m, '2026-07')).toEqual({ unresolvedVedtak: 0, vedtakRequired: 1 });
  await release(july);

  sys.clock!.set('2026-08-20T10:00:00Z');
  await approveNotes('p-adjusted', m);
  const august = await computeMonth(m, '2026-08', '2026-09-02T08:00:00Z');
  const v2 = (await decisions.getLatest('p-adjusted', '2026-07'))!;
  // Computed again, July is the withheld days higher than version 1, but still below what the adjustment paid:
  // nothing is paid back (it would pay those days twice) and the rest goes to an adviser, never set off.
  expect(engine(v2).payoutOre).toBeGreaterThan(engine(v1).payoutOre);
  expect(v2.correction).toMatchObject({ paidBeforeOre: base, totalDifferenceOre: engine(v2).payoutOre - base, route: 'ADVISER_DECISION', previousPayoutOre: engine(v1).payoutOre });
  expect(august.totals).toMatchObject({ backPaymentOre: 0, adviserCorrections: 1 });
  // A negative correction is an adviser's case (benefit-rules.md §9: REVIEW), paid nothing and set off nothing.
  expect(v2.review).toBe('REVIEW');
  await release(august);
  const rows = await exportRows(august);
  expect(rows.map((r) => [r.back_payment_nok, r.corrected_decision_ids])).toEqual([['0.00', '']]);

  const nok = (lang: string, ore: number) => new LanguageFormatter(LANGUAGE_PACKS.find((p) => p.lang === lang)!).amount(ore);
  const over = base - engine(v2).payoutOre;
  for (const [lang, says] of [
    ['en', `You had been paid ${nok('en', base)} for this month, ${nok('en', over)} more than the new amount. Nothing is set off automatically`],
    ['nb', `Du hadde fått utbetalt ${nok('nb', base)} for denne måneden, ${nok('nb', over)} mer enn det nye beløpet. Ingenting blir trukket automatisk`],
  ] as const) {
    const r = await sys.http('GET', '/me/decisions/2026-07/explanation', { token: await sys.tokenFor(participant('p-adjusted', m)), query: { lang } });
    const body = r.body as { text: string; paidOre: number; history: { cause: string }[] };
    expect(body.history.map((h) => h.cause)).toEqual(['COMPUTED', 'ADJUSTED', 'CORRECTED']);
    expect(body.paidOre).toBe(0);
    expect(body.text).toContain(says);
  }
}, 240_000);
