/**
 * Racing approvals and downloads on one seeded run (issue 15; quality.md S5):
 * two payroll users approving the same run at the same time, a dozen
 * requests interleaved with downloads, get only 2xx/4xx answers, each with a
 * clear code (approved, already approved by you, released, blocked by formal
 * decisions, not released yet, export not ready), never a 5xx; the run is
 * released exactly once, with exactly two approvals and two approval entries
 * in its audit chain, and it gets exactly one export file (mode 0600) that
 * every link downloads byte for byte. Also: an adviser's formal decision
 * racing the approvals; a crashed holder's approval lock is taken over
 * after its lease, a live one answers 409 APPROVAL_IN_PROGRESS; the export's
 * download links refuse any changed part and expire.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { downloadExport, waitForExport } from '../support/export-download.js';
import { staff, startTestSystem, type HttpReply, type TestSystem } from '../support/local-system.js';
import { seedAwaitingRun } from '../support/run-seed.js';

let sys: TestSystem;
let pay1: string;
let pay2: string;
let adviser: string;
const AT = '2026-11-02T06:00:00.000Z';
const ADVISER = 'adviser-race';
/** Participants of the seeded run besides the one whose decision needs a formal decision. */
const N = 300;

const seedRun = async (runId: string, period: string, vedtakPid?: string) =>
  (await seedAwaitingRun(sys.deps, { runId, period, n: N, at: AT, ...(vedtakPid === undefined ? {} : { vedtak: { participantId: vedtakPid, adviser: ADVISER } }) })).vedtak;

beforeAll(async () => {
  sys = await startTestSystem({ clock: '2026-11-10T09:00:00Z' });
  // The release starts the export job in this process: its first start would otherwise load the workflow inside an approval.
  await sys.workflow.warm();
  pay1 = await sys.tokenFor(staff('payroll-race-1', ['payroll']));
  pay2 = await sys.tokenFor(staff('payroll-race-2', ['payroll']));
  adviser = await sys.tokenFor(staff(ADVISER, ['adviser']));
}, 300_000);

afterAll(() => sys?.stop());

const approve = (token: string, runId: string) => sys.http('POST', `/payroll-runs/${runId}/approvals`, { token });
/** Twelve approvals, six per user, and downloads of every kind in between, all at once. */
function race(runId: string): Promise<HttpReply[]> {
  const requests: Promise<HttpReply>[] = [];
  for (let i = 0; i < 12; i++) {
    requests.push(approve(i % 2 === 0 ? pay1 : pay2, runId));
    if (i % 4 === 1) requests.push(sys.http('GET', `/payroll-runs/${runId}/export`, { token: pay1 }));
    if (i % 4 === 3) requests.push(sys.http('POST', `/payroll-runs/${runId}/export/links`, { token: pay2 }));
  }
  requests.push(sys.http('POST', `/payroll-runs/${runId}/export`, { token: pay2 }), sys.http('GET', `/payroll-runs/${runId}`, { token: pay1 }));
  return Promise.all(requests);
}

const ANSWERS = new Set(['201', '200', '202', '409 VEDTAK_UNRESOLVED', '409 ALREADY_APPROVED_BY_YOU', '409 RUN_RELEASED', '409 RUN_NOT_RELEASED', '409 EXPORT_NOT_READY', '409 APPROVAL_IN_PROGRESS']);
const answer = (r: HttpReply) => (r.status < 300 ? String(r.status) : `${r.status} ${String(r.body?.code)}`);

async function exportFiles(runId: string): Promise<string[]> {
  const dir = join(sys.system.env.EXPORT_DIR!, 'exports', '5001');
  const files: string[] = [];
  for (const month of readdirSync(dir)) for (const f of readdirSync(join(dir, month))) if (f.includes(runId)) files.push(join(dir, month, f));
  return files;
}

test('two users racing a dozen approvals and downloads: only 2xx/4xx with codes, one release, two approvals, one export file', async () => {
  const RUN = 'run-race-oct';
  await seedRun(RUN, '2026-10');
  const answers = await race(RUN);
  for (const r of answers) expect({ answer: answer(r), known: ANSWERS.has(answer(r)), hasCode: r.status < 300 || typeof r.body?.code === 'string' }).toEqual({ answer: answer(r), known: true, hasCode: true });
  const approvals = answers.filter((_, i) => i < answers.length && answers[i]!.body?.approvalsNeeded !== undefined);
  expect(approvals.filter((r) => r.status === 201)).toHaveLength(2);
  expect(approvals.filter((r) => r.status === 201 && r.body?.released === true)).toHaveLength(1);

  const run = (await sys.deps.payrollRuns.getRun(RUN))!;
  expect(run.status).toBe('RELEASED');
  expect(run.approvals.map((a) => a.userId).sort()).toHaveLength(2);
  expect(new Set(run.approvals.map((a) => a.userId)).size).toBe(2);
  expect(run.approvalLock).toBeUndefined();
  // Only the two approvals that landed wrote their audit entry: refused attempts leave none.
  expect((await sys.deps.audit.list(`RUN#${RUN}`)).filter((e) => e.purpose === 'payroll-approval')).toHaveLength(2);

  // After the release: more racing approvals are answered, the export is made once.
  for (const r of await race(RUN)) expect(ANSWERS.has(answer(r))).toBe(true);
  const job = await waitForExport(sys, pay1, RUN);
  expect(job).toMatchObject({ status: 'READY', attempts: 1, file: { lines: N } });
  const files = await exportFiles(RUN);
  expect(files).toHaveLength(1);
  expect(statSync(files[0]!).mode & 0o777).toBe(0o600);
  expect(statSync(join(sys.system.env.EXPORT_DIR!, 'exports')).mode & 0o777).toBe(0o700);

  const downloads = await Promise.all([downloadExport(sys, pay1, RUN), downloadExport(sys, pay2, RUN), downloadExport(sys, pay1, RUN)]);
  for (const d of downloads) expect([d.link.status, d.status, d.headers['x-export-sha256']]).toEqual([201, 200, job.file!.sha256]);
  expect(new Set(downloads.map((d) => d.raw)).size).toBe(1);
  expect(downloads[0]!.raw.split('\r\n')).toHaveLength(N + 2);
  expect(await exportFiles(RUN)).toEqual(files);
});

test('an adviser’s formal decision racing the approvals: blocked (409 VEDTAK_UNRESOLVED) until it lands, then released once', async () => {
  const RUN = 'run-race-sep';
  const vedtak = (await seedRun(RUN, '2026-09', 'p-race-vedtak'))!;
  const blocked = await race(RUN);
  for (const r of blocked) expect(['409 VEDTAK_UNRESOLVED', '409 RUN_NOT_RELEASED', '200']).toContain(answer(r));
  expect((await sys.deps.payrollRuns.getRun(RUN))!.approvals).toEqual([]);

  const resolve = sys.http('PUT', `/decisions/p-race-vedtak/2026-09/resolution`, { token: adviser, body: { kind: 'FORMAL_DECISION', version: vedtak.version, vedtakReference: '2026/99-1', advanceNoticeDate: '2026-10-20' } });
  const [resolved, answers] = await Promise.all([resolve, race(RUN)]);
  expect(resolved.status).toBe(201);
  for (const r of answers) expect(ANSWERS.has(answer(r))).toBe(true);
  // Whatever the interleaving, a round after the resolution releases it, once.
  for (const r of await race(RUN)) expect(ANSWERS.has(answer(r))).toBe(true);
  const run = (await sys.deps.payrollRuns.getRun(RUN))!;
  expect([run.status, new Set(run.approvals.map((a) => a.userId)).size]).toEqual(['RELEASED', 2]);
  expect((await sys.deps.audit.list(`RUN#${RUN}`)).filter((e) => e.purpose === 'payroll-approval')).toHaveLength(2);
  expect((await waitForExport(sys, pay1, RUN)).status).toBe('READY');
});

test('an approval lock left by a crashed request is taken over after its lease; a live one answers 409 APPROVAL_IN_PROGRESS', async () => {
  const RUN = 'run-race-aug';
  await seedRun(RUN, '2026-08');
  const { db, name } = sys.deps.table('payrollRuns');
  const lock = (until: string) =>
    db.send(new UpdateCommand({ TableName: name, Key: { pk: `RUN#${RUN}`, sk: 'RUN' }, UpdateExpression: 'SET approvalLock = :l', ExpressionAttributeValues: { ':l': { owner: 'approval-crashed', until } } }));
  await lock('2026-11-10T09:00:05.000Z');
  const waited = await approve(pay1, RUN);
  expect([waited.status, waited.body?.code]).toEqual([409, 'APPROVAL_IN_PROGRESS']);
  expect((await sys.deps.payrollRuns.getRun(RUN))!.approvals).toEqual([]);
  sys.clock!.advance(6_000);
  try {
    expect((await approve(pay1, RUN)).status).toBe(201);
    expect((await sys.deps.payrollRuns.getRun(RUN))!).toMatchObject({ approvals: [expect.objectContaining({ at: '2026-11-10T09:00:06.000Z' })] });
    expect((await sys.deps.payrollRuns.getRun(RUN))!.approvalLock).toBeUndefined();
  } finally {
    sys.clock!.set('2026-11-10T09:00:00Z');
    db.destroy();
  }
});

test('a download link works until it expires, and any changed part of it is refused', async () => {
  const RUN = 'run-race-oct';
  const link = await sys.http('POST', `/payroll-runs/${RUN}/export/links`, { token: pay1 });
  expect(link.status).toBe(201);
  const url = new URL(String(link.body!.url));
  expect(link.body!.expiresAt).toBe('2026-11-10T09:02:00.000Z');
  const get = async (u: URL) => {
    const res = await fetch(u);
    const text = await res.text();
    return [res.status, res.status === 200 ? 'file' : (JSON.parse(text) as { code: string }).code];
  };
  expect(await get(url)).toEqual([200, 'file']);
  const changed = (f: (u: URL) => void) => {
    const u = new URL(url);
    f(u);
    return u;
  };
  const sig = url.searchParams.get('sig')!;
  const flipped = `${sig.slice(0, 10)}${sig[10] === 'A' ? 'B' : 'A'}${sig.slice(11)}`;
  expect(await get(changed((u) => u.searchParams.set('sig', flipped)))).toEqual([403, 'LINK_INVALID']);
  expect(await get(changed((u) => u.searchParams.set('expires', String(Number(u.searchParams.get('expires')) + 3600))))).toEqual([403, 'LINK_INVALID']);
  expect(await get(changed((u) => u.searchParams.set('filename', 'other.csv')))).toEqual([403, 'LINK_INVALID']);
  expect(await get(changed((u) => u.searchParams.delete('sig')))).toEqual([403, 'LINK_INVALID']);
  // Another run's file with this run's signature; a path out of the export folder.
  expect(await get(changed((u) => (u.pathname = u.pathname.replace('run-race-oct', 'run-race-sep'))))).toEqual([403, 'LINK_INVALID']);
  expect(await get(changed((u) => (u.pathname = '/local/exports/exports/5001/../../.link-key')))).toEqual([403, 'LINK_INVALID']);
  sys.clock!.advance(121_000);
  try {
    expect(await get(url)).toEqual([403, 'LINK_EXPIRED']);
  } finally {
    sys.clock!.set('2026-11-10T09:00:00Z');
  }
});
