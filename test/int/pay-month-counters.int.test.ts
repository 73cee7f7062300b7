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
