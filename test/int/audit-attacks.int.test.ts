/**
 * quality.md S11 and R7 against the running local system (DynamoDB Local,
 * its stream feeding the real sealing function, the local key file and
 * append-only anchor): an insider who writes the AuditLog table directly and
 * computes hashes (without a key, or under a key they guess) edits, deletes,
 * renumbers, reorders and truncates entries, forges a head, an inbox item
 * and a marker; `npm run audit:verify` (in-process, against the same store)
 * and GET /audit/verification report each one at its first bad entry, and
 * nothing else. The participant's view shows pending entries as pending and
 * a broken chain as broken; a staff read whose log entry cannot be written
 * is refused (S6).
 *
 * The stream poller is slowed down so that sealing happens when the test
 * drains it: an attacker gets the time between append and seal.
 */
import { createHash, createHmac } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/dynamo.js';
import { macMessage } from '../../shared/adapters/audit-chain.js';
import { DynamoAuditLog } from '../../shared/adapters/audit-log.js';
import { createDocumentClient } from '../../shared/adapters/dynamo.js';
import { canonicalJson } from '../../shared/domain/canonical-json.js';
import { runAuditVerify } from '../../cli/audit-verify.js';
import type { VerificationReport } from '../../shared/adapters/audit-verify.js';
import { assign, seedParticipant } from '../support/api-seed.js';
import { captureLogs } from '../support/capture-logs.js';
import { participant, staff, startTestSystem, type TestSystem } from '../support/local-system.js';

let sys: TestSystem;
let db: DynamoDBDocumentClient;
let table: string;
let adviser: string;
let osloAdviser: string;
let admin: string;
let osloAdmin: string;
const ADVISER = 'adviser-audit';
const OSLO_ADVISER = 'adviser-audit-oslo';
const READS = 5;
const CHAINS = ['p-intact', 'p-edit', 'p-edit-keyed', 'p-del', 'p-renum', 'p-swap', 'p-cut', 'p-forge', 'p-inbox', 'p-view'] as const;
const GUESSED_KEYS = [Buffer.alloc(0), Buffer.alloc(32), Buffer.from('introflyt-AuditLog'), Buffer.from('introflyt-audit-v1')];

type Item = Record<string, unknown> & { pk: string; sk: string };

const readFile = (token: string, pid: string) => sys.http('GET', `/participants/${pid}`, { token });

async function staffReads(pid: string, n: number, token = adviser): Promise<void> {
  for (let i = 0; i < n; i++) {
    sys.clock!.advance(1000);
    expect((await readFile(token, pid)).status).toBe(200);
  }
}

/** The sealed entries of a chain as stored, by position. */
async function sealed(chain: string): Promise<Item[]> {
  const r = await db.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)', ExpressionAttributeValues: { ':pk': `P#${chain}`, ':s': 'SEQ#' }, ConsistentRead: true }));
  return (r.Items ?? []) as Item[];
}

const seqKey = (seq: number) => `SEQ#${String(seq).padStart(10, '0')}`;

/** What the insider computes: the entry's hash again, and a MAC under a key they guessed (or the old MAC kept, unkeyed). */
function recompute(item: Item, prevHash: string, guessedKey?: Buffer): Item {
  const { pk, sk, hash: _h, mac, ...rest } = item;
  const unsigned = { ...rest, prevHash };
  const hash = createHash('sha256').update(canonicalJson(unsigned) + prevHash).digest('hex');
  const forgedMac = guessedKey === undefined ? mac : createHmac('sha256', guessedKey).update(macMessage(String(rest.participantId), Number(rest.seq), hash)).digest('base64');
  return { pk, sk, ...unsigned, hash, mac: forgedMac };
}

const put = (item: Item) => db.send(new PutCommand({ TableName: table, Item: item }));
const del = (pk: string, sk: string) => db.send(new DeleteCommand({ TableName: table, Key: { pk, sk } }));

async function cli(): Promise<{ code: number; report: VerificationReport; text: string }> {
  const a = sys.system.audit;
  const args = ['--endpoint', sys.system.dynamoEndpoint, '--table', table, '--key-file', a.keyFile, '--anchor-file', a.anchorFile];
  let json = '';
  let text = '';
  const code = await runAuditVerify([...args, '--json'], { out: (s) => (json += s), err: (s) => (json += s) });
  await runAuditVerify(args, { out: (s) => (text += s), err: (s) => (text += s) });
  return { code, report: JSON.parse(json) as VerificationReport, text };
}

async function adminReport(token = admin): Promise<VerificationReport> {
  const r = await sys.http('GET', '/audit/verification', { token });
  expect(r.status).toBe(200);
  return r.body as unknown as VerificationReport;
}

const findingOf = (r: VerificationReport, chain: string) => r.problems.find((p) => p.participantId === chain);

/** Both reports (CLI: every MAC; admin route: quick) name this chain's first bad entry. */
async function expectReported(chain: string, seq: number, problem: string): Promise<void> {
  const { code, report, text } = await cli();
  expect(code).toBe(1);
  expect(findingOf(report, chain)).toEqual({ participantId: chain, seq, problem });
  expect(text).toContain(`${chain}  seq ${seq}  ${problem}`);
  expect(findingOf(await adminReport(), chain)).toEqual({ participantId: chain, seq, problem });
}

beforeAll(async () => {
  sys = await startTestSystem({ clock: '2030-01-15T09:00:00Z', auditPollMs: 3_600_000 });
  db = createDocumentClient({ region: LOCAL_REGION, dynamoEndpoint: sys.system.dynamoEndpoint });
  table = sys.system.tables.tables.find((t) => t.tableKey === 'auditLog')!.tableName;
  for (const pid of CHAINS) {
    await seedParticipant(sys.deps, pid);
    await assign(sys.deps, pid, ADVISER);
  }
  await seedParticipant(sys.deps, 'p-oslo', { municipality: '0301' });
  await assign(sys.deps, 'p-oslo', OSLO_ADVISER, '0301');
  adviser = await sys.tokenFor(staff(ADVISER, ['adviser']));
  osloAdviser = await sys.tokenFor(staff(OSLO_ADVISER, ['adviser'], '0301'));
  admin = await sys.tokenFor(staff('admin-audit', ['admin']));
  osloAdmin = await sys.tokenFor(staff('admin-audit-oslo', ['admin'], '0301'));
  for (const pid of CHAINS) await staffReads(pid, READS);
  await staffReads('p-oslo', READS, osloAdviser);
  await sys.system.audit.drain();
  // The daily checkpoint, once the seal anchors are older than its five-minute margin.
  sys.clock!.advance(10 * 60_000);
  await sys.system.audit.checkpoint();
}, 300_000);

afterAll(async () => {
  db?.destroy();
  await sys?.stop();
});

describe('before any attack', () => {
  test('every read was sealed in order with a MAC; CLI and admin route report INTACT with counts and the anchor compared', async () => {
    for (const pid of CHAINS) expect((await sealed(pid)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    const { code, report, text } = await cli();
    expect(code).toBe(0);
    expect(report).toMatchObject({ status: 'INTACT', mode: 'full', chains: CHAINS.length + 1, entries: (CHAINS.length + 1) * READS, pending: 0, firstBad: null, problems: [], warnings: [] });
    expect(report.anchor).toMatchObject({ checkpointAt: '2030-01-15T09:10:55.000Z', chainsAnchored: CHAINS.length + 1, entriesNotYetAnchored: 0 });
    expect(text).toMatch(/^Audit log: INTACT\. 11 chains, 55 sealed entries \(0 pending\); every MAC verified, every seal anchor compared\.\nAnchor: checkpoint 2030-01-15T09:10:55\.000Z/);
    const own = await adminReport();
    expect(own).toMatchObject({ status: 'INTACT', mode: 'quick', chains: CHAINS.length, entries: CHAINS.length * READS, problems: [] });
    // Oslo's admin sees Oslo's chain only.
    expect(await adminReport(osloAdmin)).toMatchObject({ status: 'INTACT', chains: 1, entries: READS });
  });

  test('only admins may ask: adviser, payroll, participant and kiosk get 403', async () => {
    for (const who of [staff(ADVISER, ['adviser']), staff('pay', ['payroll']), participant('p-intact')]) {
      const r = await sys.http('GET', '/audit/verification', { token: await sys.tokenFor(who) });
      expect([r.status, r.body?.code]).toEqual([403, 'FORBIDDEN_ROLE']);
    }
    const q = await sys.http('GET', '/audit/verification', { token: admin, query: { municipality: '0301' } });
    expect([q.status, q.body?.code]).toEqual([400, 'UNKNOWN_FIELD']);
  });
});

describe('attacks by someone who can write the table and compute hashes', () => {
  test('an entry edited and every later hash recomputed (no key): MAC_INVALID at the edited entry; the participant sees BROKEN', async () => {
    const c = await sealed('p-edit');
    let prev = c[1]!.hash as string;
    for (let i = 2; i < c.length; i++) {
      const changed = i === 2 ? { ...c[i]!, actorRef: 'staff-000000000000', purpose: 'nothing-to-see' } : { ...c[i]! };
      const item = recompute(changed, prev);
      await put(item);
      prev = item.hash as string;
    }
    await expectReported('p-edit', 3, 'MAC_INVALID');
    const view = await sys.http('GET', '/me/access-log', { token: await sys.tokenFor(participant('p-edit')) });
    expect(view.body?.integrity).toBe('BROKEN');
  });

  test('the same edit with MACs made under guessed keys: still MAC_INVALID at the edited entry', async () => {
    for (const guess of GUESSED_KEYS) {
      const c = await sealed('p-edit-keyed');
      let prev = c[0]!.hash as string;
      for (let i = 1; i < c.length; i++) {
        const item = recompute(i === 1 ? { ...c[i]!, route: 'GET /nothing' } : c[i]!, prev, guess);
        await put(item);
        prev = item.hash as string;
      }
      await expectReported('p-edit-keyed', 2, 'MAC_INVALID');
    }
  });

  test('an entry deleted: SEQUENCE_GAP at its position', async () => {
    await del('P#p-del', seqKey(3));
    await expectReported('p-del', 3, 'SEQUENCE_GAP');
  });

  test('an entry deleted and the rest renumbered, relinked and rehashed under a guessed key: MAC_INVALID at the first renumbered one', async () => {
    const c = await sealed('p-renum');
    await del('P#p-renum', seqKey(5));
    let prev = c[1]!.hash as string;
    for (const [from, to] of [[4, 3], [5, 4]] as const) {
      const item = recompute({ ...c[from - 1]!, sk: seqKey(to), seq: to }, prev, GUESSED_KEYS[1]);
      await put(item);
      prev = item.hash as string;
    }
    expect((await sealed('p-renum')).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    await expectReported('p-renum', 3, 'MAC_INVALID');
  });

  test('two entries reordered (contents swapped, positions, links and hashes made consistent): MAC_INVALID at the first', async () => {
    const c = await sealed('p-swap');
    const content = (e: Item) => ({ at: e.at, actorRef: e.actorRef, purpose: e.purpose, route: e.route, entryId: e.entryId, sealedAt: e.sealedAt });
    const second = recompute({ ...c[1]!, ...content(c[2]!) }, c[0]!.hash as string, GUESSED_KEYS[2]);
    const third = recompute({ ...c[2]!, ...content(c[1]!) }, second.hash as string, GUESSED_KEYS[2]);
    await put(second);
    await put(third);
    let prev = third.hash as string;
    for (let i = 3; i < c.length; i++) {
      const item = recompute(c[i]!, prev, GUESSED_KEYS[2]);
      await put(item);
      prev = item.hash as string;
    }
    await expectReported('p-swap', 2, 'MAC_INVALID');
  });

  test('the last two entries cut off (a valid shorter chain): TRUNCATED against the anchor; sealed again on top: ANCHOR_MISMATCH', async () => {
    for (const seq of [4, 5]) await del('P#p-cut', seqKey(seq));
    await expectReported('p-cut', 4, 'TRUNCATED');
    // The next staff read is sealed by the real sealer onto what is left: every MAC verifies, only the anchor tells.
    await staffReads('p-cut', 1);
    await sys.system.audit.drain();
    expect((await sealed('p-cut')).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    // The CLI compares every seal anchor: entry 4 itself was replaced. The admin route compares the latest
    // checkpoint (each chain's head) and what was sealed since: the anchored head, entry 5, is gone.
    const { report } = await cli();
    expect(findingOf(report, 'p-cut')).toEqual({ participantId: 'p-cut', seq: 4, problem: 'ANCHOR_MISMATCH' });
    expect(findingOf(await adminReport(), 'p-cut')).toEqual({ participantId: 'p-cut', seq: 5, problem: 'TRUNCATED' });
  });

  test('a forged entry put on top of a chain: MAC_INVALID there, and the sealer does not extend that chain (entries stay PENDING, an error is logged)', async () => {
    const c = await sealed('p-forge');
    await put(recompute({ ...c[4]!, sk: seqKey(6), seq: 6, entryId: '11111111-1111-4111-8111-111111111111', purpose: 'forged' }, c[4]!.hash as string, GUESSED_KEYS[3]));
    await expectReported('p-forge', 6, 'MAC_INVALID');
    const logs = captureLogs();
    try {
      await staffReads('p-forge', 1);
      await sys.system.audit.drain();
    } finally {
      logs.stop();
    }
    expect(logs.lines().find((l) => l.code === 'AUDIT_CHAIN_TAMPERED')).toMatchObject({ chain: 'p-forge', seq: 6, problem: 'MAC_INVALID', level: 'ERROR' });
    expect((await sealed('p-forge')).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    const view = await sys.http('GET', '/me/access-log', { token: await sys.tokenFor(participant('p-forge')) });
    const entries = view.body?.entries as { seq: number | null; state: string }[];
    expect(entries.at(-1)).toMatchObject({ seq: null, state: 'PENDING' });
    expect(view.body?.integrity).toBe('BROKEN');
  });

  test('a waiting entry overwritten, then deleted, before the sealer ran: the entry as appended is sealed all the same', async () => {
    await staffReads('p-inbox', 1);
    const inbox = (await db.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'IN#p-inbox' }, ConsistentRead: true }))).Items as Item[];
    expect(inbox).toHaveLength(1);
    const original = inbox[0]!;
    await put({ ...original, purpose: 'nothing-happened', actorRef: 'staff-000000000000' });
    await del(original.pk, original.sk);
    await sys.system.audit.drain();
    const c = await sealed('p-inbox');
    expect(c.at(-1)).toMatchObject({ seq: 6, entryId: original.entryId, purpose: original.purpose, actorRef: original.actorRef });
  });

  test("a forged idempotency marker (to make the sealer skip an entry as 'already sealed'): the entry is sealed anyway", async () => {
    await staffReads('p-inbox', 1);
    const [waiting] = (await db.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'IN#p-inbox' }, ConsistentRead: true }))).Items as Item[];
    await put({ pk: 'P#p-inbox', sk: `ID#${String(waiting!.entryId)}`, participantId: 'p-inbox', entryId: waiting!.entryId, seq: 2 });
    await sys.system.audit.drain();
    expect((await sealed('p-inbox')).at(-1)).toMatchObject({ seq: 7, entryId: waiting!.entryId });
    expect(findingOf((await cli()).report, 'p-inbox')).toBeUndefined();
  });

  test("another municipality's broken chain is reported to its admin only", async () => {
    await del('P#p-oslo', seqKey(2));
    expect(findingOf(await adminReport(osloAdmin), 'p-oslo')).toEqual({ participantId: 'p-oslo', seq: 2, problem: 'SEQUENCE_GAP' });
    expect(JSON.stringify(await adminReport())).not.toContain('p-oslo');
  });

  test('every attack is reported at its first bad entry, and nothing else', async () => {
    const { code, report } = await cli();
    expect(code).toBe(1);
    expect(report.problems).toEqual([
      { participantId: 'p-cut', seq: 4, problem: 'ANCHOR_MISMATCH' },
      { participantId: 'p-del', seq: 3, problem: 'SEQUENCE_GAP' },
      { participantId: 'p-edit', seq: 3, problem: 'MAC_INVALID' },
      { participantId: 'p-edit-keyed', seq: 2, problem: 'MAC_INVALID' },
      { participantId: 'p-forge', seq: 6, problem: 'MAC_INVALID' },
      { participantId: 'p-oslo', seq: 2, problem: 'SEQUENCE_GAP' },
      { participantId: 'p-renum', seq: 3, problem: 'MAC_INVALID' },
      { participantId: 'p-swap', seq: 2, problem: 'MAC_INVALID' },
    ]);
    expect(report.firstBad).toEqual(report.problems[0]);
    expect(report.pending).toBe(1);
  });
});

describe('what the participant and staff see', () => {
  test('a read appended moments ago is shown PENDING, then SEALED with its position once the sealer ran', async () => {
    const token = await sys.tokenFor(participant('p-view'));
    await staffReads('p-view', 1);
    const before = await sys.http('GET', '/me/access-log', { token });
    expect((before.body?.entries as { seq: number | null; state: string }[]).map((e) => [e.seq, e.state])).toEqual([
      [1, 'SEALED'],
      [2, 'SEALED'],
      [3, 'SEALED'],
      [4, 'SEALED'],
      [5, 'SEALED'],
      [null, 'PENDING'],
    ]);
    expect(before.body?.integrity).toBe('VERIFIED');
    await sys.system.audit.drain();
    const after = await sys.http('GET', '/me/access-log', { token });
    expect((after.body?.entries as { seq: number; state: string }[]).at(-1)).toMatchObject({ seq: 6, state: 'SEALED', role: 'adviser', purpose: 'participant-get' });
    const exported = await sys.http('GET', '/me/data-export', { token });
    expect(exported.status).toBe(200);
    expect((exported.body?.accessLog as { integrity: string; entries: unknown[] }).entries).toHaveLength(6);
    expect((exported.body?.accessLog as { integrity: string }).integrity).toBe('VERIFIED');
  });

  test('S6: a staff read whose log entry cannot be written (the real adapter, a table that is not there) is refused with 503', async () => {
    const broken = new DynamoAuditLog(DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: sys.system.dynamoEndpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } })), 'no-such-table');
    sys.deps.swap({ audit: broken });
    try {
      const r = await readFile(adviser, 'p-view');
      expect([r.status, r.body?.code]).toEqual([503, 'AUDIT_UNAVAILABLE']);
      expect(r.raw).not.toContain('Zelmira');
    } finally {
      sys.deps.swap({});
    }
    expect((await sys.deps.audit.list('p-view')).length).toBe(6);
  });
});
