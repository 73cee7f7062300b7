/**
 * The month end to end on the local system (issue 4 "Done when"): three
 * municipalities seeded with one participant per golden case (5002 carries
 * the DAILY deduction policy of g12; 5003 the cases of another month than
 * October, g13's January, run once that month has ended on the date the
 * case is computed), a payroll user starts the run over
 * HTTP, the synthesized ASL runs in aws-local-stepfunctions with the real
 * task handlers, and every stored decision equals the engine's decision for
 * the golden case (participant id and municipality put in) — input hash,
 * lines, amounts, review class and explanations in nb and en.
 */
import { jest } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseInput } from '../../shared/domain/case.js';
import { parseCase } from '../../shared/domain/case.js';
import { decide } from '../../shared/domain/engine.js';
import { LANGUAGES, LAYER_ORDER } from '../../shared/domain/explanation/render.js';
import { captureLogs } from '../support/capture-logs.js';
import { downloadExport, waitForExport } from '../support/export-download.js';
import { participant, startTestSystem, staff, type TestSystem } from '../support/local-system.js';
import { GOLDEN_DIR } from '../support/paths.js';
import { seedGoldenCase, type GoldenSeed } from './golden-seed.js';

let sys: TestSystem;
const OCTOBER = '2026-10';
const payloads: unknown[] = [];
const seeds: { name: string; seed: GoldenSeed }[] = [];

beforeAll(async () => {
  sys = await startTestSystem({ clock: '2026-11-02T08:00:00Z' });
  // Every payload a task receives is recorded: ids only (S7).
  sys.workflow.options = { retryIntervalMs: 1, inject: (_state, phase, payload) => void (phase === 'before' && payloads.push(payload)) };
  const deps = sys.deps;
  await deps.policies.savePolicy(
    { municipality: '5002', benefit: { deductionUnit: 'DAILY' }, attendance: { replayWindowHours: 72, missingCheckout: 'END_OF_SESSION' }, version: 1, updatedAt: '2026-09-01T00:00:00.000Z' },
    0,
  );
  const files = readdirSync(GOLDEN_DIR).filter((f) => f.endsWith('.case.json')).sort();
  for (const [i, f] of files.entries()) {
    const c = JSON.parse(readFileSync(join(GOLDEN_DIR, f), 'utf8')) as CaseInput;
    // A municipality policy applies to everyone in it: a case with its own policy gets the municipality that has it;
    // a case of another month gets its own municipality, so October's runs hold October's cases only.
    const municipality = c.period !== OCTOBER ? '5003' : c.municipality.policy === undefined ? '5001' : '5002';
    seeds.push({ name: f, seed: await seedGoldenCase(deps, c, `pg-${String(i + 1).padStart(2, '0')}`, municipality) });
  }
});
afterAll(async () => {
  await sys?.stop();
});

async function runMonth(municipality: string, period = OCTOBER): Promise<Record<string, unknown>> {
  const token = await sys.tokenFor(staff(`pay-${municipality}`, ['payroll'], municipality));
  const started = await sys.http('POST', '/payroll-runs', { token, body: { period } });
  expect(started.status).toBe(202);
  const runId = started.body!.runId as string;
  const run = await sys.deps.payrollRuns.getRun(runId);
  expect(await sys.workflow.wait(run!.executionName!)).toMatchObject({ status: 'SUCCEEDED' });
  const got = await sys.http('GET', `/payroll-runs/${runId}`, { token });
  expect(got.status).toBe(200);
  return got.body!;
}

test('the month of every golden case through the real ASL: stored decision = engine decision', async () => {
  const logs = captureLogs();
  // Issue 14 (P2): a participant-month's attendance (events, every absence and correction) is one read.
  const attendance = sys.deps.attendance;
  const reads = [jest.spyOn(attendance, 'listMonthAttendance'), jest.spyOn(attendance, 'listEvents'), jest.spyOn(attendance, 'listAbsencesAndCorrections')];
  let views: Record<'5001' | '5002' | '5003', Record<string, unknown>>;
  try {
    const october = { '5001': await runMonth('5001'), '5002': await runMonth('5002') };
    // January 2027 can be computed from 1 February (Oslo), the day its golden case is computed on.
    const january = [...new Set(seeds.filter((x) => x.seed.municipality === '5003').map((x) => x.seed.expectedCase.period))];
    expect(january).toEqual(['2027-01']);
    sys.clock!.set('2027-02-01T08:00:00Z');
    try {
      views = { ...october, '5003': await runMonth('5003', '2027-01') };
    } finally {
      sys.clock!.set('2026-11-02T08:00:00Z');
    }
  } finally {
    logs.stop();
  }
  const readCounts = reads.map((spy) => spy.mock.calls.length);
  for (const spy of reads) spy.mockRestore();
  // One month query per participant, no other attendance read (no month of these runs was released before).
  expect(readCounts).toEqual([seeds.length, 0, 0]);
  // S7: no name, family name or national id in any log line; workflow payloads carry ids only.
  const text = logs.text();
  expect(text).toContain('payroll-compute-batch');
  expect(text).not.toMatch(/Golden|Seedersen|200000000\d\d/);
  expect(payloads.length).toBeGreaterThan(0);
  for (const p of payloads) expect(Object.keys(p as object).every((k) => ['runId', 'batch', 'error'].includes(k))).toBe(true);
  let payout = 0;
  for (const { name, seed } of seeds) {
    const stored = await sys.deps.decisions.getLatest(seed.participantId, seed.expectedCase.period);
    expect({ name, version: stored?.version }).toEqual({ name, version: 1 });
    const expected = decide(parseCase(seed.expectedCase));
    expect({ name, decision: stored!.decision }).toEqual({ name, decision: JSON.parse(JSON.stringify(expected)) });
    expect(stored!.input).toEqual(JSON.parse(JSON.stringify(parseCase(seed.expectedCase))));
    expect(Object.keys(stored!.decision.explanation as object).sort()).toEqual([...LANGUAGES].sort());
    payout += expected.payoutOre;
  }
  const totals = [views['5001'], views['5002'], views['5003']].map((v) => v.totals as { payoutOre: number; decided: number });
  expect(totals.reduce((n, t) => n + t.payoutOre, 0)).toBe(payout);
  expect(totals.reduce((n, t) => n + t.decided, 0)).toBe(seeds.length);
  expect(views['5001']).toMatchObject({ status: 'AWAITING_APPROVAL', progress: { percent: 100 } });
});

test('the run list shows the run; another municipality cannot read it', async () => {
  const token = await sys.tokenFor(staff('pay-5001', ['payroll'], '5001'));
  const list = await sys.http('GET', '/payroll-runs', { token, query: { period: '2026-10' } });
  expect(list.status).toBe(200);
  const runs = list.body!.runs as { runId: string; municipality: string }[];
  expect(runs).toHaveLength(1);
  const other = await sys.tokenFor(staff('pay-9999', ['payroll'], '5002'));
  expect((await sys.http('GET', `/payroll-runs/${runs[0]!.runId}`, { token: other })).status).toBe(404);
  // The same month again: the existing run, no second one.
  const again = await sys.http('POST', '/payroll-runs', { token, body: { period: '2026-10' } });
  expect(again.status).toBe(200);
  expect(again.body!.runId).toBe(runs[0]!.runId);
});

test('from start to export: participants read their explanation in nb and en; two payroll users release; the CSV has the decision', async () => {
  for (const { seed } of seeds.filter((x) => x.seed.municipality === '5001').slice(0, 3)) {
    const token = await sys.tokenFor(participant(seed.participantId, seed.municipality));
    for (const lang of ['nb', 'en']) {
      const r = await sys.http('GET', '/me/decisions/2026-10/explanation', { token, query: { lang } });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ participantId: seed.participantId, period: '2026-10', version: 1, lang });
      expect((r.body!.layers as unknown[]).length).toBe(LAYER_ORDER.length);
    }
  }

  const runId = (await sys.deps.payrollRuns.getCurrentRun('5002', '2026-10'))!.runId;
  const a = await sys.tokenFor(staff('pay-a', ['payroll'], '5002'));
  const b = await sys.tokenFor(staff('pay-b', ['payroll'], '5002'));
  expect((await sys.http('GET', `/payroll-runs/${runId}/export`, { token: a })).status).toBe(409);
  expect((await sys.http('POST', `/payroll-runs/${runId}/approvals`, { token: a })).status).toBe(201);
  const twice = await sys.http('POST', `/payroll-runs/${runId}/approvals`, { token: a });
  expect(twice.status).toBe(409);
  expect(twice.body!.code).toBe('ALREADY_APPROVED_BY_YOU');
  expect((await sys.http('POST', `/payroll-runs/${runId}/approvals`, { token: b })).status).toBe(201);
  expect((await sys.http('GET', `/payroll-runs/${runId}`, { token: a })).body).toMatchObject({ status: 'RELEASED' });
  expect(await waitForExport(sys, b, runId)).toMatchObject({ status: 'READY' });
  const csv = await downloadExport(sys, b, runId);
  expect(csv.status).toBe(200);
  expect(csv.headers['content-type']).toMatch(/^text\/csv/);
  const g12 = seeds.find((x) => x.seed.municipality === '5002')!.seed;
  expect(csv.raw).toContain(`${g12.participantId}.2026-10.v0001`);
  expect(csv.raw).not.toMatch(/Golden|Seedersen/);

  // In 5001 g10's decision needs a formal decision (VEDTAK_REQUIRED): the run cannot be approved until an adviser resolves it.
  const vedtak = (await sys.deps.decisions.listLatestForMonth('5001', '2026-10')).filter((d) => d.review === 'VEDTAK_REQUIRED');
  expect(vedtak.length).toBe(1);
  const run5001 = (await sys.deps.payrollRuns.getCurrentRun('5001', '2026-10'))!.runId;
  const refused = await sys.http('POST', `/payroll-runs/${run5001}/approvals`, { token: await sys.tokenFor(staff('pay-c', ['payroll'], '5001')) });
  expect(refused.status).toBe(409);
  expect(refused.body!.code).toBe('VEDTAK_UNRESOLVED');
});
