/**
 * Decision reads over HTTP against the local system: the participant's own
 * decisions (latest version per month), a month's decision with lines,
 * calendar and versions (a correction with its per-day difference), the
 * explanation with every layer in nb and en; an assigned adviser reads the
 * same after the access-log entry is written (S6), an unassigned one gets
 * 403 (S4), another participant's month is simply not there (S3).
 * Decisions are written with the engine on golden cases (test/support/decision-seed.ts).
 */
import type { StoredDecision } from '../../shared/adapters/decisions-repo.js';
import type { StaffRead } from '../../shared/adapters/audit-log.js';
import { recordStaffReadWith } from '../../shared/adapters/audit-log.js';
import { LAYER_ORDER, renderExplanation, TEMPLATE_VERSION } from '../../shared/domain/explanation/render.js';
import { correctionContext } from '../../shared/domain/payroll/participant-month.js';
import { assign, seedParticipant } from '../support/api-seed.js';
import { goldenCase, seedDecision, storedDecision } from '../support/decision-seed.js';
import { participant, staff, startTestSystem, type TestSystem } from '../support/local-system.js';

let sys: TestSystem;
let ada: string;
let bo: string;
let adviser: string;
let stranger: string;
let octV1: StoredDecision;
let octV2: StoredDecision;
let sep: StoredDecision;

const ADVISER_SUB = 'adviser-sub-1';

beforeAll(async () => {
  sys = await startTestSystem({ clock: '2026-11-10T09:00:00Z' });
  await seedParticipant(sys.deps, 'p-ada');
  await seedParticipant(sys.deps, 'p-bo');
  await assign(sys.deps, 'p-ada', ADVISER_SUB);
  ada = await sys.tokenFor(participant('p-ada'));
  bo = await sys.tokenFor(participant('p-bo'));
  adviser = await sys.tokenFor(staff(ADVISER_SUB, ['adviser']));
  stranger = await sys.tokenFor(staff('adviser-sub-2', ['adviser']));

  // September: a full month. October v1: a pending self-certification withheld; v2: the document approved later.
  const september = goldenCase('g01-full-attendance', 'p-ada');
  sep = await seedDecision(sys.deps, { ...september, period: '2026-09', computedAt: '2026-10-02', days: september.days.map((d) => ({ ...d, date: d.date.replace('2026-10', '2026-09') })).filter((d) => d.date <= '2026-09-30') }, { runId: 'run-sep' });
  const pending = goldenCase('g09-pending-self-cert', 'p-ada');
  octV1 = await seedDecision(sys.deps, pending, { runId: 'run-oct' });
  const approved = { ...pending, computedAt: '2026-11-05', absences: pending.absences!.map((a) => ({ ...a, status: 'APPROVED' as const })) };
  octV2 = await seedDecision(sys.deps, approved, { runId: 'run-nov', previous: octV1, createdAt: '2026-11-05T06:00:00.000Z' });
  await seedDecision(sys.deps, goldenCase('g02-unexcused-half-day', 'p-bo'), { runId: 'run-oct' });
}, 120_000);

afterAll(() => sys?.stop());

const engine = (d: StoredDecision) => d.decision;

describe('participant', () => {
  test('GET /me/decisions: the latest version of each month, newest first, own only', async () => {
    const r = await sys.http('GET', '/me/decisions', { token: ada });
    expect(r.status).toBe(200);
    const list = (r.body as { decisions: Record<string, unknown>[] }).decisions;
    expect(list.map((d) => [d.period, d.version])).toEqual([
      ['2026-10', 2],
      ['2026-09', 1],
    ]);
    expect(list[0]).toMatchObject({
      decisionId: octV2.decisionId,
      supersedes: octV1.decisionId,
      payoutOre: engine(octV2).payoutOre,
      paidOre: engine(octV2).payoutOre,
      baseOre: engine(octV2).baseOre,
      review: engine(octV2).review,
      resolution: null,
      released: false,
    });
    const other = await sys.http('GET', '/me/decisions', { token: bo });
    expect((other.body as { decisions: { period: string }[] }).decisions.map((d) => d.period)).toEqual(['2026-10']);
  });

  test('GET /me/decisions/{period}: lines, calendar and every version with its correction', async () => {
    const r = await sys.http('GET', '/me/decisions/2026-10', { token: ada });
    expect(r.status).toBe(200);
    const body = r.body as Record<string, unknown> & { decision: Record<string, unknown>; versions: Record<string, unknown>[] };
    expect(body).toMatchObject({ participantId: 'p-ada', period: '2026-10', version: 2, decisionId: octV2.decisionId });
    const { explanation: _x, ...withoutText } = engine(octV2);
    expect(body.decision).toEqual(JSON.parse(JSON.stringify(withoutText)));
    expect(body.decision).not.toHaveProperty('explanation');
    expect(body.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(body.versions[0]!.correction).toBeNull();
    expect(body.versions[1]!.correction).toEqual(octV2.correction);
    expect((octV2.correction!.totalDifferenceOre)).toBeGreaterThan(0);
  });

  test('a month without a decision, and another participant’s month, are 404', async () => {
    expect((await sys.http('GET', '/me/decisions/2026-08', { token: ada })).status).toBe(404);
    const r = await sys.http('GET', '/me/decisions/2026-09', { token: bo });
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: 'NOT_FOUND' });
  });

  test('a bad month is 400', async () => {
    const r = await sys.http('GET', '/me/decisions/2026-13', { token: ada });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'path.period' }] });
  });

  test.each(['nb', 'en'])('explanation in %s: every layer, the stored text for a month without context', async (lang) => {
    const r = await sys.http('GET', '/me/decisions/2026-09/explanation', { token: ada, query: { lang } });
    expect(r.status).toBe(200);
    const body = r.body as { layers: { name: string; title: string; lines: string[] }[]; text: string; stored: string; lang: string; correction: unknown };
    expect(body.lang).toBe(lang);
    expect(body.layers.map((l) => l.name)).toEqual([...LAYER_ORDER]);
    for (const l of body.layers) expect(l.lines.length).toBeGreaterThan(0);
    expect(body.stored).toBe(engine(sep).explanation[lang]);
    // Re-rendering the stored decision gives the stored bytes (explanations.md "Reproducibility").
    expect(body.text).toBe(body.stored);
    expect(body.correction).toBeNull();
  });

  test('explanation of a correction: the superseded decision, per-day difference and total, in both languages', async () => {
    for (const lang of ['nb', 'en']) {
      const r = await sys.http('GET', '/me/decisions/2026-10/explanation', { token: ada, query: { lang } });
      expect(r.status).toBe(200);
      const body = r.body as { text: string; correction: Record<string, unknown>; version: number };
      expect(body.version).toBe(2);
      const { route: _route, ...correction } = octV2.correction!;
      expect(body.correction).toEqual({ supersedesDecisionId: octV1.decisionId, ...correction });
      expect(body.text).toBe(renderExplanation(engine(octV2), lang, { correction: correctionContext(octV1.decisionId, octV2.correction!, undefined) }));
      expect(body.text).toContain(octV1.decisionId);
      // Stored with its correction layer, as the workflow stores it: re-rendering gives the same bytes.
      expect(body.text).toBe(engine(octV2).explanation[lang]);
    }
  });

  test('the default language is nb; an unknown language is 400 UNKNOWN_LANGUAGE', async () => {
    const nb = await sys.http('GET', '/me/decisions/2026-09/explanation', { token: ada });
    expect(nb.body).toMatchObject({ lang: 'nb' });
    const r = await sys.http('GET', '/me/decisions/2026-09/explanation', { token: ada, query: { lang: 'xx' } });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'UNKNOWN_LANGUAGE', issues: [{ path: 'query.lang' }] });
    const extra = await sys.http('GET', '/me/decisions/2026-09/explanation', { token: ada, query: { lang: 'en', format: 'x' } });
    expect(extra.body).toMatchObject({ code: 'UNKNOWN_FIELD' });
  });

  test('a text stored before the new layout and languages: nb and en as stored, uk and ar rendered now and saying so', async () => {
    await seedParticipant(sys.deps, 'p-old');
    const token = await sys.tokenFor(participant('p-old'));
    // As text version 2 stored it: seven layers, nb and en only (the stored bytes differ from today's rendering).
    const fresh = storedDecision(goldenCase('g04-self-cert-quota-exhausted', 'p-old'), { runId: 'run-old' });
    const old = { nb: '## Kort fortalt\nGammel tekst.\n\n## Kalender for oktober 2026\nEn dag.', en: '## Summary\nOld text.\n\n## Calendar for October 2026\nA day.' };
    const stored: StoredDecision = { ...fresh, decision: { ...fresh.decision, templateVersion: 'explanation-2-000000000000', explanation: old } };
    expect(await sys.deps.decisions.putDecisionOnce(stored)).toBe('created');

    for (const lang of ['nb', 'en'] as const) {
      const r = await sys.http('GET', '/me/decisions/2026-10/explanation', { token, query: { lang } });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ text: old[lang], stored: old[lang], templateVersion: 'explanation-2-000000000000', storedInLanguage: true, dir: 'ltr' });
      expect((r.body!.layers as { name: string }[]).map((l) => l.name)).toEqual(['summary', 'calendar']);
    }
    for (const [lang, dir] of [['uk', 'ltr'], ['ar', 'rtl']] as const) {
      const r = await sys.http('GET', '/me/decisions/2026-10/explanation', { token, query: { lang } });
      expect(r.status).toBe(200);
      const body = r.body as { text: string; stored: string; layers: { name: string; lines: string[] }[]; history: { text: string; lang: string }[] };
      expect(body).toMatchObject({ lang, dir, uncheckedTranslation: true, storedInLanguage: false, stored: '', templateVersion: TEMPLATE_VERSION });
      expect(body.text).toBe(renderExplanation(engine(stored), lang));
      expect(body.layers.map((l) => l.name)).toEqual([...LAYER_ORDER]);
      // The history shows what was stored: the Norwegian text.
      expect(body.history).toMatchObject([{ text: old.nb, lang: 'nb' }]);
    }
  });

  test('staff tokens cannot use the participant routes', async () => {
    expect((await sys.http('GET', '/me/decisions', { token: adviser })).status).toBe(403);
  });
});

describe('adviser', () => {
  const readLog = async () => ((await sys.http('GET', '/me/access-log', { token: ada })).body as { entries: { purpose: string; route: string }[] }).entries;

  test('assigned: list, month and explanation, each written to the participant’s access log first', async () => {
    const before = (await readLog()).length;
    const list = await sys.http('GET', '/participants/p-ada/decisions', { token: adviser });
    expect(list.status).toBe(200);
    expect((list.body as { decisions: unknown[] }).decisions).toHaveLength(2);
    const month = await sys.http('GET', '/participants/p-ada/decisions/2026-10', { token: adviser });
    expect(month.status).toBe(200);
    expect(month.body).toMatchObject({ version: 2 });
    const expl = await sys.http('GET', '/participants/p-ada/decisions/2026-10/explanation', { token: adviser, query: { lang: 'en' } });
    expect(expl.status).toBe(200);
    expect(expl.body).toMatchObject({ lang: 'en', version: 2 });
    const entries = (await readLog()).slice(before);
    expect(entries.map((e) => [e.purpose, e.route])).toEqual([
      ['decision-list', 'GET /participants/{id}/decisions'],
      ['decision-read', 'GET /participants/{id}/decisions/{period}'],
      ['decision-explanation', 'GET /participants/{id}/decisions/{period}/explanation'],
    ]);
  });

  test('unassigned: 403 NOT_ASSIGNED and no access-log entry', async () => {
    const before = (await readLog()).length;
    for (const path of ['/participants/p-ada/decisions', '/participants/p-ada/decisions/2026-10', '/participants/p-ada/decisions/2026-10/explanation']) {
      const r = await sys.http('GET', path, { token: stranger });
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ code: 'NOT_ASSIGNED' });
    }
    expect(await readLog()).toHaveLength(before);
  });

  test('the assigned adviser with a token of another municipality: 404, as for any participant there, and no access-log entry', async () => {
    const elsewhere = await sys.tokenFor(staff(ADVISER_SUB, ['adviser'], '0301'));
    const before = (await readLog()).length;
    for (const path of ['/participants/p-ada/decisions', '/participants/p-ada/decisions/2026-10', '/participants/p-ada/decisions/2026-10/explanation']) {
      const r = await sys.http('GET', path, { token: elsewhere });
      expect(r.status).toBe(404);
    }
    expect(await readLog()).toHaveLength(before);
  });

  test('if the access log cannot be written, nothing is shown (503 AUDIT_UNAVAILABLE)', async () => {
    // The real refusal path: the append fails, so recordStaffRead answers 503 AUDIT_UNAVAILABLE.
    const failing = { append: () => Promise.reject(new Error('down')), list: () => Promise.resolve([]), recordStaffRead: (read: StaffRead) => recordStaffReadWith(failing, read) };
    sys.deps.swap({ audit: failing });
    try {
      const r = await sys.http('GET', '/participants/p-ada/decisions/2026-10', { token: adviser });
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ code: 'AUDIT_UNAVAILABLE' });
      expect(r.raw).not.toContain('payoutOre');
    } finally {
      sys.deps.swap({});
    }
  });

  test('an unknown language is refused before anything is read or logged', async () => {
    const before = (await readLog()).length;
    const r = await sys.http('GET', '/participants/p-ada/decisions/2026-10/explanation', { token: adviser, query: { lang: 'de' } });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'UNKNOWN_LANGUAGE' });
    expect(await readLog()).toHaveLength(before);
  });
});
