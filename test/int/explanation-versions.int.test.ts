/**
 * The explanation tells the payout actually paid (issue 9 item 4), over HTTP
 * against the local system: an adviser adjusts one month that needs a formal
 * decision and records the formal decision of another; each becomes a new
 * stored version of the month's explanation (create-only, beside the
 * decision, never an overwrite), which the participant and the adviser read
 * as the current explanation with the history of versions, in nb and en:
 * the amount paid and every step to it. Rendering the stored decision with
 * the stored context gives the stored text byte for byte. A repeated PUT,
 * and writers racing, write no second version; a reason that is not one
 * line is refused before anything is written.
 */
import type { StoredDecision } from '../../shared/adapters/decisions-repo.js';
import { LANGUAGES, renderExplanation } from '../../shared/domain/explanation/render.js';
import { emptyTotals } from '../../shared/domain/payroll/run.js';
import { ensureExplanation } from '../../shared/features/decisions/explanation-versions.js';
import { assign, seedParticipant } from '../support/api-seed.js';
import { absentOn, baseCase, OCTOBER_2026_DAYS } from '../support/case-builder.js';
import { seedDecision } from '../support/decision-seed.js';
import { participant, staff, startTestSystem, type TestSystem } from '../support/local-system.js';

let sys: TestSystem;
let adviser: string;
const ADVISER = 'adviser-expl-1';
const REASON = 'Forhåndsvarsel ble ikke sendt i tide, så trekket gjøres ikke denne måneden.';
const decisions: Record<string, StoredDecision> = {};

/** Twelve days absent without a reason: a formal decision is required (benefit-rules.md §9). */
const vedtakCase = (pid: string) => ({ ...absentOn(baseCase(), OCTOBER_2026_DAYS.slice(2, 14)), participant: { ...baseCase().participant, id: pid } });
const engine = (d: StoredDecision) => d.decision;

beforeAll(async () => {
  sys = await startTestSystem({ clock: '2026-11-05T09:00:00Z' });
  for (const pid of ['p-adj', 'p-formal', 'p-race']) {
    await seedParticipant(sys.deps, pid);
    await assign(sys.deps, pid, ADVISER);
    decisions[pid] = await seedDecision(sys.deps, vedtakCase(pid), { runId: 'run-expl-oct' });
    expect(engine(decisions[pid]!).review).toBe('VEDTAK_REQUIRED');
  }
  adviser = await sys.tokenFor(staff(ADVISER, ['adviser']));
}, 120_000);
afterAll(() => sys?.stop());

const resolve = (pid: string, body: unknown) => sys.http('PUT', `/decisions/${pid}/2026-10/resolution`, { token: adviser, body });
type View = {
  version: number;
  explanationVersion: number;
  text: string;
  stored: string;
  paidOre: number;
  steps: Record<string, unknown>;
  history: { number: number; version: number; revision: number; cause: string; paidOre: number; text: string }[];
};
const read = async (pid: string, lang: string, as: 'participant' | 'adviser' = 'participant'): Promise<View> => {
  const r =
    as === 'participant'
      ? await sys.http('GET', '/me/decisions/2026-10/explanation', { token: await sys.tokenFor(participant(pid)), query: { lang } })
      : await sys.http('GET', `/participants/${pid}/decisions/2026-10/explanation`, { token: adviser, query: { lang } });
  expect(r.status).toBe(200);
  return r.body as View;
};

test('an adjusted month: the participant reads the amount paid, the adjustment with its reason, the role and the date, in nb and en; a new version whose stored text its stored context re-renders byte for byte', async () => {
  const d = decisions['p-adj']!;
  const items = await sys.count('decisions');
  const put = await resolve('p-adj', { kind: 'ADJUSTMENT', version: 1, payoutOre: engine(d).baseOre, reason: REASON });
  expect(put.status).toBe(201);
  expect(put.body).toMatchObject({ resolvedByRole: 'adviser' });
  expect(await sys.count('decisions')).toBe(items + 2);

  const revision = (await sys.deps.explanations.latestFor('p-adj', '2026-10', 1))!;
  expect(revision).toMatchObject({ revision: 1, cause: 'ADJUSTED', context: { resolution: { kind: 'ADJUSTMENT', payoutOre: engine(d).baseOre, reason: REASON, role: 'adviser', resolvedOn: '2026-11-05' } } });
  for (const lang of LANGUAGES) {
    // Reproducibility: the stored decision and the stored context give the stored text.
    expect(renderExplanation(engine(d), lang, revision.context)).toBe(revision.explanation[lang]);
    const view = await read('p-adj', lang);
    expect(view).toMatchObject({ version: 1, explanationVersion: 2, paidOre: engine(d).baseOre, steps: { computedOre: engine(d).payoutOre, dueOre: engine(d).baseOre } });
    expect(view.stored).toBe(revision.explanation[lang]);
    // Not released: the text served is the stored text, byte for byte.
    expect(view.text).toBe(view.stored);
    expect(view.text).toContain(REASON);
    // The exact words in nb and en (the translations have their own expected texts: test/unit/expected/).
    const words: Record<string, string[]> = {
      en: ['You are paid NOK\u00a022\u00a0758,17 with the payout for October 2026.', 'A programme adviser changed the amount to NOK\u00a022\u00a0758,17 on 5 November 2026.'],
      nb: ['Du får utbetalt NOK\u00a022\u00a0758,17 med utbetalingen for oktober 2026.', 'En programrådgiver endret 5. november 2026 beløpet til NOK\u00a022\u00a0758,17.'],
    };
    for (const w of words[lang] ?? []) expect(view.text).toContain(w);
    expect(view.history.map((h) => [h.number, h.version, h.revision, h.cause, h.paidOre])).toEqual([
      [1, 1, 0, 'COMPUTED', engine(d).payoutOre],
      [2, 1, 1, 'ADJUSTED', engine(d).baseOre],
    ]);
    expect(view.history[0]!.text).toBe(engine(d).explanation[lang]);
    expect(view.history[1]!.text).toBe(view.stored);
    // The adviser's view of the same.
    const seen = await read('p-adj', lang, 'adviser');
    expect({ text: seen.text, history: seen.history }).toEqual({ text: view.text, history: view.history });
  }
  // The decision itself is never edited.
  expect(await sys.deps.decisions.getVersion('p-adj', '2026-10', 1)).toEqual(d);
});

test('a formally decided month: the reference and the advance-notice date, the computed amount paid; the same PUT again writes nothing', async () => {
  const d = decisions['p-formal']!;
  const body = { kind: 'FORMAL_DECISION', version: 1, vedtakReference: '2026/1234-5', advanceNoticeDate: '2026-10-28' };
  expect((await resolve('p-formal', body)).status).toBe(201);
  const items = await sys.count('decisions');
  expect((await resolve('p-formal', body)).status).toBe(200);
  expect(await sys.count('decisions')).toBe(items);
  const revision = (await sys.deps.explanations.latestFor('p-formal', '2026-10', 1))!;
  expect(revision).toMatchObject({ revision: 1, cause: 'FORMAL_DECISION' });
  for (const [lang, says] of [
    ['en', ['made a formal decision, reference 2026/1234-5. You were told in advance on 28 October 2026.', 'You are paid NOK\u00a09\u00a0472,37 with the payout for October 2026.']],
    ['nb', ['har gjort et vedtak med saksnummer 2026/1234-5. Du fikk varsel om det 28. oktober 2026.', 'Du får utbetalt NOK\u00a09\u00a0472,37 med utbetalingen for oktober 2026.']],
  ] as const) {
    expect(renderExplanation(engine(d), lang, revision.context)).toBe(revision.explanation[lang]);
    const view = await read('p-formal', lang);
    expect(view.paidOre).toBe(engine(d).payoutOre);
    for (const s of says) expect(view.text).toContain(s);
    expect(view.history.map((h) => h.cause)).toEqual(['COMPUTED', 'FORMAL_DECISION']);
  }
});

test('once the month is released, the current text adds who approved it and when; the stored version is unchanged', async () => {
  const runs = sys.deps.payrollRuns;
  const created = await runs.createRun({ runId: 'run-expl-oct', municipalityCode: '5001', period: '2026-10', by: 'pay-1', at: '2026-11-02T08:00:00.000Z', executionName: 'run-expl-oct-1' });
  expect(created.created).toBe(true);
  await runs.freezeBatches('run-expl-oct', [], '2026-11-02T08:00:00.000Z');
  await runs.apply('run-expl-oct', { type: 'SummariseRun', totals: emptyTotals(), at: '2026-11-02T08:01:00.000Z' });
  await runs.apply('run-expl-oct', { type: 'ApproveRun', by: 'pay-1', at: '2026-11-06T09:00:00.000Z', unresolvedVedtak: 0 });
  await runs.apply('run-expl-oct', { type: 'ApproveRun', by: 'pay-2', at: '2026-11-06T10:00:00.000Z', unresolvedVedtak: 0 });
  const view = await read('p-formal', 'en');
  expect(view.text).not.toBe(view.stored);
  expect(view.text).toContain('It was approved by payroll staff (two different people) on 6 November 2026.');
  expect(view.text.replace(/It was approved by [^\n]+/, 'Two different people in payroll must approve it before it is paid.')).toBe(view.stored);
  expect(view.explanationVersion).toBe(2);
});

test('a reason that is not one line is refused, nothing written', async () => {
  const items = await sys.count('decisions');
  const r = await resolve('p-race', { kind: 'ADJUSTMENT', version: 1, payoutOre: 0, reason: 'first line\nsecond line' });
  expect([r.status, r.body?.code]).toEqual([400, 'VALIDATION_FAILED']);
  expect(r.body).toMatchObject({ issues: [{ path: 'body.reason' }] });
  expect(await sys.count('decisions')).toBe(items);
});

test('writers racing for the next version: exactly one is written, and later calls write nothing', async () => {
  const d = decisions['p-race']!;
  const dd = sys.deps;
  await dd.reviews.putResolutionOnce({ participantId: 'p-race', period: '2026-10', version: 1, decisionId: d.decisionId, resolution: { kind: 'ADJUSTMENT', payoutOre: 100, reason: 'r' }, resolvedByRef: 'staff-x', resolvedByRole: 'adviser', resolvedAt: '2026-11-05T09:00:00.000Z' });
  const io = { decisions: sys.deps.decisions, reviews: dd.reviews, runs: dd.payrollRuns, explanations: sys.deps.explanations, now: () => '2026-11-05T09:00:01.000Z' };
  const written = await Promise.all(Array.from({ length: 8 }, () => ensureExplanation(io, 'p-race', '2026-10')));
  expect(written.filter((w) => w !== undefined)).toHaveLength(1);
  expect((await sys.deps.explanations.listForMonth('p-race', '2026-10')).map((e) => e.revision)).toEqual([1]);
  expect(await ensureExplanation(io, 'p-race', '2026-10')).toBeUndefined();
  // A month without a decision has nothing to explain.
  expect(await ensureExplanation(io, 'p-race', '2026-09')).toBeUndefined();
});
