/**
 * The adviser's formal-decision queue and resolutions over HTTP against the
 * local system (architecture.md flow 4; benefit-rules.md §9): GET /reviews
 * lists the VEDTAK_REQUIRED decisions of assigned participants, unresolved
 * first, access-logged for each participant shown; PUT .../resolution stores a separate
 * create-only item (the decision is never edited), is idempotent for the
 * same resolution and refuses a different one, a superseded version, a
 * decision that needs none, and bad input, writing nothing then.
 */
import type { StoredDecision } from '../../shared/adapters/decisions-repo.js';
import type { StaffRead } from '../../shared/adapters/audit-log.js';
import { recordStaffReadWith } from '../../shared/adapters/audit-log.js';
import { assign, seedParticipant } from '../support/api-seed.js';
import { goldenCase, inMonth, seedDecision } from '../support/decision-seed.js';
import { staff, startTestSystem, type TestSystem } from '../support/local-system.js';

let sys: TestSystem;
let adviser: string;
let other: string;
let bV1: StoredDecision;
let cOct: StoredDecision;

const ADVISER = 'adviser-rev-1';
const OTHER = 'adviser-rev-2';
const formal = (version: number, over: Record<string, unknown> = {}) => ({ kind: 'FORMAL_DECISION', version, vedtakReference: '2026/1234-5', advanceNoticeDate: '2026-11-03', ...over });
const resolve = (pid: string, period: string, body: unknown, token = adviser) => sys.http('PUT', `/decisions/${pid}/${period}/resolution`, { token, body });
const reviews = async (query?: Record<string, string>) => {
  const r = await sys.http('GET', '/reviews', { token: adviser, ...(query === undefined ? {} : { query }) });
  expect(r.status).toBe(200);
  return (r.body as { reviews: Record<string, unknown>[] }).reviews;
};

beforeAll(async () => {
  sys = await startTestSystem({ clock: '2026-11-10T09:00:00Z' });
  for (const pid of ['p-a', 'p-b', 'p-c', 'p-z']) await seedParticipant(sys.deps, pid);
  for (const pid of ['p-a', 'p-b', 'p-c']) await assign(sys.deps, pid, ADVISER);
  await assign(sys.deps, 'p-z', OTHER);
  adviser = await sys.tokenFor(staff(ADVISER, ['adviser']));
  other = await sys.tokenFor(staff(OTHER, ['adviser']));
  // p-a: REVIEW only. p-b and p-c: deductions above the base (VEDTAK_REQUIRED); p-c also in September. p-z: not assigned to ADVISER.
  await seedDecision(sys.deps, goldenCase('g02-unexcused-half-day', 'p-a'), { runId: 'run-oct' });
  bV1 = await seedDecision(sys.deps, goldenCase('g10-deductions-exceed-base', 'p-b'), { runId: 'run-oct' });
  cOct = await seedDecision(sys.deps, goldenCase('g10-deductions-exceed-base', 'p-c'), { runId: 'run-oct' });
  const g10 = goldenCase('g10-deductions-exceed-base', 'p-c');
  await seedDecision(sys.deps, 
    { ...g10, period: '2026-09', computedAt: '2026-10-02', days: g10.days.filter((d) => d.date <= '2026-10-30').map((d) => ({ ...d, date: d.date.replace('2026-10', '2026-09') })) },
    { runId: 'run-sep' },
  );
  await seedDecision(sys.deps, goldenCase('g10-deductions-exceed-base', 'p-z'), { runId: 'run-oct' });
}, 120_000);

afterAll(() => sys?.stop());

test('the queue: VEDTAK_REQUIRED decisions of assigned participants only, oldest month first, each participant shown access-logged', async () => {
  const before = (await sys.deps.audit.list('p-b')).length;
  const list = await reviews();
  expect(list.map((r) => [r.participantId, r.period, r.resolved])).toEqual([
    ['p-c', '2026-09', false],
    ['p-b', '2026-10', false],
    ['p-c', '2026-10', false],
  ]);
  expect(list[1]).toMatchObject({ decisionId: bV1.decisionId, version: 1, resolution: null });
  expect((list[1]!.lines as unknown[]).length).toBeGreaterThan(0);
  // Each participant shown gets one entry (S6); p-a, with nothing in the queue, and p-z, not assigned, get none.
  const log = await sys.deps.audit.list('p-b');
  expect(log).toHaveLength(before + 1);
  expect(log.at(-1)).toMatchObject({ action: 'READ', purpose: 'decision-review-queue', route: 'GET /reviews', actorRole: 'adviser' });
  expect((await sys.deps.audit.list('p-c')).filter((e) => e.purpose === 'decision-review-queue')).toHaveLength(1);
  expect(await sys.deps.audit.list('p-a')).toHaveLength(0);
  expect(await sys.deps.audit.list('p-z')).toHaveLength(0);
});

test('if the access log cannot be written, the queue is not shown (503 AUDIT_UNAVAILABLE)', async () => {
  const down = { append: () => Promise.reject(new Error('down')), list: () => Promise.resolve([]), recordStaffRead: (read: StaffRead) => recordStaffReadWith(down, read) };
  sys.deps.swap({ audit: down });
  try {
    const r = await sys.http('GET', '/reviews', { token: adviser });
    expect([r.status, r.body?.code]).toEqual([503, 'AUDIT_UNAVAILABLE']);
    expect(r.raw).not.toContain('p-b');
  } finally {
    sys.deps.swap({});
  }
});

describe('PUT /decisions/{participantId}/{period}/resolution', () => {
  test('bad input is refused with a stable code and writes nothing', async () => {
    const items = await sys.count('decisions');
    const cases: [unknown, number, string][] = [
      [{ kind: 'FORMAL_DECISION', version: 1 }, 400, 'VALIDATION_FAILED'],
      [{ ...formal(1), approvedBy: 'me' }, 400, 'UNKNOWN_FIELD'],
      [formal(1, { advanceNoticeDate: '2026-02-30' }), 400, 'VALIDATION_FAILED'],
      [formal(1, { vedtakReference: '<script>' }), 400, 'VALIDATION_FAILED'],
      [formal(1, { advanceNoticeDate: '2026-11-11' }), 400, 'ADVANCE_NOTICE_IN_FUTURE'],
      [{ kind: 'ADJUSTMENT', version: 1, payoutOre: 1.5, reason: 'r' }, 400, 'VALIDATION_FAILED'],
      [{ kind: 'ADJUSTMENT', version: 1, payoutOre: 99_999_999, reason: 'no notice in time' }, 400, 'ADJUSTMENT_OUT_OF_RANGE'],
      [{ kind: 'ADJUSTMENT', version: 1, payoutOre: 0, reason: '   ' }, 400, 'VALIDATION_FAILED'],
      // A right-to-left override would show the participant's amounts reversed in the explanation.
      [{ kind: 'ADJUSTMENT', version: 1, payoutOre: 0, reason: 'ok \u202e 00,001 KON' }, 400, 'VALIDATION_FAILED'],
      [formal(2), 404, 'NOT_FOUND'],
    ];
    for (const [body, status, code] of cases) {
      const r = await resolve('p-b', '2026-10', body);
      expect([r.status, r.body?.code]).toEqual([status, code]);
    }
    expect((await resolve('p-b', '2026-08', formal(1))).status).toBe(404);
    const notNeeded = await resolve('p-a', '2026-10', formal(1));
    expect([notNeeded.status, notNeeded.body?.code]).toEqual([409, 'RESOLUTION_NOT_NEEDED']);
    const unassigned = await resolve('p-z', '2026-10', formal(1));
    expect([unassigned.status, unassigned.body?.code]).toEqual([403, 'NOT_ASSIGNED']);
    expect(await sys.count('decisions')).toBe(items);
  });

  test('a formal decision is stored once beside the decision; the same again is 200, a different one 409', async () => {
    const items = await sys.count('decisions');
    const r = await resolve('p-b', '2026-10', formal(1));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      participantId: 'p-b',
      period: '2026-10',
      version: 1,
      decisionId: bV1.decisionId,
      resolution: { kind: 'FORMAL_DECISION', vedtakReference: '2026/1234-5', advanceNoticeDate: '2026-11-03' },
      resolvedAt: '2026-11-10T09:00:00.000Z',
    });
    expect(String(r.body!.resolvedByRef)).toMatch(/^staff-[0-9a-f]{12}$/);
    // Beside it, create-only too: the resolution and the explanation's next version, which states it.
    expect(await sys.count('decisions')).toBe(items + 2);
    expect(await sys.deps.explanations.latestFor('p-b', '2026-10', 1)).toMatchObject({ revision: 1, cause: 'FORMAL_DECISION', context: { resolution: { kind: 'FORMAL_DECISION', role: 'adviser' } } });

    const again = await resolve('p-b', '2026-10', formal(1));
    expect(again.status).toBe(200);
    expect(again.body).toEqual(r.body);
    const different = await resolve('p-b', '2026-10', { kind: 'ADJUSTMENT', version: 1, payoutOre: 0, reason: 'no notice in time' });
    expect([different.status, different.body?.code]).toEqual([409, 'RESOLUTION_EXISTS']);
    expect(await sys.count('decisions')).toBe(items + 2);
    // The decision item itself is unchanged.
    expect(await sys.deps.decisions.getVersion('p-b', '2026-10', 1)).toEqual(bV1);
    // The write is in the participant's audit log.
    expect((await sys.deps.audit.list('p-b')).map((e) => `${e.action}:${e.purpose}`)).toEqual(
      expect.arrayContaining(['READ:decision-resolution', 'WRITE:decision-resolution']),
    );
  });

  test('two advisers resolving the same version at once: one wins, the other is told', async () => {
    await assign(sys.deps, 'p-c', OTHER);
    const [a, b] = await Promise.all([
      resolve('p-c', '2026-10', formal(1)),
      resolve('p-c', '2026-10', { kind: 'ADJUSTMENT', version: 1, payoutOre: 100, reason: 'no notice in time' }, other),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect([a, b].find((x) => x.status === 409)!.body).toMatchObject({ code: 'RESOLUTION_EXISTS' });
    expect(await sys.deps.decisions.getVersion('p-c', '2026-10', 1)).toEqual(cOct);
  });

  test('the queue puts resolved decisions last and filters by status', async () => {
    const list = await reviews();
    expect(list.map((r) => [r.participantId, r.period, r.resolved])).toEqual([
      ['p-c', '2026-09', false],
      ['p-b', '2026-10', true],
      ['p-c', '2026-10', true],
    ]);
    expect(list[1]!.resolution).toMatchObject({ kind: 'FORMAL_DECISION' });
    expect((await reviews({ status: 'UNRESOLVED' })).map((r) => r.period)).toEqual(['2026-09']);
    expect((await reviews({ status: 'RESOLVED' })).map((r) => r.participantId)).toEqual(['p-b', 'p-c']);
    const bad = await sys.http('GET', '/reviews', { token: adviser, query: { status: 'SOME' } });
    expect([bad.status, bad.body?.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  test('a new version supersedes: the old one cannot be resolved any more, the new one waits for its own resolution', async () => {
    const g10 = goldenCase('g10-deductions-exceed-base', 'p-b');
    await seedDecision(sys.deps, { ...g10, computedAt: '2026-11-09', days: g10.days.map((d, i) => (i === 0 ? { ...d, presentMinutes: 450 } : d)) }, { runId: 'run-nov', previous: bV1, createdAt: '2026-11-09T06:00:00.000Z' });
    const stale = await resolve('p-b', '2026-10', { kind: 'ADJUSTMENT', version: 1, payoutOre: 0, reason: 'r' });
    expect([stale.status, stale.body?.code]).toEqual([409, 'DECISION_SUPERSEDED']);
    const list = await reviews({ status: 'UNRESOLVED' });
    expect(list.map((r) => [r.participantId, r.period, r.version])).toEqual([
      ['p-c', '2026-09', 1],
      ['p-b', '2026-10', 2],
    ]);
    const adj = await resolve('p-b', '2026-10', { kind: 'ADJUSTMENT', version: 2, payoutOre: 0, reason: 'formal decision to follow' });
    expect(adj.status).toBe(201);
    expect(adj.body).toMatchObject({ version: 2, resolution: { kind: 'ADJUSTMENT', payoutOre: 0 } });
  });

  test('payroll and participants cannot resolve', async () => {
    const payroll = await sys.tokenFor(staff('payroll-1', ['payroll']));
    const r = await resolve('p-c', '2026-09', formal(1), payroll);
    expect([r.status, r.body?.code]).toEqual([403, 'FORBIDDEN_ROLE']);
  });
});

describe('REVIEW decisions: the adviser’s list to look at, marked as seen (PUT /decisions/{participantId}/{period}/seen)', () => {
  const seen = (pid: string, period: string, body: unknown, token = adviser) => sys.http('PUT', `/decisions/${pid}/${period}/seen`, { token, body });
  let aOct: StoredDecision;

  beforeAll(async () => {
    aOct = (await sys.deps.decisions.getLatest('p-a', '2026-10'))!;
    expect(aOct.review).toBe('REVIEW');
  });

  test('?review=REVIEW lists the REVIEW decisions of assigned participants, not yet seen, access-logged; ?review=ALL both kinds', async () => {
    const list = await reviews({ review: 'REVIEW' });
    expect(list.map((r) => [r.participantId, r.period, r.review, r.resolved, r.seen])).toEqual([['p-a', '2026-10', 'REVIEW', false, null]]);
    expect(list[0]).toMatchObject({ decisionId: aOct.decisionId, version: 1, resolution: null });
    // Each participant shown gets one staff-read entry for the list (S6).
    expect((await sys.deps.audit.list('p-a')).filter((e) => e.purpose === 'decision-review-queue').map((e) => `${e.action}:${e.route}`)).toEqual(['READ:GET /reviews']);
    const all = await reviews({ review: 'ALL', status: 'UNRESOLVED' });
    expect(all.map((r) => [r.participantId, r.review])).toEqual([
      ['p-c', 'VEDTAK_REQUIRED'],
      ['p-a', 'REVIEW'],
    ]);
    // The default is still the formal-decision queue only.
    expect((await reviews()).every((r) => r.review === 'VEDTAK_REQUIRED')).toBe(true);
    const bad = await sys.http('GET', '/reviews', { token: adviser, query: { review: 'AUTOMATIC' } });
    expect([bad.status, bad.body?.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  test('what cannot be marked is refused with a code and writes nothing', async () => {
    const items = await sys.count('decisions');
    const audit = (await sys.deps.audit.list('p-b')).filter((e) => e.action === 'WRITE').length;
    const cases: [string, string, unknown, number, string][] = [
      ['p-a', '2026-10', { version: 2 }, 404, 'NOT_FOUND'],
      ['p-a', '2026-09', { version: 1 }, 404, 'NOT_FOUND'],
      ['p-a', '2026-10', { version: 0 }, 400, 'VALIDATION_FAILED'],
      ['p-a', '2026-10', { version: 1, seenBy: 'someone' }, 400, 'UNKNOWN_FIELD'],
      ['p-a', '2026-10', {}, 400, 'VALIDATION_FAILED'],
      ['p-b', '2026-10', { version: 2 }, 409, 'NOT_A_REVIEW_DECISION'],
      ['p-z', '2026-10', { version: 1 }, 403, 'NOT_ASSIGNED'],
    ];
    for (const [pid, period, body, status, code] of cases) {
      const r = await seen(pid, period, body);
      expect([pid, body, r.status, r.body?.code]).toEqual([pid, body, status, code]);
    }
    const payroll = await sys.tokenFor(staff('payroll-1', ['payroll']));
    expect((await seen('p-a', '2026-10', { version: 1 }, payroll)).body?.code).toBe('FORBIDDEN_ROLE');
    expect(await sys.count('decisions')).toBe(items);
    expect((await sys.deps.audit.list('p-b')).filter((e) => e.action === 'WRITE')).toHaveLength(audit);
  });

  test('marking stores a create-only record beside the decision with a WRITE audit entry; again, by anyone, is 200 with the same record and writes nothing', async () => {
    await assign(sys.deps, 'p-a', OTHER);
    const items = await sys.count('decisions');
    const r = await seen('p-a', '2026-10', { version: 1 });
    expect(r.status).toBe(201);
    const first = r.body!;
    expect(first).toMatchObject({ participantId: 'p-a', period: '2026-10', version: 1, decisionId: aOct.decisionId, seenAt: '2026-11-10T09:00:00.000Z' });
    expect(String(first.seenByRef)).toMatch(/^staff-[0-9a-f]{12}$/);
    expect(await sys.count('decisions')).toBe(items + 1);
    sys.clock!.advance(60_000);
    for (const token of [adviser, other]) {
      const again = await seen('p-a', '2026-10', { version: 1 }, token);
      expect([again.status, again.body]).toEqual([200, first]);
    }
    expect(await sys.count('decisions')).toBe(items + 1);
    // The decision itself is unchanged; the one write is in the participant's audit log.
    expect(await sys.deps.decisions.getVersion('p-a', '2026-10', 1)).toEqual(aOct);
    expect((await sys.deps.audit.list('p-a')).filter((e) => e.action === 'WRITE').map((e) => `${e.purpose}:${e.route}`)).toEqual(['decision-review-seen:PUT /decisions/{participantId}/{period}/seen']);

    const list = await reviews({ review: 'REVIEW' });
    expect(list[0]).toMatchObject({ participantId: 'p-a', resolved: true, seen: { seenAt: '2026-11-10T09:00:00.000Z', seenByRef: first.seenByRef } });
    expect(await reviews({ review: 'REVIEW', status: 'UNRESOLVED' })).toEqual([]);
  });

  test('a new version (a correction) is listed afresh; the old one can no longer be marked', async () => {
    const g02 = goldenCase('g02-unexcused-half-day', 'p-a');
    await seedDecision(sys.deps, { ...g02, computedAt: '2026-11-09' }, { runId: 'run-nov', previous: aOct, createdAt: '2026-11-09T06:00:00.000Z' });
    expect((await reviews({ review: 'REVIEW', status: 'UNRESOLVED' })).map((r) => [r.participantId, r.version])).toEqual([['p-a', 2]]);
    const stale = await seen('p-a', '2026-10', { version: 1 });
    expect([stale.status, stale.body?.code]).toEqual([409, 'DECISION_SUPERSEDED']);
    // Two advisers marking at once: one record, both told the same.
    const items = await sys.count('decisions');
    const both = await Promise.all([seen('p-a', '2026-10', { version: 2 }), seen('p-a', '2026-10', { version: 2 }, other)]);
    expect(both.map((x) => x.status).sort()).toEqual([200, 201]);
    expect(both[0]!.body).toEqual(both[1]!.body);
    expect(await sys.count('decisions')).toBe(items + 1);
  });
});

describe('tenancy of /reviews (S13): only participants of the token’s municipality, whatever the assignments say', () => {
  test('a 5001 adviser assigned in the table to a 5002 participant sees nothing of them, cannot mark it, and leaves no access-log entry', async () => {
    await seedParticipant(sys.deps, 'p-oslo', { municipality: '5002' });
    await seedDecision(sys.deps, { ...goldenCase('g10-deductions-exceed-base', 'p-oslo'), municipality: { code: '5002' } }, { runId: 'run-oct-5002' });
    await seedDecision(sys.deps, { ...inMonth(goldenCase('g02-unexcused-half-day', 'p-oslo'), '2026-09', '2026-10-02'), municipality: { code: '5002' } }, { runId: 'run-sep-5002' });
    // The assignment item as a bug, or someone with write access to the table, would write it.
    await assign(sys.deps, 'p-oslo', ADVISER, '5001');
    expect(await sys.deps.assignments.listAssigned(ADVISER)).toContain('p-oslo');

    for (const review of ['VEDTAK_REQUIRED', 'REVIEW', 'ALL'])
      for (const status of ['UNRESOLVED', 'RESOLVED', 'ALL']) {
        const r = await sys.http('GET', '/reviews', { token: adviser, query: { review, status } });
        expect([review, status, r.status, r.raw.includes('p-oslo')]).toEqual([review, status, 200, false]);
      }
    const mark = await seen('p-oslo', '2026-09', { version: 1 });
    expect([mark.status, mark.body?.code]).toEqual([404, 'NOT_FOUND']);
    expect(await sys.deps.audit.list('p-oslo')).toEqual([]);

    // The 5002 adviser assigned to them sees them.
    await assign(sys.deps, 'p-oslo', 'adviser-oslo', '5002');
    const oslo = await sys.tokenFor(staff('adviser-oslo', ['adviser'], '5002'));
    const theirs = await sys.http('GET', '/reviews', { token: oslo, query: { review: 'ALL' } });
    expect((theirs.body as { reviews: { participantId: string; review: string }[] }).reviews.map((r) => [r.participantId, r.review])).toEqual([
      ['p-oslo', 'REVIEW'],
      ['p-oslo', 'VEDTAK_REQUIRED'],
    ]);
  });
  const seen = (pid: string, period: string, body: unknown, token = adviser) => sys.http('PUT', `/decisions/${pid}/${period}/seen`, { token, body });
});
