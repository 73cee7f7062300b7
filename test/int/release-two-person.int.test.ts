/**
 * Review and release over HTTP against the local system (architecture.md
 * flow 4; quality.md S5): a run AWAITING_APPROVAL cannot be approved while a
 * VEDTAK_REQUIRED decision of the run is unresolved; two DIFFERENT payroll
 * users must approve (the same user twice does not count); the second
 * approval releases; only then is the CSV export given: one line per
 * participant with municipality, month, payroll reference, gross,
 * deduction, payout and decision id, no health information, the same bytes
 * every time, recorded in the audit log. The payroll drill-down shows ids,
 * amounts and review class only. Corrections of a released earlier month
 * made by the run are paid back on the participant's line (a negative one
 * is not set off). The runs and their decisions are set up
 * through the repositories (the workflow has its own tests).
 */
import type { StoredDecision } from '../../shared/adapters/decisions-repo.js';
import type { StaffRead } from '../../shared/adapters/audit-log.js';
import { recordStaffReadWith } from '../../shared/adapters/audit-log.js';
import { addTotals, decisionTotals, emptyTotals } from '../../shared/domain/payroll/run.js';
import { assign, seedParticipant } from '../support/api-seed.js';
import { goldenCase, inMonth, seedDecision } from '../support/decision-seed.js';
import { downloadExport, waitForExport } from '../support/export-download.js';
import { participant, staff, startTestSystem, type TestSystem } from '../support/local-system.js';

let sys: TestSystem;
let pay1: string;
let pay2: string;
let pay3: string;
let adviser: string;
const decisions = new Map<string, StoredDecision>();
/** Corrections of September made by the October run: paid back with it, or (negative) left to an adviser. */
const septemberFixes = new Map<string, StoredDecision>();

const RUN = 'run-5001-2026-10';
const AT = '2026-11-02T06:00:00.000Z';
const PARTICIPANTS: [string, string][] = [
  ['p-full', 'g01-full-attendance'],
  ['p-half', 'g02-unexcused-half-day'],
  ['p-vedtak', 'g10-deductions-exceed-base'],
  ['p-adjust', 'g10-deductions-exceed-base'],
  ['p-pending', 'g09-pending-self-cert'],
];
const engine = (pid: string) => decisions.get(pid)!.decision;
const approve = (token: string, runId = RUN) => sys.http('POST', `/payroll-runs/${runId}/approvals`, { token });
const exportStatus = (token: string, runId = RUN) => sys.http('GET', `/payroll-runs/${runId}/export`, { token });
const run = async () => (await sys.deps.payrollRuns.getRun(RUN))!;

beforeAll(async () => {
  sys = await startTestSystem({ clock: '2026-11-10T09:00:00Z' });
  // The release starts the export job in this process: its first start would otherwise load the workflow inside an approval.
  await sys.workflow.warm();
  for (const [pid, golden] of PARTICIPANTS) {
    await seedParticipant(sys.deps, pid);
    await assign(sys.deps, pid, 'adviser-1');
    decisions.set(pid, await seedDecision(sys.deps, goldenCase(golden, pid), { runId: RUN, createdAt: AT }));
  }
  const runs = sys.deps.payrollRuns;

  // September was released; the October run then found changed inputs for three of its decisions.
  const SEP_RUN = 'run-5001-2026-09';
  await runs.createRun({ runId: SEP_RUN, municipalityCode: '5001', period: '2026-09', by: 'staff-starter', at: '2026-10-02T06:00:00.000Z', executionName: 'exec-0' });
  await runs.freezeBatches(SEP_RUN, [['p-pending', 'p-gone', 'p-full']], '2026-10-02T06:00:00.000Z');
  await runs.apply(SEP_RUN, { type: 'SummariseRun', totals: emptyTotals(), at: '2026-10-02T06:05:00.000Z' });
  for (const by of ['staff-a', 'staff-b']) await runs.apply(SEP_RUN, { type: 'ApproveRun', by, at: '2026-10-05T10:00:00.000Z', unresolvedVedtak: 0 });
  await seedParticipant(sys.deps, 'p-gone');
  const sep = (golden: string, pid: string) => inMonth(goldenCase(golden, pid), '2026-09', '2026-10-02');
  const approved = (c: ReturnType<typeof sep>) => ({ ...c, computedAt: '2026-11-02', absences: c.absences.map((a) => ({ ...a, status: 'APPROVED' as const })) });
  for (const pid of ['p-pending', 'p-gone']) {
    const v1 = await seedDecision(sys.deps, sep('g09-pending-self-cert', pid), { runId: SEP_RUN, createdAt: '2026-10-02T06:00:00.000Z' });
    septemberFixes.set(pid, await seedDecision(sys.deps, approved(sep('g09-pending-self-cert', pid)), { runId: RUN, previous: v1, createdAt: AT, paidWithPeriod: '2026-10' }));
  }
  const fullV1 = await seedDecision(sys.deps, sep('g01-full-attendance', 'p-full'), { runId: SEP_RUN, createdAt: '2026-10-02T06:00:00.000Z' });
  septemberFixes.set('p-full', await seedDecision(sys.deps, { ...sep('g02-unexcused-half-day', 'p-full'), computedAt: '2026-11-02' }, { runId: RUN, previous: fullV1, createdAt: AT, paidWithPeriod: '2026-10' }));

  await runs.createRun({ runId: RUN, municipalityCode: '5001', period: '2026-10', by: 'staff-starter', at: AT, executionName: 'exec-1' });
  await runs.freezeBatches(RUN, [PARTICIPANTS.map(([p]) => p)], AT);
  const totals = [...decisions.values()].reduce((t, d) => addTotals(t, decisionTotals(d.decision)), emptyTotals());
  await runs.apply(RUN, { type: 'SummariseRun', totals, at: '2026-11-02T06:05:00.000Z' });
  // Another municipality's run: invisible to 5001's payroll.
  await runs.createRun({ runId: 'run-4601-2026-10', municipalityCode: '4601', period: '2026-10', by: 'staff-x', at: AT, executionName: 'exec-2' });

  pay1 = await sys.tokenFor(staff('payroll-sub-1', ['payroll']));
  pay2 = await sys.tokenFor(staff('payroll-sub-2', ['payroll']));
  pay3 = await sys.tokenFor(staff('payroll-sub-3', ['payroll']));
  adviser = await sys.tokenFor(staff('adviser-1', ['adviser']));
}, 120_000);

afterAll(() => sys?.stop());

/** Runs `f` while the audit log cannot be written. */
async function withAuditDown<T>(f: () => Promise<T>): Promise<T> {
  const down = { append: () => Promise.reject(new Error('down')), list: () => Promise.resolve([]), recordStaffRead: (read: StaffRead) => recordStaffReadWith(down, read) };
  sys.deps.swap({ audit: down });
  try {
    return await f();
  } finally {
    sys.deps.swap({});
  }
}

test('the drill-down: ids, amounts and review class per participant, no health details, each participant access-logged', async () => {
  const r = await sys.http('GET', `/payroll-runs/${RUN}/decisions`, { token: pay1 });
  expect(r.status).toBe(200);
  const body = r.body as { count: number; unresolvedVedtak: number; status: string; decisions: Record<string, unknown>[]; nextAfter: string | null };
  expect(body).toMatchObject({ count: 5, unresolvedVedtak: 2, status: 'AWAITING_APPROVAL', nextAfter: null });
  expect(body.decisions.map((d) => d.participantId)).toEqual(['p-adjust', 'p-full', 'p-half', 'p-pending', 'p-vedtak']);
  // Back-payments of corrected September decisions; the negative correction of p-full is not set off.
  const fix = (pid: string) => septemberFixes.get(pid)!;
  expect(fix('p-pending').correction).toMatchObject({ route: 'BACK_PAYMENT' });
  expect(fix('p-full').correction).toMatchObject({ route: 'ADVISER_DECISION' });
  expect((r.body as { backPayments: unknown[] }).backPayments).toEqual(
    ['p-gone', 'p-pending'].map((pid) => ({ participantId: pid, period: '2026-09', decisionId: fix(pid).decisionId, amountOre: fix(pid).correction!.totalDifferenceOre })),
  );
  expect(body.decisions.find((d) => d.participantId === 'p-half')).toEqual({
    participantId: 'p-half',
    decisionId: decisions.get('p-half')!.decisionId,
    version: 1,
    review: 'REVIEW',
    grossOre: engine('p-half').baseOre,
    baseOre: engine('p-half').baseOre,
    deductionOre: engine('p-half').deductionOre,
    payoutOre: engine('p-half').payoutOre,
    paidOre: engine('p-half').payoutOre,
    resolution: null,
  });
  for (const word of ['OWN_ILLNESS', 'SELF_CERT', 'DOCUMENT_PENDING', 'reasonCode', 'calendar', 'category', 'explanation']) expect(r.raw).not.toContain(word);
  for (const pid of [...PARTICIPANTS.map(([p]) => p), 'p-gone']) expect((await sys.deps.audit.list(pid)).at(-1)).toMatchObject({ purpose: 'payroll-drill-down', actorRole: 'payroll', action: 'READ' });

  const page = await sys.http('GET', `/payroll-runs/${RUN}/decisions`, { token: pay1, query: { limit: '2', after: 'p-full' } });
  expect((page.body as { decisions: { participantId: string }[]; nextAfter: string }).decisions.map((d) => d.participantId)).toEqual(['p-half', 'p-pending']);
  expect((page.body as { nextAfter: string }).nextAfter).toBe('p-pending');
  const bad = await sys.http('GET', `/payroll-runs/${RUN}/decisions`, { token: pay1, query: { limit: '0' } });
  expect([bad.status, bad.body?.code]).toEqual([400, 'VALIDATION_FAILED']);
});

test('another municipality’s run, or none, is 404; other roles are 403', async () => {
  for (const path of ['/payroll-runs/run-4601-2026-10/decisions', '/payroll-runs/run-4601-2026-10/export', '/payroll-runs/no-such-run/decisions']) {
    const r = await sys.http('GET', path, { token: pay1 });
    expect([r.status, r.body?.code]).toEqual([404, 'NOT_FOUND']);
  }
  for (const path of ['/payroll-runs/run-4601-2026-10/export', '/payroll-runs/run-4601-2026-10/export/links']) expect((await sys.http('POST', path, { token: pay1 })).status).toBe(404);
  expect((await approve(pay1, 'run-4601-2026-10')).status).toBe(404);
  expect((await approve(adviser)).body).toMatchObject({ code: 'FORBIDDEN_ROLE' });
  expect((await approve(await sys.tokenFor(participant('p-full')))).status).toBe(403);
  expect((await exportStatus(adviser)).status).toBe(403);
});

test('S5: blocked while a VEDTAK_REQUIRED decision is unresolved; two different users release; one user twice does not count', async () => {
  const blocked = await approve(pay1);
  expect([blocked.status, blocked.body?.code]).toEqual([409, 'VEDTAK_UNRESOLVED']);
  expect((await run()).approvals).toEqual([]);

  // The adviser records the formal decision for one and adjusts the other.
  expect((await sys.http('PUT', '/decisions/p-vedtak/2026-10/resolution', { token: adviser, body: { kind: 'FORMAL_DECISION', version: 1, vedtakReference: '2026/77-1', advanceNoticeDate: '2026-11-04' } })).status).toBe(201);
  expect((await approve(pay1)).body).toMatchObject({ code: 'VEDTAK_UNRESOLVED' });
  const adjusted = engine('p-adjust').baseOre;
  expect((await sys.http('PUT', '/decisions/p-adjust/2026-10/resolution', { token: adviser, body: { kind: 'ADJUSTMENT', version: 1, payoutOre: adjusted, reason: 'no advance notice could be given in time' } })).status).toBe(201);

  // No approval without its audit entry.
  const unaudited = await withAuditDown(() => approve(pay1));
  expect([unaudited.status, unaudited.body?.code]).toEqual([503, 'AUDIT_UNAVAILABLE']);
  expect((await run()).approvals).toEqual([]);

  const first = await approve(pay1);
  expect(first.status).toBe(201);
  expect(first.body).toMatchObject({ runId: RUN, status: 'AWAITING_APPROVAL', approvals: 1, approvalsNeeded: 2, released: false });

  const twice = await approve(pay1);
  expect([twice.status, twice.body?.code]).toEqual([409, 'ALREADY_APPROVED_BY_YOU']);
  // Same person, another session (same Cognito subject): still one approval.
  const sameUser = await approve(await sys.tokenFor(staff('payroll-sub-1', ['payroll', 'adviser'])));
  expect(sameUser.body).toMatchObject({ code: 'ALREADY_APPROVED_BY_YOU' });
  expect((await run()).approvals).toHaveLength(1);
  expect((await run()).status).toBe('AWAITING_APPROVAL');

  for (const early of [await exportStatus(pay1), await sys.http('POST', `/payroll-runs/${RUN}/export`, { token: pay1 }), await sys.http('POST', `/payroll-runs/${RUN}/export/links`, { token: pay1 })])
    expect([early.status, early.body?.code]).toEqual([409, 'RUN_NOT_RELEASED']);

  const second = await approve(pay2);
  expect(second.status).toBe(201);
  expect(second.body).toMatchObject({ status: 'RELEASED', approvals: 2, released: true, releasedAt: '2026-11-10T09:00:00.000Z' });
  const after = await approve(pay3);
  expect([after.status, after.body?.code]).toEqual([409, 'RUN_RELEASED']);
  const approvals = (await sys.deps.audit.list(`RUN#${RUN}`)).filter((e) => e.purpose === 'payroll-approval');
  expect(approvals.map((e) => e.action)).toEqual(['WRITE', 'WRITE']);
  expect(new Set(approvals.map((e) => e.actorRef)).size).toBe(2);
});

test('the export: a job after the release; one CSV line per participant, amounts that add up, no health information, audit-logged, same bytes on every link', async () => {
  // The release started the export job; it writes every participant's access-log entry before the file exists.
  const job = await waitForExport(sys, pay2, RUN);
  expect(job).toMatchObject({ status: 'READY', phase: 'DONE', percent: 100, attempts: 1, total: 6, done: 6, file: { filename: `introflyt-5001-2026-10-${RUN}.csv`, lines: 6 } });
  expect(JSON.stringify(job)).not.toContain('exports/');

  // No link without its audit entry.
  const unaudited = await withAuditDown(() => sys.http('POST', `/payroll-runs/${RUN}/export/links`, { token: pay2 }));
  expect([unaudited.status, unaudited.body?.code]).toEqual([503, 'AUDIT_UNAVAILABLE']);

  const r = await downloadExport(sys, pay2, RUN);
  expect(r.link.status).toBe(201);
  expect(r.link.body).toMatchObject({ filename: job.file!.filename, sha256: job.file!.sha256, lines: 6, expiresAt: '2026-11-10T09:02:00.000Z' });
  expect(r.status).toBe(200);
  expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(r.headers['content-disposition']).toBe(`attachment; filename="introflyt-5001-2026-10-${RUN}.csv"`);
  expect(r.headers['x-export-sha256']).toBe(job.file!.sha256);
  // No field needs quoting (ids, digits, amounts), so a plain split reads the file; every line ends with CRLF.
  expect(r.raw).not.toContain('"');
  expect(r.raw.endsWith('\r\n')).toBe(true);
  const [header, ...lines] = r.raw.slice(0, -2).split('\r\n').map((l) => l.split(','));
  expect(header).toEqual(['municipality', 'period', 'payroll_ref', 'gross_nok', 'deduction_nok', 'payout_nok', 'decision_id', 'back_payment_nok', 'corrected_decision_ids']);
  const rows = lines.map((l) => Object.fromEntries(header!.map((h, i) => [h, l[i]])) as Record<string, string>);
  expect(rows.map((x) => x.payroll_ref)).toEqual(['p-adjust', 'p-full', 'p-gone', 'p-half', 'p-pending', 'p-vedtak']);
  const kr = (ore: number) => (ore / 100).toFixed(2);
  for (const row of rows) {
    const pid = row.payroll_ref!; // the seeded participants have no payroll reference: their pseudonymous id stands in
    const back = pid === 'p-pending' || pid === 'p-gone' ? septemberFixes.get(pid)! : undefined;
    const backOre = back?.correction!.totalDifferenceOre ?? 0;
    const e = pid === 'p-gone' ? { baseOre: 0, payoutOre: 0 } : engine(pid);
    const paid = pid === 'p-adjust' ? e.baseOre : e.payoutOre;
    expect(row).toEqual({
      municipality: '5001',
      period: '2026-10',
      payroll_ref: pid,
      gross_nok: kr(e.baseOre + backOre),
      deduction_nok: kr(e.baseOre - paid),
      payout_nok: kr(paid + backOre),
      decision_id: pid === 'p-gone' ? back!.decisionId : decisions.get(pid)!.decisionId,
      back_payment_nok: kr(backOre),
      corrected_decision_ids: back?.decisionId ?? '',
    });
  }
  expect(septemberFixes.get('p-pending')!.correction!.totalDifferenceOre).toBeGreaterThan(0);
  for (const word of ['ILLNESS', 'SELF_CERT', 'DOCTOR', 'PENDING', 'Zelmira', 'Quistgaard']) expect(r.raw).not.toContain(word);

  const again = await downloadExport(sys, pay1, RUN);
  expect(again.raw).toBe(r.raw);
  const recorded = (await run()).export!;
  expect(recorded).toMatchObject({ lines: 6, sha256: job.file!.sha256, at: '2026-11-10T09:00:00.000Z' });
  // Each link is on the run's chain (who, when); the participants' access logs have the job's one entry each.
  const links = (await sys.deps.audit.list(`RUN#${RUN}`)).filter((e) => e.purpose === 'payroll-export-download');
  expect(links.map((e) => e.action)).toEqual(['READ', 'READ']);
  for (const pid of [...PARTICIPANTS.map(([p]) => p), 'p-gone']) {
    const entries = (await sys.deps.audit.list(pid)).filter((e) => e.purpose === 'payroll-export');
    expect(entries).toEqual([expect.objectContaining({ action: 'READ', actorRole: 'payroll' })]);
  }
  // Asking again starts nothing: the job is ready.
  const again2 = await sys.http('POST', `/payroll-runs/${RUN}/export`, { token: pay1 });
  expect([again2.status, again2.body?.status]).toEqual([200, 'READY']);
});

test('after release the participant’s explanation says who approved it and when', async () => {
  const token = await sys.tokenFor(participant('p-full'));
  const r = await sys.http('GET', '/me/decisions/2026-10/explanation', { token, query: { lang: 'en' } });
  const body = r.body as { released: boolean; text: string; stored: string; layers: { name: string; lines: string[] }[] };
  expect(body.released).toBe(true);
  expect(body.stored).toContain('must approve it before it is paid');
  expect(body.text).not.toContain('must approve it before it is paid');
  expect(body.layers.find((l) => l.name === 'who')!.lines.join(' ')).toContain('payroll');
  const adjusted = await sys.http('GET', '/me/decisions/2026-10/explanation', { token: await sys.tokenFor(participant('p-adjust')) });
  expect(adjusted.body).toMatchObject({ paidOre: engine('p-adjust').baseOre, resolution: { kind: 'ADJUSTMENT' } });
  const list = await sys.http('GET', '/me/decisions', { token });
  expect((list.body as { decisions: { period: string; version: number; released: boolean }[] }).decisions).toEqual([
    expect.objectContaining({ period: '2026-10', version: 1, released: true }),
    // September's correction was made and paid (here: routed) with the October run, released now.
    expect.objectContaining({ period: '2026-09', version: 2, released: true }),
  ]);
});

test('S5 under concurrency: one user’s double click counts once; of two more users at once only one approval lands, releasing the run', async () => {
  const AUG = 'run-5001-2026-08';
  const runs = sys.deps.payrollRuns;
  await runs.createRun({ runId: AUG, municipalityCode: '5001', period: '2026-08', by: 'staff-starter', at: AT, executionName: 'exec-aug' });
  const d = await seedDecision(sys.deps, inMonth(goldenCase('g01-full-attendance', 'p-full'), '2026-08', '2026-09-02'), { runId: AUG, createdAt: AT });
  await runs.freezeBatches(AUG, [['p-full']], AT);
  await runs.apply(AUG, { type: 'SummariseRun', totals: decisionTotals(d.decision), at: AT });

  const double = await Promise.all([approve(pay1, AUG), approve(pay1, AUG)]);
  expect(double.map((r) => r.status).sort()).toEqual([201, 409]);
  expect(double.find((r) => r.status === 409)!.body).toMatchObject({ code: 'ALREADY_APPROVED_BY_YOU' });
  expect((await sys.deps.payrollRuns.getRun(AUG))!.approvals).toHaveLength(1);

  const race = await Promise.all([approve(pay2, AUG), approve(pay3, AUG)]);
  expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
  expect(race.find((r) => r.status === 201)!.body).toMatchObject({ status: 'RELEASED', approvals: 2 });
  expect(race.find((r) => r.status === 409)!.body).toMatchObject({ code: 'RUN_RELEASED' });
  const released = (await sys.deps.payrollRuns.getRun(AUG))!;
  expect(released.status).toBe('RELEASED');
  expect(new Set(released.approvals.map((a) => a.userId)).size).toBe(2);
  expect((await waitForExport(sys, pay2, AUG)).status).toBe('READY');
});

test('a correction paid with a later month that needs a formal decision blocks that month; adjusted, the drill-down and the export pay what its explanation says', async () => {
  const JUN = 'run-5001-2026-06';
  const JUL = 'run-5001-2026-07';
  const runs = sys.deps.payrollRuns;
  await seedParticipant(sys.deps, 'p-fix');
  await assign(sys.deps, 'p-fix', 'adviser-1');
  // June was released having paid less than the full base (an unexcused half day).
  await runs.createRun({ runId: JUN, municipalityCode: '5001', period: '2026-06', by: 'staff-starter', at: '2026-07-02T06:00:00.000Z', executionName: 'exec-jun' });
  const v1 = await seedDecision(sys.deps, inMonth(goldenCase('g02-unexcused-half-day', 'p-fix'), '2026-06', '2026-07-02'), { runId: JUN, createdAt: '2026-07-02T06:00:00.000Z' });
  await runs.freezeBatches(JUN, [['p-fix']], '2026-07-02T06:00:00.000Z');
  await runs.apply(JUN, { type: 'SummariseRun', totals: decisionTotals(v1.decision), at: '2026-07-02T06:05:00.000Z' });
  for (const by of ['staff-a', 'staff-b']) await runs.apply(JUN, { type: 'ApproveRun', by, at: '2026-07-05T10:00:00.000Z', unresolvedVedtak: 0 });

  // The July run recomputed June: deductions beyond the base now, a formal decision is needed; measured against what June paid.
  const JUL_AT = '2026-08-02T06:00:00.000Z';
  await runs.createRun({ runId: JUL, municipalityCode: '5001', period: '2026-07', by: 'staff-starter', at: JUL_AT, executionName: 'exec-jul' });
  const july = await seedDecision(sys.deps, inMonth(goldenCase('g01-full-attendance', 'p-fix'), '2026-07', '2026-08-02'), { runId: JUL, createdAt: JUL_AT });
  const v2 = await seedDecision(sys.deps, inMonth(goldenCase('g10-deductions-exceed-base', 'p-fix'), '2026-06', '2026-08-02'), {
    runId: JUL,
    previous: v1,
    createdAt: JUL_AT,
    paidWithPeriod: '2026-07',
    paidBeforeOre: v1.decision.payoutOre,
  });
  const v2e = v2.decision;
  expect(v2.review).toBe('VEDTAK_REQUIRED');
  expect(v2.correction).toMatchObject({ route: 'ADVISER_DECISION' });
  await runs.freezeBatches(JUL, [['p-fix']], JUL_AT, false, ['2026-06']);
  await runs.apply(JUL, { type: 'SummariseRun', totals: decisionTotals(july.decision), at: JUL_AT });

  // Counted with July (the month that pays it), not June: July's release waits for it.
  expect(await sys.deps.decisions.getPayMonthCounts('5001', '2026-07')).toEqual({ unresolvedVedtak: 1, vedtakRequired: 1 });
  const blocked = await approve(pay1, JUL);
  expect([blocked.status, blocked.body?.code]).toEqual([409, 'VEDTAK_UNRESOLVED']);

  // The adviser pays June's full base after all: the back-payment is that less what June had paid, not the (negative) difference.
  const resolved = await sys.http('PUT', '/decisions/p-fix/2026-06/resolution', {
    token: adviser,
    body: { kind: 'ADJUSTMENT', version: 2, payoutOre: v2e.baseOre, reason: 'Forhåndsvarsel ble ikke sendt.' },
  });
  expect(resolved.status).toBe(201);
  expect(await sys.deps.decisions.getPayMonthCounts('5001', '2026-07')).toEqual({ unresolvedVedtak: 0, vedtakRequired: 1 });
  const back = v2e.baseOre - v1.decision.payoutOre;
  expect(back).toBeGreaterThan(0);
  expect(v2.correction!.totalDifferenceOre).toBeLessThan(0);

  const explained = await sys.http('GET', '/me/decisions/2026-06/explanation', { token: await sys.tokenFor(participant('p-fix')) });
  expect(explained.body).toMatchObject({ version: 2, paidOre: back });
  const julyExplained = await sys.http('GET', '/me/decisions/2026-07/explanation', { token: await sys.tokenFor(participant('p-fix')) });
  expect(julyExplained.body).toMatchObject({ paidOre: july.decision.payoutOre + back });

  const drill = await sys.http('GET', `/payroll-runs/${JUL}/decisions`, { token: pay1 });
  expect((drill.body as { backPayments: unknown[] }).backPayments).toEqual([{ participantId: 'p-fix', period: '2026-06', decisionId: v2.decisionId, amountOre: back }]);

  for (const token of [pay1, pay2]) expect((await approve(token, JUL)).status).toBe(201);
  expect((await waitForExport(sys, pay2, JUL)).status).toBe('READY');
  const file = await downloadExport(sys, pay2, JUL);
  const [header, ...lines] = file.raw.slice(0, -2).split('\r\n').map((l) => l.split(','));
  const row = Object.fromEntries(header!.map((h, i) => [h, lines[0]![i]]));
  expect(lines).toHaveLength(1);
  const kr = (ore: number) => (ore / 100).toFixed(2);
  expect(row).toMatchObject({ payroll_ref: 'p-fix', payout_nok: kr(july.decision.payoutOre + back), back_payment_nok: kr(back), corrected_decision_ids: v2.decisionId });
});
