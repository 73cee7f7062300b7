/**
 * The month from start to export on the local system (architecture.md flows
 * 3–5): a payroll user starts October over HTTP, the synthesized ASL runs the
 * real task handlers, the adviser finds the decision that needs a formal
 * decision in the queue and resolves it, two different payroll users
 * approve (the first is refused while the decision is unresolved), the CSV
 * export pays exactly the stored decisions, and the participant reads the
 * released decision's explanation in nb and en. Then a document of October
 * is approved late: the November run corrects October (a new version, never
 * an overwrite) and pays the difference back on the participant's November
 * line. Participants are seeded from
 * golden cases with the workflow's own seeding (test/e2e/golden-seed.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseInput } from '../../shared/domain/case.js';
import type { Decision } from '../../shared/domain/decision.js';
import { LAYER_ORDER } from '../../shared/domain/explanation/render.js';
import { seedGoldenCase } from '../e2e/golden-seed.js';
import { assign } from '../support/api-seed.js';
import { downloadExport, waitForExport } from '../support/export-download.js';
import { participant, staff, startTestSystem, type TestSystem } from '../support/local-system.js';
import { GOLDEN_DIR } from '../support/paths.js';

let sys: TestSystem;
let pay1: string;
let pay2: string;
let adviser: string;
const ADVISER = 'adviser-wf';
const SEEDED: [string, string][] = [
  ['pw-full', 'g01-full-attendance'],
  ['pw-pending', 'g09-pending-self-cert'],
  ['pw-vedtak', 'g10-deductions-exceed-base'],
];

beforeAll(async () => {
  // The golden cases are computed on 2 November.
  sys = await startTestSystem({ clock: '2026-11-02T08:00:00Z' });
  sys.workflow.options = { retryIntervalMs: 1 };
  for (const [pid, golden] of SEEDED) {
    const c = JSON.parse(readFileSync(join(GOLDEN_DIR, `${golden}.case.json`), 'utf8')) as CaseInput;
    await seedGoldenCase(sys.deps, c, pid, '5001');
    await assign(sys.deps, pid, ADVISER);
  }
  pay1 = await sys.tokenFor(staff('payroll-wf-1', ['payroll']));
  pay2 = await sys.tokenFor(staff('payroll-wf-2', ['payroll']));
  adviser = await sys.tokenFor(staff(ADVISER, ['adviser']));
}, 120_000);

/** Starts the month's run over HTTP and waits for the workflow to end. */
async function runMonth(period: string): Promise<string> {
  const started = await sys.http('POST', '/payroll-runs', { token: pay1, body: { period } });
  expect(started.status).toBe(202);
  const runId = started.body!.runId as string;
  expect(await sys.workflow.wait((await sys.deps.payrollRuns.getRun(runId))!.executionName!)).toMatchObject({ status: 'SUCCEEDED' });
  expect((await sys.http('GET', `/payroll-runs/${runId}`, { token: pay1 })).body).toMatchObject({ status: 'AWAITING_APPROVAL' });
  return runId;
}

/** The export's lines, without the header, split into fields. */
const csvLines = (raw: string) => raw.slice(0, -2).split('\r\n').slice(1).map((l) => l.split(','));
const kr = (ore: number) => (ore / 100).toFixed(2);

afterAll(async () => {
  await sys?.stop();
});

test('start → compute → formal decision → two approvals → export → the participant reads the released explanation', async () => {
  const runId = await runMonth('2026-10');
  const stored = new Map<string, Decision>();
  for (const [pid] of SEEDED) stored.set(pid, (await sys.deps.decisions.getLatest(pid, '2026-10'))!.decision);
  expect(stored.get('pw-vedtak')!.review).toBe('VEDTAK_REQUIRED');

  const drill = await sys.http('GET', `/payroll-runs/${runId}/decisions`, { token: pay1 });
  expect(drill.body).toMatchObject({ count: 3, unresolvedVedtak: 1 });
  expect((await sys.http('POST', `/payroll-runs/${runId}/approvals`, { token: pay1 })).body).toMatchObject({ code: 'VEDTAK_UNRESOLVED' });

  sys.clock!.set('2026-11-04T09:00:00Z');
  const queue = await sys.http('GET', '/reviews', { token: adviser, query: { status: 'UNRESOLVED' } });
  const reviews = (queue.body as { reviews: { participantId: string; period: string; version: number }[] }).reviews;
  expect(reviews.map((r) => [r.participantId, r.period, r.version])).toEqual([['pw-vedtak', '2026-10', 1]]);
  const resolved = await sys.http('PUT', '/decisions/pw-vedtak/2026-10/resolution', {
    token: adviser,
    body: { kind: 'FORMAL_DECISION', version: 1, vedtakReference: '2026/4711-2', advanceNoticeDate: '2026-11-03' },
  });
  expect(resolved.status).toBe(201);

  sys.clock!.set('2026-11-05T09:00:00Z');
  expect((await sys.http('POST', `/payroll-runs/${runId}/approvals`, { token: pay1 })).body).toMatchObject({ approvals: 1, released: false });
  expect((await sys.http('POST', `/payroll-runs/${runId}/approvals`, { token: pay1 })).body).toMatchObject({ code: 'ALREADY_APPROVED_BY_YOU' });
  expect((await sys.http('POST', `/payroll-runs/${runId}/approvals`, { token: pay2 })).body).toMatchObject({ approvals: 2, released: true });
  expect((await sys.http('GET', `/payroll-runs/${runId}`, { token: pay2 })).body).toMatchObject({ status: 'RELEASED' });

  // The release started the export job: one access-log entry per participant, then the file, then a link.
  expect(await waitForExport(sys, pay2, runId)).toMatchObject({ status: 'READY', file: { lines: SEEDED.length } });
  const csv = await downloadExport(sys, pay2, runId);
  expect(csv.status).toBe(200);
  const lines = csvLines(csv.raw);
  expect(lines).toEqual(
    SEEDED.map(([pid]) => {
      const d = stored.get(pid)!;
      return ['5001', '2026-10', pid, kr(d.baseOre), kr(d.baseOre - d.payoutOre), kr(d.payoutOre), `${pid}.2026-10.v0001`, '0.00', ''];
    }),
  );
  const total = lines.reduce((sum, l) => sum + Math.round(Number(l[5]) * 100), 0);
  expect(total).toBe(((await sys.deps.payrollRuns.getRun(runId))!.totals as { payoutOre: number }).payoutOre);

  const token = await sys.tokenFor(participant('pw-pending'));
  for (const lang of ['nb', 'en']) {
    const r = await sys.http('GET', '/me/decisions/2026-10/explanation', { token, query: { lang } });
    expect(r.status).toBe(200);
    const body = r.body as { released: boolean; layers: { name: string; lines: string[] }[]; text: string; stored: string };
    expect(body.released).toBe(true);
    expect(body.layers.map((l) => l.name)).toEqual([...LAYER_ORDER]);
    expect(body.stored).toBe(stored.get('pw-pending')!.explanation[lang]);
    // The "who" layer now names the approval; everything else is the stored text.
    expect(body.text).not.toBe(body.stored);
    expect(body.text.split('\n').filter((l) => !body.stored.includes(l))).toHaveLength(1);
  }
});

test('a late document: the November run corrects October and pays the difference back on the November line', async () => {
  // Approved on 20 November (after October was paid): the adviser's document queue.
  sys.clock!.set('2026-11-20T09:00:00Z');
  const queue = await sys.http('GET', '/absences', { token: adviser, query: { status: 'PENDING' } });
  const pending = (queue.body as { items: { participantId: string; absenceId: string; version: number }[] }).items.filter((a) => a.participantId === 'pw-pending');
  expect(pending.length).toBeGreaterThan(0);
  for (const a of pending) expect((await sys.http('PATCH', `/absences/${a.absenceId}`, { token: adviser, body: { decision: 'APPROVE', expectedVersion: a.version } })).status).toBe(200);

  sys.clock!.set('2026-12-02T08:00:00Z');
  const runId = await runMonth('2026-11');
  const v1 = (await sys.deps.decisions.getVersion('pw-pending', '2026-10', 1))!;
  const v2 = (await sys.deps.decisions.getVersion('pw-pending', '2026-10', 2))!;
  expect(v2).toMatchObject({ supersedes: v1.decisionId, paidWithPeriod: '2026-11', correction: { route: 'BACK_PAYMENT', reason: 'DOCUMENT_ARRIVED' } });
  const back = v2.correction!.totalDifferenceOre;
  expect(back).toBe(v2.decision.payoutOre - v1.decision.payoutOre);
  expect(back).toBeGreaterThan(0);

  const drill = await sys.http('GET', `/payroll-runs/${runId}/decisions`, { token: pay1 });
  expect((drill.body as { backPayments: unknown[] }).backPayments).toEqual([{ participantId: 'pw-pending', period: '2026-10', decisionId: v2.decisionId, amountOre: back }]);

  // November has no attendance for anyone, so every November decision needs a formal decision first.
  const open = (await sys.http('GET', '/reviews', { token: adviser, query: { status: 'UNRESOLVED' } })).body as { reviews: { participantId: string; period: string; version: number }[] };
  for (const r of open.reviews)
    expect((await sys.http('PUT', `/decisions/${r.participantId}/${r.period}/resolution`, { token: adviser, body: { kind: 'FORMAL_DECISION', version: r.version, vedtakReference: `2026/${r.participantId}`, advanceNoticeDate: '2026-12-01' } })).status).toBe(201);
  expect((await sys.http('POST', `/payroll-runs/${runId}/approvals`, { token: pay2 })).status).toBe(201);
  expect((await sys.http('POST', `/payroll-runs/${runId}/approvals`, { token: pay1 })).body).toMatchObject({ released: true });

  await waitForExport(sys, pay1, runId);
  const csv = await downloadExport(sys, pay1, runId);
  const line = csvLines(csv.raw).find((l) => l[2] === 'pw-pending')!;
  const november = (await sys.deps.decisions.getLatest('pw-pending', '2026-11'))!.decision;
  expect(line).toEqual(['5001', '2026-11', 'pw-pending', kr(november.baseOre + back), kr(november.baseOre - november.payoutOre), kr(november.payoutOre + back), `pw-pending.2026-11.v0001`, kr(back), v2.decisionId]);

  // The participant sees October's new version, paid with November, and why it changed.
  const token = await sys.tokenFor(participant('pw-pending'));
  const month = await sys.http('GET', '/me/decisions/2026-10', { token });
  expect(month.body).toMatchObject({ version: 2, released: true, supersedes: v1.decisionId, versions: [{ version: 1 }, { version: 2, correction: { totalDifferenceOre: back } }] });
  const expl = await sys.http('GET', '/me/decisions/2026-10/explanation', { token, query: { lang: 'en' } });
  expect(expl.body).toMatchObject({ version: 2, correction: { supersedesDecisionId: v1.decisionId, totalDifferenceOre: back, reason: 'DOCUMENT_ARRIVED' } });
  expect((expl.body as { text: string }).text).toContain(v1.decisionId);
});
