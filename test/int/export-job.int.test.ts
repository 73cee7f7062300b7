/**
 * The export job of a released run (issue 15; R4 and S6 for the export) on
 * the local system, through the real ASL (ExportFile, ExportFailed) and
 * handlers: a step that fails before or after its write is retried and the
 * file is still written once; an audit log that cannot be written fails the
 * job with no file (no read without its access-log entry); a new attempt
 * (POST …/export) continues after the last checkpoint instead of logging
 * every participant again; racing starts give one attempt; the job's
 * progress is visible while it runs.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportLine, followExport, saveExport, type ApiCall, type ExportBody } from '../../infra/local/payroll-cli.js';
import type { Injector } from '../../infra/local/workflow-runner.js';
import type { AuditLog, StaffRead } from '../../shared/adapters/audit-log.js';
import { recordStaffReadWith } from '../../shared/adapters/audit-log.js';
import { CHECKPOINT } from '../../functions/payroll-export-file/export-file.js';
import { downloadExport, waitForExport, type ExportView } from '../support/export-download.js';
import { staff, startTestSystem, type TestSystem } from '../support/local-system.js';
import { seedAwaitingRun } from '../support/run-seed.js';

let sys: TestSystem;
let pay: string;
const AT = '2026-11-02T06:00:00.000Z';
const N = 300;
let realAudit: AuditLog;

beforeAll(async () => {
  sys = await startTestSystem({ clock: '2026-11-10T09:00:00Z' });
  await sys.workflow.warm();
  pay = await sys.tokenFor(staff('payroll-export-1', ['payroll']));
  realAudit = sys.deps.audit;
}, 300_000);

afterAll(async () => {
  sys.workflow.options = {};
  await sys?.stop();
});

beforeEach(() => {
  sys.workflow.options = { retryIntervalMs: 1 };
  sys.deps.swap({});
});

/** A released run (released through the repository: the job is owed but not started). */
/** One run per municipality and month: each test's run has its own month. */
const PERIOD: Record<string, string> = { 'run-exp-a': '2026-10', 'run-exp-before': '2026-09', 'run-exp-after': '2026-08', 'run-exp-audit': '2026-07', 'run-exp-stuck': '2026-06', 'run-exp-cli': '2026-05' };

async function released(runId: string, n = N): Promise<string[]> {
  const { participants } = await seedAwaitingRun(sys.deps, { runId, period: PERIOD[runId]!, n, at: AT, municipality: '5001' });
  for (const by of ['staff-a', 'staff-b']) await sys.deps.payrollRuns.apply(runId, { type: 'ApproveRun', by, at: '2026-11-05T10:00:00.000Z', unresolvedVedtak: 0 });
  return participants;
}

const start = (runId: string) => sys.http('POST', `/payroll-runs/${runId}/export`, { token: pay });
const status = async (runId: string) => (await sys.http('GET', `/payroll-runs/${runId}/export`, { token: pay })).body as unknown as ExportView;
const exportEntries = async (pid: string) => (await realAudit.list(pid)).filter((e) => e.purpose === 'payroll-export').length;
const fileOf = (runId: string) => join(sys.system.env.EXPORT_DIR!, 'exports', '5001', PERIOD[runId]!, `${runId}.csv`);

/** An audit log that refuses every append after `limit` (a failing audit table). */
function auditFailingAfter(limit: number): AuditLog {
  let n = 0;
  const log: AuditLog = {
    append: (e) => (n++ < limit ? realAudit.append(e) : Promise.reject(new Error('audit down'))),
    list: (pid) => realAudit.list(pid),
    recordStaffRead: (read: StaffRead) => recordStaffReadWith(log, read),
  };
  return log;
}

function failing(state: 'ExportFile' | 'ExportFailed', phase: 'before' | 'after', times: number): Injector {
  let n = 0;
  return (s, p) => {
    if (s === state && p === phase && n++ < times) throw Object.assign(new Error(`injected ${state} ${phase}`), { name: 'TransientTaskError' });
  };
}

test('a release owes one job: before anyone starts it the page sees PENDING; starting it shows progress, then READY', async () => {
  await released('run-exp-a');
  expect(await status('run-exp-a')).toMatchObject({ status: 'PENDING', phase: 'QUEUED', percent: 0, attempts: 1 });
  const seen = new Set<string>();
  const r = await start('run-exp-a');
  expect([r.status, r.body?.attempts]).toEqual([202, 2]);
  for (let s = await status('run-exp-a'); s.status !== 'READY'; s = await status('run-exp-a')) {
    seen.add(`${s.phase}`);
    expect(s.percent).toBeGreaterThanOrEqual(0);
    await new Promise((res) => setTimeout(res, 5));
  }
  expect(await status('run-exp-a')).toMatchObject({ status: 'READY', phase: 'DONE', percent: 100, done: N, total: N, file: { lines: N } });
  // Asking again while it is ready starts nothing.
  expect((await start('run-exp-a')).status).toBe(200);
  expect([...seen].length).toBeGreaterThan(0);
});

test('ExportFile failing before or after its write is retried: one file, one access-log entry per participant', async () => {
  for (const phase of ['before', 'after'] as const) {
    const runId = `run-exp-${phase}`;
    const participants = await released(runId, 40);
    sys.workflow.options = { retryIntervalMs: 1, inject: failing('ExportFile', phase, 1) };
    expect((await start(runId)).status).toBe(202);
    expect(await waitForExport(sys, pay, runId)).toMatchObject({ status: 'READY', attempts: 2, file: { lines: 40 } });
    for (const pid of participants.slice(0, 5)) expect(await exportEntries(pid)).toBe(1);
    expect((await downloadExport(sys, pay, runId)).raw).toBe(readFileSync(fileOf(runId), 'utf8'));
  }
});

test('no file without the access log: an audit log that fails makes the job FAILED; a new attempt continues after the last checkpoint', async () => {
  const runId = 'run-exp-audit';
  const participants = await released(runId);
  // The log fails half-way through the second checkpoint's chunk, for good.
  sys.deps.swap({ audit: auditFailingAfter(CHECKPOINT + 20) });
  expect((await start(runId)).status).toBe(202);
  const failed = await waitForExport(sys, pay, runId);
  expect(failed).toMatchObject({ status: 'FAILED', failure: 'TransientTaskError', done: CHECKPOINT, total: N, file: null });
  expect(() => readFileSync(fileOf(runId))).toThrow();
  expect((await sys.http('POST', `/payroll-runs/${runId}/export/links`, { token: pay })).body).toMatchObject({ code: 'EXPORT_NOT_READY' });

  sys.deps.swap({});
  // Two requests at once start one new attempt (the second sees it being started).
  const [a, b] = await Promise.all([start(runId), start(runId)]);
  expect([a.status, b.status].sort()).toEqual([200, 202]);
  const ready = await waitForExport(sys, pay, runId);
  expect(ready).toMatchObject({ status: 'READY', attempts: 3, done: N, total: N, failure: null });
  // Everyone has the entry; only the chunk that was being written when the log failed has a second one.
  const counts = await Promise.all(participants.map(exportEntries));
  expect(counts.every((c) => c >= 1)).toBe(true);
  expect(counts.filter((c) => c > 1).length).toBeLessThanOrEqual(CHECKPOINT);
  expect(counts.slice(0, CHECKPOINT).every((c) => c === 1)).toBe(true);
  expect(readFileSync(fileOf(runId), 'utf8').split('\r\n')).toHaveLength(N + 2);
});

test('ExportFailed keeps failing: the job stays RUNNING with no execution, and the next POST resumes it', async () => {
  const runId = 'run-exp-stuck';
  await released(runId, 10);
  sys.workflow.options = {
    retryIntervalMs: 1,
    inject: (s, p) => {
      if ((s === 'ExportFile' && p === 'before') || s === 'ExportFailed') throw Object.assign(new Error('injected'), { name: 'PermanentTaskError' });
    },
  };
  const r = await start(runId);
  expect(r.status).toBe(202);
  const job = (await sys.deps.payrollRuns.getExportJob(runId))!;
  expect(await sys.workflow.wait(job.executionName)).toMatchObject({ status: 'FAILED' });
  expect(await status(runId)).toMatchObject({ status: 'PENDING' });
  sys.workflow.options = { retryIntervalMs: 1 };
  // Within a minute of its start it counts as being started; after that a new attempt replaces it.
  expect((await start(runId)).status).toBe(200);
  sys.clock!.advance(61_000);
  expect((await start(runId)).status).toBe(202);
  expect(await waitForExport(sys, pay, runId)).toMatchObject({ status: 'READY', attempts: job.attempts + 1 });
});

test('npm run payroll on a released run: the export’s progress, then a link, and --out saves the file (0600) checked against its checksum', async () => {
  const runId = 'run-exp-cli';
  await released(runId, 30);
  const call: ApiCall = async (method, path) => {
    const r = await sys.http(method, path, { token: pay });
    return { status: r.status, body: r.body ?? {} };
  };
  const seen: ExportBody[] = [];
  const out = await followExport(call, runId, (e) => seen.push(e), 5);
  expect(out.ok).toBe(true);
  if (!out.ok) return;
  expect(out.link).toMatchObject({ filename: `introflyt-5001-2026-05-${runId}.csv`, lines: 30 });
  expect(seen.at(-1)).toMatchObject({ status: 'READY', percent: 100 });
  expect(exportLine(seen.at(-1)!)).toBe(`[${'#'.repeat(30)}] 100 %  export done`);
  expect(exportLine({ status: 'RUNNING', phase: 'ACCESS_LOG', percent: 50, done: 15, total: 30, failure: null, file: null })).toContain('export access log 15/30');
  const dir = mkdtempSync(join(tmpdir(), 'payroll-cli-'));
  try {
    const file = join(dir, 'out.csv');
    expect(await saveExport(out.link, file)).toBe(readFileSync(fileOf(runId)).length);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(fileOf(runId), 'utf8'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await expect(saveExport({ ...out.link, sha256: '0'.repeat(64) }, join(dir, 'bad.csv'))).rejects.toThrow('checksum');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Before the release there is nothing to export: the reason is the API's code.
  const unreleased = await seedAwaitingRun(sys.deps, { runId: 'run-exp-cli2', period: '2026-04', n: 2, at: AT });
  expect(await followExport(call, unreleased.runId, () => undefined)).toMatchObject({ ok: false, reason: expect.stringContaining('RUN_NOT_RELEASED') });
});
