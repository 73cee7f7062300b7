/**
 * The audit trail through `npm start`'s runtime, as a user runs it
 * (infra/local/start.ts as a child process, a data folder of its own):
 *
 * - a staff read over HTTP is appended, carried by DynamoDB Local's stream
 *   to the sealing function, sealed and anchored, and the participant sees
 *   it sealed; the key file is 0600 in a 0700 folder beside the data, the
 *   anchor file grows by appending (a seal anchor per batch, a checkpoint at
 *   start);
 * - `npm run audit:verify -- --data-dir` finds the running store (INTACT),
 *   and, with nothing running, reads the folder with a DynamoDB Local of its
 *   own;
 * - an entry deleted from the stored table while the system is down is
 *   reported by the CLI (exit 1) and, after a restart, by the admin route.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoLocal } from '../../infra/local/dynamo.js';
import { PROJECT_ROOT } from '../../infra/project.js';
import { npmStart, type Started } from '../support/npm-start.js';

const DEMO_PARTICIPANT = 'p-demo-0001';

function stop(s: Started): Promise<void> {
  return new Promise((resolve) => {
    if (s.child.exitCode !== null) return resolve();
    s.child.once('exit', () => resolve());
    s.child.kill('SIGINT');
  });
}

/** `npm run audit:verify -- …` (the script is `tsx cli/audit-verify.ts`). */
function auditVerify(args: string[]): Promise<{ code: number; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/audit-verify.ts', ...args], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code: code ?? -1, out })));
}

async function token(api: string, username: string): Promise<string> {
  const r = await fetch(`${api}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) });
  return ((await r.json()) as { token: string }).token;
}

async function get(api: string, path: string, bearer: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(`${api}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

type Entry = { seq: number | null; state: string; purpose: string };

let dataDir: string;
let running: Started | undefined;
/** Every system this file started, so a failed test never leaves one behind. */
const started: Started[] = [];
const startSystem = async (): Promise<Started> => {
  const s = await npmStart(dataDir);
  started.push(s);
  return s;
};

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'introflyt-audit-e2e-'));
});

afterAll(async () => {
  for (const s of started) await stop(s);
  rmSync(dataDir, { recursive: true, force: true });
});

test('npm start seals and anchors a staff read through the stream; audit:verify finds the running store, then reads the stopped one itself', async () => {
  running = await startSystem();
  const api = running.api;
  const adviser = await token(api, 'adviser1');
  expect((await get(api, `/participants/${DEMO_PARTICIPANT}`, adviser)).status).toBe(200);

  // The participant sees the read, sealed within moments by the stream-fed sealer.
  const participant = await token(api, 'p1');
  let entries: Entry[] = [];
  for (let i = 0; i < 100; i++) {
    const log = await get(api, '/me/access-log', participant);
    entries = log.body.entries as Entry[];
    if (entries.length > 0 && entries.every((e) => e.state === 'SEALED')) {
      expect(log.body.integrity).toBe('VERIFIED');
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(entries.at(-1)).toMatchObject({ state: 'SEALED', purpose: 'participant-get' });
  expect(entries.at(-1)!.seq).toBe(entries.length);

  const audit = join(dataDir, 'audit');
  expect(statSync(audit).mode & 0o777).toBe(0o700);
  expect(statSync(join(audit, 'audit-mac.key')).mode & 0o777).toBe(0o600);
  expect(statSync(join(audit, 'anchors.jsonl')).mode & 0o777).toBe(0o600);
  // The seal anchor is written right after the batch is sealed (the seconds' window S11 leaves open).
  const kinds = () => readFileSync(join(audit, 'anchors.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { kind: string }).kind);
  for (let i = 0; i < 100 && !kinds().includes('seal'); i++) await new Promise((r) => setTimeout(r, 100));
  expect(kinds()).toContain('checkpoint');
  expect(kinds()).toContain('seal');
  expect(existsSync(join(dataDir, 'runtime.json'))).toBe(true);

  const live = await auditVerify(['--data-dir', dataDir]);
  expect(live.out).toMatch(/^Audit log: INTACT\./);
  expect(live.code).toBe(0);

  const admin = await token(api, 'admin1');
  expect((await get(api, '/audit/verification', admin)).body).toMatchObject({ status: 'INTACT', problems: [] });

  await stop(running);
  running = undefined;
  expect(existsSync(join(dataDir, 'runtime.json'))).toBe(false);
  // Nothing runs on the folder now: the CLI starts its own DynamoDB Local on it, and stops it.
  const offline = await auditVerify(['--data-dir', dataDir, '--json']);
  expect(offline.code).toBe(0);
  expect(JSON.parse(offline.out)).toMatchObject({ status: 'INTACT', pending: 0 });
}, 400_000);

test('an entry deleted from the stored table while the system is down: the CLI reports it (exit 1), and after a restart so does the admin route', async () => {
  // Down means down, even if the test before stopped half-way.
  for (const s of started) await stop(s);
  const before = readFileSync(join(dataDir, 'audit', 'anchors.jsonl'), 'utf8');
  const dynamo = await startDynamoLocal({ dataDir: join(dataDir, 'dynamodb') });
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamo.endpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } }));
  try {
    const items = (await db.send(new QueryCommand({ TableName: 'introflyt-AuditLog', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `P#${DEMO_PARTICIPANT}` } }))).Items ?? [];
    const last = items.filter((i) => String(i.sk).startsWith('SEQ#')).at(-1)!;
    await db.send(new DeleteCommand({ TableName: 'introflyt-AuditLog', Key: { pk: last.pk, sk: last.sk } }));
  } finally {
    db.destroy();
    await dynamo.stop();
  }
  const cut = await auditVerify(['--data-dir', dataDir]);
  expect(cut.code).toBe(1);
  expect(cut.out).toMatch(new RegExp(`^Audit log: BROKEN\\. First bad entry: participant ${DEMO_PARTICIPANT}, seq \\d+, TRUNCATED`));

  running = await startSystem();
  // The restart's checkpoint comes after its first pass over the stream: by then a replay of the stream
  // would have sealed the deleted entry anew. The runtime goes on where it stopped instead, so the cut stays a cut.
  const anchorFile = join(dataDir, 'audit', 'anchors.jsonl');
  const restartKinds = () => readFileSync(anchorFile, 'utf8').slice(before.length).trim().split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { kind: string }).kind);
  for (let i = 0; i < 300 && !restartKinds().includes('checkpoint'); i++) await new Promise((res) => setTimeout(res, 100));
  expect(restartKinds()).toEqual(['checkpoint']);
  const admin = await token(running.api, 'admin1');
  const r = await get(running.api, '/audit/verification', admin);
  expect(r.body).toMatchObject({ status: 'BROKEN', firstBad: { participantId: DEMO_PARTICIPANT, problem: 'TRUNCATED' } });
  // The anchor file was only appended to (a checkpoint at the restart).
  expect(readFileSync(join(dataDir, 'audit', 'anchors.jsonl'), 'utf8').startsWith(before)).toBe(true);
}, 400_000);
