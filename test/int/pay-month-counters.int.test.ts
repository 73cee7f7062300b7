/**
 * The pay month's counter of unresolved formal decisions (issue 15; R4)
 * against DynamoDB Local, through the decisions and resolutions
 * repositories: it moves only with the create-only write it counts, so
 * retried, concurrent and restarted writes count once; a resolution takes a
 * version off once; a newer version paid with the same month replaces the
 * one it supersedes; a resolution and a superseding version racing each
 * other are counted exactly once whichever wins. After every scenario the
 * counter equals what a full scan of the stored versions and resolutions says.
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ResolutionRecord } from '../../shared/adapters/decision-reviews-repo.js';
import { DynamoDecisionReviewsRepo } from '../../shared/adapters/decision-reviews-repo.js';
import type { StoredDecision } from '../../shared/adapters/decisions-repo.js';
import { COUNTER_SHARDS, DynamoDecisionsRepo, counterShard, storedReview } from '../../shared/adapters/decisions-repo.js';
import { AppError } from '../../shared/http/errors.js';
import { startApiDynamo, type ApiDynamo } from '../support/api-dynamo.js';
import { goldenCase, inMonth, storedDecision } from '../support/decision-seed.js';

let db: ApiDynamo;
let decisions: DynamoDecisionsRepo;
let reviews: DynamoDecisionReviewsRepo;
const MUNI = '5001';
const OCT = '2026-10';

beforeAll(async () => {
  db = await startApiDynamo('counters');
  const doc = DynamoDBDocumentClient.from(db.client);
  decisions = new DynamoDecisionsRepo(doc, db.tableName('decisions'));
  reviews = new DynamoDecisionReviewsRepo(doc, db.tableName('decisions'));
}, 120_000);

afterAll(() => db?.stop());

/** Version 1 of a participant's October: g10 needs a formal decision, g01 does not. */
const vedtak = (pid: string, o: Partial<StoredDecision> = {}): StoredDecision => ({ ...storedDecision(goldenCase('g10-deductions-exceed-base', pid), { runId: 'run-c' }), ...o });
const automatic = (pid: string, o: Partial<StoredDecision> = {}): StoredDecision => ({ ...storedDecision(goldenCase('g01-full-attendance', pid), { runId: 'run-c' }), ...o });
/** The next version of `prev` with the body of `body` (the engine's content does not matter to the counter). */
const next = (prev: StoredDecision, body: StoredDecision, o: Partial<StoredDecision> = {}): StoredDecision => ({
  ...body,
  participantId: prev.participantId,
  period: prev.period,
  version: prev.version + 1,
  decisionId: `${prev.participantId}.${prev.period}.v000${prev.version + 1}`,
  supersedes: prev.decisionId,
  ...o,
});
const resolution = (d: StoredDecision, ref = '2026/1-1'): ResolutionRecord => ({
  participantId: d.participantId,
  period: d.period,
  version: d.version,
  decisionId: d.decisionId,
  resolution: { kind: 'FORMAL_DECISION', vedtakReference: ref, advanceNoticeDate: '2026-11-01' },
  resolvedByRef: 'staff-000000000001',
  resolvedAt: '2026-11-05T10:00:00.000Z',
});

const counts = async (payPeriod = OCT) => (await decisions.getPayMonthCounts(MUNI, payPeriod)) ?? { unresolvedVedtak: 0, vedtakRequired: 0 };

/** What a scan says: the latest version per participant paid with October that needs a formal decision and has none. */
async function scanned(pids: readonly string[]): Promise<number> {
  let open = 0;
  for (const pid of pids) {
    const mine = (await decisions.listForParticipant(pid)).filter((d) => (d.paidWithPeriod ?? d.period) === OCT);
    const latest = mine.sort((a, b) => b.version - a.version)[0];
    if (latest !== undefined && storedReview(latest) === 'VEDTAK_REQUIRED' && (await reviews.get(latest)) === undefined) open++;
  }
  return open;
}

test('a formal decision counts once however often its write is retried, alone or 20 at once; a decision without one counts nothing', async () => {
  const before = await counts();
  const d = vedtak('c-retry');
  expect(await decisions.putDecisionOnce(d)).toBe('created');
  expect(await decisions.putDecisionOnce(d)).toBe('exists');
  const burst = await Promise.all(Array.from({ length: 20 }, () => decisions.putDecisionOnce(vedtak('c-burst'))));
  expect(burst.filter((r) => r === 'created')).toHaveLength(1);
  await Promise.all(Array.from({ length: 5 }, () => decisions.putDecisionOnce(automatic('c-auto'))));
  expect(await counts()).toEqual({ unresolvedVedtak: before.unresolvedVedtak + 2, vedtakRequired: before.vedtakRequired + 2 });
  expect(await counts()).toMatchObject({ unresolvedVedtak: await scanned(['c-retry', 'c-burst', 'c-auto']) });
});

test('a resolution takes its version off once, however often it is retried or raced', async () => {
  const d = vedtak('c-resolve');
  await decisions.putDecisionOnce(d);
  const before = await counts();
  const results = await Promise.all(Array.from({ length: 10 }, () => reviews.putResolutionOnce(resolution(d))));
  expect(results.filter((r) => r.created)).toHaveLength(1);
  expect(await reviews.putResolutionOnce(resolution(d))).toMatchObject({ created: false });
  expect(await counts()).toEqual({ unresolvedVedtak: before.unresolvedVedtak - 1, vedtakRequired: before.vedtakRequired });
});

test('a newer version paid with the same month replaces the one it supersedes; a resolved one is not taken off twice', async () => {
  const before = await counts();
  // Unresolved v1 → v2 that needs none: the month has one fewer.
  const a1 = vedtak('c-sup-a');
  await decisions.putDecisionOnce(a1);
  await decisions.putDecisionOnce(next(a1, automatic('c-sup-a')));
  // Unresolved v1 → v2 that needs one too: still one.
  const b1 = vedtak('c-sup-b');
  await decisions.putDecisionOnce(b1);
  await decisions.putDecisionOnce(next(b1, vedtak('c-sup-b')));
  // Resolved v1 → v2 that needs none: the resolution already took v1 off.
  const c1 = vedtak('c-sup-c');
  await decisions.putDecisionOnce(c1);
  await reviews.putResolutionOnce(resolution(c1));
  await decisions.putDecisionOnce(next(c1, automatic('c-sup-c')));
  expect((await counts()).unresolvedVedtak - before.unresolvedVedtak).toBe(1);
  expect((await counts()).vedtakRequired - before.vedtakRequired).toBe(4);
});

test('resolving a superseded version is refused (409 DECISION_SUPERSEDED) and counts nothing', async () => {
  const d1 = vedtak('c-late');
  await decisions.putDecisionOnce(d1);
  await decisions.putDecisionOnce(next(d1, vedtak('c-late')));
  const before = await counts();
  const err = await reviews.putResolutionOnce(resolution(d1)).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect(err).toMatchObject({ status: 409, code: 'DECISION_SUPERSEDED' });
  expect(await reviews.get(d1)).toBeUndefined();
  expect(await counts()).toEqual(before);
});

test('a resolution racing the version that supersedes it: exactly one of them takes the old version off', async () => {
  const pids = Array.from({ length: 12 }, (_, i) => `c-race-${i}`);
  for (const pid of pids) await decisions.putDecisionOnce(vedtak(pid));
  const before = await counts();
  const outcomes = await Promise.all(
    pids.map(async (pid, i) => {
      const v1 = vedtak(pid);
      const [res, sup] = await Promise.allSettled([reviews.putResolutionOnce(resolution(v1)), decisions.putDecisionOnce(next(v1, i % 2 === 0 ? automatic(pid) : vedtak(pid)))]);
      expect(sup).toEqual({ status: 'fulfilled', value: 'created' });
      return res.status === 'fulfilled' ? 'resolved' : (res.reason as AppError).code;
    }),
  );
  expect(new Set(outcomes)).toEqual(new Set(outcomes.filter((o) => o === 'resolved' || o === 'DECISION_SUPERSEDED')));
  // Whoever won, the counter says what the stored versions and resolutions say.
  const all = ['c-retry', 'c-burst', 'c-auto', 'c-resolve', 'c-sup-a', 'c-sup-b', 'c-sup-c', 'c-late', ...pids];
  expect((await counts()).unresolvedVedtak).toBe(await scanned(all));
  // The even ones were superseded by a version without a formal decision, the odd ones by one with.
  expect((await counts()).unresolvedVedtak - before.unresolvedVedtak).toBe(-6);
  // The counter is split by participant so concurrent writers of a run rarely meet; the shards add up.
  const shards = new Set(all.map(counterShard));
  expect(shards.size).toBeGreaterThan(4);
  expect([...shards].every((x) => /^[0-9a-f]{2}$/.test(x) && parseInt(x, 16) < COUNTER_SHARDS)).toBe(true);
  expect(counterShard('c-race-1')).toBe(counterShard('c-race-1'));
});

test('a correction paid with a later month counts there, with a marker; its own month is untouched', async () => {
  const SEP = '2026-09';
  const sep1 = { ...storedDecision(inMonth(goldenCase('g01-full-attendance', 'c-fix'), SEP, '2026-10-02'), { runId: 'run-sep' }) };
  await decisions.putDecisionOnce(sep1);
  const sepBefore = await counts(SEP);
  const octBefore = await counts(OCT);
  const fix = next(sep1, { ...storedDecision(inMonth(goldenCase('g10-deductions-exceed-base', 'c-fix'), SEP, '2026-11-02'), { runId: 'run-c' }) }, {
    paidWithPeriod: OCT,
    correction: { days: [], totalDifferenceOre: -1000, reason: 'CHECKIN_CORRECTED', route: 'ADVISER_DECISION' },
  });
  for (let i = 0; i < 3; i++) await decisions.putDecisionOnce(fix);
  expect(await counts(SEP)).toEqual(sepBefore);
  expect(await counts(OCT)).toEqual({ unresolvedVedtak: octBefore.unresolvedVedtak + 1, vedtakRequired: octBefore.vedtakRequired + 1 });
  expect(await decisions.listPaidWith(MUNI, OCT)).toEqual([
    expect.objectContaining({ participantId: 'c-fix', period: SEP, version: 2, decisionId: fix.decisionId, route: 'ADVISER_DECISION', totalDifferenceOre: -1000, runId: 'run-c', review: 'VEDTAK_REQUIRED' }),
  ]);
  await reviews.putResolutionOnce(resolution(fix));
  expect(await counts(OCT)).toEqual({ unresolvedVedtak: octBefore.unresolvedVedtak, vedtakRequired: octBefore.vedtakRequired + 1 });
});

describe('a payroll batch\'s first versions written together (putDecisionsOnce)', () => {
  test('30 formal decisions in one shard, some automatic, a correction and a later version: each created once, the counter moves by exactly what was created', async () => {
    const before = await counts();
    // Ids that all fall in one counter shard: one group of 25 and one of 5 (GROUP_MAX), both counting in the same item.
    const shard = counterShard('g-a-0');
    const sameShard = Array.from({ length: 2000 }, (_, i) => `g-a-${i}`).filter((pid) => counterShard(pid) === shard).slice(0, 30);
    expect(sameShard).toHaveLength(30);
    const first = sameShard.map((pid) => vedtak(pid));
    const plain = ['g-auto-1', 'g-auto-2'].map((pid) => automatic(pid));
    const older = vedtak('g-v2');
    expect(await decisions.putDecisionOnce(older)).toBe('created');
    const second = next(older, vedtak('g-v2'));
    // Counted at the client: the 30 in two transactions (25 + 5), the two automatic ones as puts, the later version alone.
    const sent: string[] = [];
    const doc = DynamoDBDocumentClient.from(db.client);
    const counting = new Proxy(doc, { get: (t, k) => (k === 'send' ? (cmd: { constructor: { name: string } }) => (sent.push(cmd.constructor.name), t.send(cmd as never)) : Reflect.get(t, k)) });
    const result = await new DynamoDecisionsRepo(counting, db.tableName('decisions')).putDecisionsOnce([...first, ...plain, second]);
    expect(sent.filter((c) => c === 'TransactWriteCommand')).toHaveLength(3);
    expect(sent.filter((c) => c === 'PutCommand')).toHaveLength(2);
    expect([...result.values()].every((r) => r === 'created')).toBe(true);
    expect(result.size).toBe(33);
    // g-v2's second version supersedes its open first one: +1 −1; the 30 new formal decisions +30.
    expect(await counts()).toEqual({ unresolvedVedtak: before.unresolvedVedtak + 31, vedtakRequired: before.vedtakRequired + 32 });
    expect(await scanned([...sameShard, 'g-auto-1', 'g-auto-2', 'g-v2'])).toBe(31);
    for (const d of [...first, ...plain, second]) expect((await decisions.getVersion(d.participantId, d.period, d.version))?.decisionId).toBe(d.decisionId);
  });

  test('the attack of a retried batch: a group where some versions exist is written one by one; the existing ones are "exists", nothing counts twice, nothing is overwritten', async () => {
    const before = await counts();
    const pids = Array.from({ length: 12 }, (_, i) => `g-r-${i}`);
    const ds = pids.map((pid) => vedtak(pid));
    // An earlier attempt stored four of them (with another createdAt: the stored one must stay).
    for (const d of ds.slice(0, 4)) expect(await decisions.putDecisionOnce({ ...d, createdAt: '2026-11-01T00:00:00.000Z' })).toBe('created');
    const result = await decisions.putDecisionsOnce(ds);
    expect(pids.map((pid) => result.get(`${pid}.${OCT}.v0001`))).toEqual([...Array(4).fill('exists'), ...Array(8).fill('created')]);
    expect(await counts()).toEqual({ unresolvedVedtak: before.unresolvedVedtak + 12, vedtakRequired: before.vedtakRequired + 12 });
    expect((await decisions.getVersion('g-r-0', OCT, 1))?.createdAt).toBe('2026-11-01T00:00:00.000Z');
    // Run again, and twice at once: everything exists, the counter stays.
    const again = await Promise.all([decisions.putDecisionsOnce(ds), decisions.putDecisionsOnce(ds)]);
    expect(again.flatMap((m) => [...m.values()]).every((r) => r === 'exists')).toBe(true);
    expect(await counts()).toEqual({ unresolvedVedtak: before.unresolvedVedtak + 12, vedtakRequired: before.vedtakRequired + 12 });
  });

  test('five batches writing the same 40 versions at once: each created exactly once, the counter as a scan says', async () => {
    const before = await counts();
    const pids = Array.from({ length: 40 }, (_, i) => `g-race-${i}`);
    const results = await Promise.all(Array.from({ length: 5 }, () => decisions.putDecisionsOnce(pids.map((pid) => vedtak(pid)))));
    for (const pid of pids) expect(results.filter((m) => m.get(`${pid}.${OCT}.v0001`) === 'created')).toHaveLength(1);
    expect(await counts()).toEqual({ unresolvedVedtak: before.unresolvedVedtak + 40, vedtakRequired: before.vedtakRequired + 40 });
    expect(await scanned(pids)).toBe(40);
  });
});

test('a group is cut by the UTF-8 size of its versions: 20 versions of ≈ 340 KB, mostly Arabic text, each go in transactions under DynamoDB\'s 4 MB', async () => {
  const before = await counts();
  const shard = counterShard('g-big-0');
  const pids = Array.from({ length: 3000 }, (_, i) => `g-big-${i}`).filter((pid) => counterShard(pid) === shard).slice(0, 20);
  // 150 000 Arabic letters: 150 000 characters of JSON but 300 000 bytes (the item stays under DynamoDB's 400 KB).
  const text = 'ب'.repeat(150_000);
  const ds = pids.map((pid) => ({ ...vedtak(pid), note: text }) as StoredDecision);
  const sent: number[] = [];
  const doc = DynamoDBDocumentClient.from(db.client);
  const measuring = new Proxy(doc, {
    get: (t, k) =>
      k === 'send'
        ? (cmd: { constructor: { name: string }; input: unknown }) => {
            if (cmd.constructor.name === 'TransactWriteCommand') sent.push(Buffer.byteLength(JSON.stringify(cmd.input)));
            return t.send(cmd as never);
          }
        : Reflect.get(t, k),
  });
  const result = await new DynamoDecisionsRepo(measuring, db.tableName('decisions')).putDecisionsOnce(ds);
  expect([...result.values()].every((r) => r === 'created')).toBe(true);
  expect(sent.length).toBeGreaterThanOrEqual(3);
  expect(Math.max(...sent)).toBeLessThan(4_000_000);
  expect(await counts()).toEqual({ unresolvedVedtak: before.unresolvedVedtak + 20, vedtakRequired: before.vedtakRequired + 20 });
}, 60_000);
