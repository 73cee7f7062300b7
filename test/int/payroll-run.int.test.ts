/**
 * The payroll run's storage and routes on DynamoDB Local (one local system):
 * one run per municipality and month under concurrency, restart after
 * FAILED, decide/evolve writes with optimistic concurrency (two approvers,
 * one user twice refused), batch results and the export recorded once; the
 * start route's idempotency, resume of a run whose execution ended, input
 * validation and roles; the CLI's summary table.
 */
import type { BatchResult } from '../../shared/adapters/payroll-runs-repo.js';
import type { PayrollWorkflowPort } from '../../shared/adapters/workflow.js';
import { decisionTotals, emptyTotals, RunRejected } from '../../shared/domain/payroll/run.js';
import { spawnSync } from 'node:child_process';
import { EXIT_MONTH_NOT_ENDED, kroner, monthNotEndedMessage, summaryTable } from '../../infra/local/payroll-cli.js';
import { PROJECT_ROOT } from '../../infra/project.js';
import { addMonths } from '../../web/src/lib/format.js';
import { startTestSystem, participant, staff, type TestSystem } from '../support/local-system.js';

let sys: TestSystem;

class FakeWorkflow implements PayrollWorkflowPort {
  started: { runId: string; name: string }[] = [];
  running = new Set<string>();
  failNextStart = false;
  async start(runId: string, name: string): Promise<void> {
    if (this.failNextStart) {
      this.failNextStart = false;
      throw new Error('StartExecution unavailable');
    }
    this.started.push({ runId, name });
    this.running.add(name);
  }
  async isRunning(name: string): Promise<boolean> {
    return this.running.has(name);
  }
}
const workflow = new FakeWorkflow();

beforeAll(async () => {
  sys = await startTestSystem({ clock: '2026-11-02T08:00:00Z' });
  sys.deps.swap({ workflow });
});
afterAll(async () => {
  await sys?.stop();
});

const newRun = (runId: string, municipalityCode: string, period = '2026-10') => ({ runId, municipalityCode, period, by: 'staff-1', at: '2026-11-02T08:00:00.000Z', executionName: `${runId}-1` });

describe('payroll runs repository', () => {
  test('one run per municipality and month, even when ten start at once', async () => {
    const repo = sys.deps.payrollRuns;
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => repo.createRun(newRun(`run-c${i}`, '7001'))));
    const created = results.filter((r) => r.created);
    expect(created).toHaveLength(1);
    const winner = created[0]!.created ? created[0]!.run.runId : '';
    for (const r of results) if (!r.created) expect(r.existing.runId).toBe(winner);
    expect((await repo.getCurrentRun('7001', '2026-10'))!.runId).toBe(winner);
    // Another month or municipality is another run.
    expect((await repo.createRun(newRun('run-c-other', '7001', '2026-09'))).created).toBe(true);
    expect((await repo.createRun(newRun('run-c-muni', '7002'))).created).toBe(true);
    expect((await repo.listRuns('7001')).map((r) => r.period)).toEqual(['2026-10', '2026-09']);
    expect((await repo.listRuns('7001', { period: '2026-09' })).map((r) => r.runId)).toEqual(['run-c-other']);
  });

  test('a FAILED run may be followed by a new one; the failed one stays listed', async () => {
    const repo = sys.deps.payrollRuns;
    await repo.createRun(newRun('run-f1', '7003'));
    await repo.apply('run-f1', { type: 'FailRun', reason: 'X', at: '2026-11-02T09:00:00.000Z' });
    const second = await repo.createRun(newRun('run-f2', '7003'));
    expect(second.created).toBe(true);
    expect((await repo.getCurrentRun('7003', '2026-10'))!.runId).toBe('run-f2');
    expect((await repo.listRuns('7003')).map((r) => r.status).sort()).toEqual(['COMPUTING', 'FAILED']);
    // The failed run can no longer move the month's owner item.
    await repo.apply('run-f1', { type: 'FailRun', reason: 'Y', at: '2026-11-02T09:00:00.000Z' }).catch(() => undefined);
    expect((await repo.createRun(newRun('run-f3', '7003'))).created).toBe(false);
  });

  test('batches are frozen once, results count once, approvals need two users, export once after release', async () => {
    const repo = sys.deps.payrollRuns;
    await repo.createRun(newRun('run-b', '7004'));
    expect(await repo.freezeBatches('run-b', [['p1', 'p2'], ['p3']], '2026-11-02T08:01:00.000Z')).toEqual({ batches: 2, participants: 3 });
    // A retried prepare that listed someone new keeps the frozen batches.
    expect(await repo.freezeBatches('run-b', [['p1', 'p2', 'p4']], '2026-11-02T08:02:00.000Z')).toEqual({ batches: 2, participants: 3 });
    expect((await repo.getBatch('run-b', 1))!.participantIds).toEqual(['p3']);

    const result: BatchResult = { ...decisionTotals({ baseOre: 100, deductionOre: 10, payoutOre: 90, review: 'REVIEW' }), written: 1 };
    expect(await Promise.all([repo.recordBatchResult('run-b', 0, result), repo.recordBatchResult('run-b', 0, result)])).toEqual(expect.arrayContaining(['recorded', 'exists']));
    expect(await repo.recordBatchResult('run-b', 1, { ...emptyTotals(), written: 0 })).toBe('recorded');
    expect(await repo.recordBatchResult('run-b', 7, result)).toBe('exists');
    expect((await repo.getRun('run-b'))!.progress).toEqual({ prepared: true, batches: 2, batchesDone: 2, participants: 3, freshMonth: false, correctionMonths: [] });

    const { written: _w, ...totals } = result;
    await repo.apply('run-b', { type: 'SummariseRun', totals, at: '2026-11-02T08:03:00.000Z' });
    const exp = { exportId: 'exp-1', at: '2026-11-03T10:00:00.000Z', by: 'staff-2', lines: 1, sha256: 'a'.repeat(64) };
    await expect(repo.recordExport('run-b', exp)).rejects.toThrow(RangeError);
    // Concurrent approvals by two users: both land (version check + retry), the second releases.
    await Promise.all([
      repo.apply('run-b', { type: 'ApproveRun', by: 'staff-a', at: '2026-11-03T09:00:00.000Z', unresolvedVedtak: 0 }),
      repo.apply('run-b', { type: 'ApproveRun', by: 'staff-b', at: '2026-11-03T09:00:00.000Z', unresolvedVedtak: 0 }),
    ]);
    const released = (await repo.getRun('run-b'))!;
    expect(released.status).toBe('RELEASED');
    expect(released.approvals.map((a) => a.userId).sort()).toEqual(['staff-a', 'staff-b']);
    expect(await repo.recordExport('run-b', exp)).toBe('recorded');
    expect(await repo.recordExport('run-b', { ...exp, exportId: 'exp-2' })).toBe('exists');
    expect((await repo.getRun('run-b'))!.export!.exportId).toBe('exp-1');
  });

  test('one user approving twice does not count; an unresolved formal decision blocks', async () => {
    const repo = sys.deps.payrollRuns;
    await repo.createRun(newRun('run-a', '7005'));
    await repo.apply('run-a', { type: 'SummariseRun', totals: emptyTotals(), at: '2026-11-02T08:03:00.000Z' });
    await expect(repo.apply('run-a', { type: 'ApproveRun', by: 'staff-a', at: 'x', unresolvedVedtak: 1 })).rejects.toMatchObject({ code: 'VEDTAK_UNRESOLVED' });
    await repo.apply('run-a', { type: 'ApproveRun', by: 'staff-a', at: 'x', unresolvedVedtak: 0 });
    await expect(repo.apply('run-a', { type: 'ApproveRun', by: 'staff-a', at: 'y', unresolvedVedtak: 0 })).rejects.toBeInstanceOf(RunRejected);
    expect((await repo.getRun('run-a'))!.status).toBe('AWAITING_APPROVAL');
  });
});

describe('POST /payroll-runs, GET /payroll-runs[/{id}]', () => {
  test('starts once; the same month again returns the run; a run whose start failed is resumed', async () => {
    const token = await sys.tokenFor(staff('pay-x', ['payroll'], '7010'));
    workflow.failNextStart = true;
    const failed = await sys.http('POST', '/payroll-runs', { token, body: { period: '2026-10' } });
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({ code: 'INTERNAL', message: 'Internal error' });

    const resumed = await sys.http('POST', '/payroll-runs', { token, body: { period: '2026-10' } });
    expect(resumed.status).toBe(202);
    const runId = resumed.body!.runId as string;
    expect(workflow.started).toContainEqual({ runId, name: `${runId}-2` });
    expect(resumed.body).toMatchObject({ status: 'COMPUTING', municipality: '7010', period: '2026-10', progress: { percent: 0 } });

    const again = await sys.http('POST', '/payroll-runs', { token, body: { period: '2026-10' } });
    expect(again.status).toBe(200);
    expect(again.body!.runId).toBe(runId);
    expect(workflow.started.filter((s) => s.runId === runId)).toHaveLength(1);

    const got = await sys.http('GET', `/payroll-runs/${runId}`, { token });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ runId, status: 'COMPUTING' });
    const list = await sys.http('GET', '/payroll-runs', { token });
    expect((list.body!.runs as { runId: string }[]).map((r) => r.runId)).toEqual([runId]);
  });

  test('a month is computed when it has ended (Europe/Oslo): before, 409 MONTH_NOT_ENDED naming the first day, nothing written or started', async () => {
    const token = await sys.tokenFor(staff('pay-end', ['payroll'], '7012'));
    const start = (period: string) => sys.http('POST', '/payroll-runs', { token, body: { period } });
    const startedBefore = workflow.started.length;
    try {
      // 31 October 23:59:59 in Oslo (UTC+1 after 25 October): October has not ended.
      for (const [clock, period, first] of [
        ['2026-10-31T22:59:59Z', '2026-10', '2026-11-01'],
        ['2026-10-15T10:00:00Z', '2026-10', '2026-11-01'],
        ['2026-10-31T22:59:59Z', '2026-11', '2026-12-01'],
        // 31 July 23:30 in Oslo is 21:30 UTC (summer time): still July.
        ['2026-07-31T21:30:00Z', '2026-07', '2026-08-01'],
        ['2027-02-28T22:59:59Z', '2027-02', '2027-03-01'],
      ] as const) {
        sys.clock!.set(clock);
        const r = await start(period);
        expect([clock, r.status, r.body?.code]).toEqual([clock, 409, 'MONTH_NOT_ENDED']);
        expect(r.body?.message).toContain(first);
        expect(r.body?.issues).toEqual([{ path: 'body.period', message: `can start on ${first} or later` }]);
      }
      expect(await sys.deps.payrollRuns.listRuns('7012')).toEqual([]);
      expect(workflow.started.length).toBe(startedBefore);

      // The first moment of 1 November in Oslo: October can start.
      sys.clock!.set('2026-10-31T23:00:00Z');
      const october = await start('2026-10');
      expect([october.status, october.body?.period, october.body?.status]).toEqual([202, '2026-10', 'COMPUTING']);
      // 1 August 00:00 in Oslo is 31 July 22:00 UTC.
      sys.clock!.set('2026-07-31T22:00:00Z');
      expect((await start('2026-07')).status).toBe(202);
      sys.clock!.set('2027-03-01T08:00:00Z');
      expect((await start('2027-02')).status).toBe(202);
      expect((await sys.deps.payrollRuns.listRuns('7012')).map((r) => r.period).sort()).toEqual(['2026-07', '2026-10', '2027-02']);
    } finally {
      sys.clock!.set('2026-11-02T08:00:00Z');
    }
  });

  test('bad input is a 400 with a code, nothing written; only payroll users', async () => {
    const token = await sys.tokenFor(staff('pay-y', ['payroll'], '7011'));
    for (const body of [{ period: '2026-13' }, { period: '202610' }, {}, { period: '2026-10', municipality: '0301' }]) {
      const r = await sys.http('POST', '/payroll-runs', { token, body });
      expect(r.status).toBe(400);
      expect(typeof r.body!.code).toBe('string');
    }
    expect((await sys.http('POST', '/payroll-runs', { token, body: { period: '2026-12' } })).body).toMatchObject({ code: 'MONTH_NOT_ENDED' });
    expect((await sys.http('GET', '/payroll-runs/not-a-run', { token })).status).toBe(400);
    expect((await sys.http('GET', '/payroll-runs/run-nothing', { token })).status).toBe(404);
    expect((await sys.http('GET', '/payroll-runs', { token, query: { period: 'x' } })).status).toBe(400);
    expect(await sys.deps.payrollRuns.listRuns('7011')).toEqual([]);
    const adviser = await sys.tokenFor(staff('adv', ['adviser'], '7011'));
    expect((await sys.http('POST', '/payroll-runs', { token: adviser, body: { period: '2026-10' } })).status).toBe(403);
    const p = await sys.tokenFor(participant('p-1', '7011'));
    expect((await sys.http('GET', '/payroll-runs', { token: p })).status).toBe(403);
  });
});

test('the CLI summary table: per review class count, base, deduction, payout in kroner', () => {
  expect(kroner(12345678)).toBe('123 456,78');
  expect(kroner(-5)).toBe('-0,05');
  const t = { ...decisionTotals({ baseOre: 2_000_000, deductionOre: 110_715, payoutOre: 1_889_285, review: 'REVIEW' }), backPaymentOre: 221_430, adviserCorrections: 1 };
  const table = summaryTable(t);
  expect(table).toMatch(/^REVIEW +1 +20 000,00 +1 107,15 +18 892,85$/m);
  expect(table).toMatch(/^total +1 +20 000,00/m);
  expect(table).toContain('back-payments of earlier months: 2 214,30 kr; negative corrections sent to an adviser: 1');
});

describe('npm run payroll: a month is computed when it has ended', () => {
  test('before the 1st of the next month (Oslo date) the CLI refuses, naming the first day; from it on it runs', () => {
    expect(monthNotEndedMessage('2026-11', '2026-11-30')).toMatch(/The month 2026-11 has not ended yet.*\nIts run can start on 2026-12-01 or later\.\n$/s);
    expect(monthNotEndedMessage('2026-12', '2026-12-31')).toContain('2027-01-01');
    expect(monthNotEndedMessage('2026-11', '2026-12-01')).toBeNull();
    expect(monthNotEndedMessage('2026-10', '2026-12-01')).toBeNull();
  });

  test('the command exits 3 with the message on stderr and starts nothing (next month: never ended, whatever the clock)', () => {
    const next = addMonths(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7), 1);
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'infra/local/payroll-cli.ts', '--period', next, '--memory'], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(EXIT_MONTH_NOT_ENDED);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`The month ${next} has not ended yet`);
    expect(r.stderr).toContain('Its run can start on');
    expect(r.stderr).not.toContain('Starting the local system');
  });
});
