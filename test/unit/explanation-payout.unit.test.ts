/**
 * The explanation tells the payout actually paid (issue 9 item 4), and
 * corrections are measured against what a month has paid (benefit-rules.md
 * §8): the pure parts. What a month has paid and what a correction pays back;
 * the look-back window; the steps from the computed amount to the amount
 * paid; explanation versions; and the text of an adjusted and of a formally
 * decided month in nb and en, compared with committed expected texts
 * (test/unit/expected/; `UPDATE_EXPECTED=1` rewrites them) and rendered
 * again byte for byte from the stored inputs.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCase } from '../../shared/domain/case.js';
import type { DecisionCore } from '../../shared/domain/decision.js';
import { decideCore } from '../../shared/domain/engine.js';
import type { CorrectionContext, ExplanationContext } from '../../shared/domain/explanation/render.js';
import { ExplanationError, isUncheckedTranslation, LANGUAGES, renderExplanation, renderLayers, stepsOf, TEMPLATE_VERSION } from '../../shared/domain/explanation/render.js';
import type { PaidVersion } from '../../shared/domain/payroll/correction.js';
import { backPaymentOre, diffDecisions, paidForMonth, routeOf } from '../../shared/domain/payroll/correction.js';
import { DEFAULT_CORRECTION_LOOKBACK_MONTHS, lookbackMonths, MAX_CORRECTION_LOOKBACK_MONTHS } from '../../shared/domain/payroll/correction-window.js';
import type { PaidCorrection, VersionFacts } from '../../shared/domain/payroll/explanation-versions.js';
import { backPaymentSteps, baseCause, baseContext, causeOf, currentContext, renderRevision, resolutionStep, sameContext } from '../../shared/domain/payroll/explanation-versions.js';
import { decideMonth } from '../../shared/domain/payroll/participant-month.js';
import type { BackPaymentStep, ResolutionStep } from '../../shared/domain/payroll/payout-steps.js';
import { payoutSteps } from '../../shared/domain/payroll/payout-steps.js';
import { absence, absentOn, baseCase, OCTOBER_2026_DAYS } from '../support/case-builder.js';

const EXPECTED_DIR = join(import.meta.dirname, 'expected');
const core = (c: Parameters<typeof parseCase>[0]): DecisionCore => decideCore(parseCase(c));

/** Twelve days absent without a reason: deductions above half the base, so a formal decision is required (benefit-rules.md §9). */
const vedtakMonth = core(absentOn(baseCase(), OCTOBER_2026_DAYS.slice(2, 14)));
const adjustment: ResolutionStep = {
  kind: 'ADJUSTMENT',
  payoutOre: vedtakMonth.baseOre,
  reason: 'Forhåndsvarsel ble ikke sendt i tide, så trekket gjøres ikke denne måneden.',
  role: 'adviser',
  resolvedOn: '2026-11-05',
};
const formal: ResolutionStep = { kind: 'FORMAL_DECISION', vedtakReference: '2026/1234-5', advanceNoticeDate: '2026-10-28', role: 'adviser', resolvedOn: '2026-11-05' };
const septemberBackPayment: BackPaymentStep = {
  period: '2026-09',
  decisionId: 'p-test.2026-09.v0002',
  supersedesDecisionId: 'p-test.2026-09.v0001',
  reason: 'DOCUMENT_ARRIVED',
  days: [
    { date: '2026-09-29', beforeOre: -110_715, afterOre: 0 },
    { date: '2026-09-30', beforeOre: -110_715, afterOre: 0 },
  ],
  amountOre: 221_430,
};

/**
 * The stored text with the versions it names replaced by placeholders, so
 * the expected file pins the wording, not the hashes of the rule set, policy
 * and catalogue (which change with any rule or message).
 */
function pinned(text: string, d: DecisionCore): string {
  return text.replaceAll(TEMPLATE_VERSION, '{TEMPLATE_VERSION}').replaceAll(d.rulesetVersion, '{RULESET_VERSION}').replaceAll(d.policyVersion, '{POLICY_VERSION}');
}

function expectText(name: string, text: string, d: DecisionCore): void {
  const file = join(EXPECTED_DIR, name);
  if (process.env.UPDATE_EXPECTED === '1') writeFileSync(file, `${pinned(text, d)}\n`);
  expect(existsSync(file)).toBe(true);
  expect(pinned(text, d)).toBe(readFileSync(file, 'utf8').slice(0, -1));
}

/** What a store and a later process do: the decision and the context as JSON, read back and rendered again. */
const roundTrip = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('an adjusted and a formally decided month: the amount paid and every step to it, in every language', () => {
  test.each(['nb', 'en'])('adjusted (%s): the adjusted amount is what is paid, with the reason, the role and the date', (lang) => {
    const ctx: ExplanationContext = { resolution: adjustment };
    const text = renderExplanation(vedtakMonth, lang, ctx);
    expectText(`explanation-adjusted.${lang}.txt`, text, vedtakMonth);
    expect(renderExplanation(roundTrip(vedtakMonth), lang, roundTrip(ctx))).toBe(text);
    const l = renderLayers(vedtakMonth, lang, ctx);
    // The summary opens with the computed amount (after the notice of an unchecked translation) and closes with the amount paid, the adjustment between them.
    expect(l.summary.lines[isUncheckedTranslation(lang) ? 1 : 0]).toContain('NOK\u00a09\u00a0472,37');
    expect(l.summary.lines.at(-1)).toBe(
      lang === 'en' ? 'You are paid NOK\u00a022\u00a0758,17 with the payout for October 2026.' : 'Du får utbetalt NOK\u00a022\u00a0758,17 med utbetalingen for oktober 2026.',
    );
    expect(l.summary.lines.at(-2)).toContain(adjustment.reason);
    // Resolved: the summary no longer says a formal decision must come first.
    expect(l.summary.lines).not.toContain(renderLayers(vedtakMonth, lang).summary.lines.find((x) => /vedtak|formal decision/.test(x)));
    expect(l.who.lines[1]).toMatch(lang === 'en' ? /changed by a programme adviser on 5 November 2026/ : /endret av en programrådgiver 5\. november 2026/);
    expect(stepsOf(vedtakMonth, ctx)).toMatchObject({ computedOre: vedtakMonth.payoutOre, dueOre: vedtakMonth.baseOre, paidOre: vedtakMonth.baseOre });
  });

  test.each(LANGUAGES.filter((l) => l !== 'nb' && l !== 'en'))('%s: the adjusted and the formally decided month as committed, and again from the stored inputs', (lang) => {
    for (const [name, ctx] of [
      ['adjusted', { resolution: adjustment }],
      ['formal-back-payment', { resolution: formal, backPayments: [septemberBackPayment] }],
    ] as const) {
      const text = renderExplanation(vedtakMonth, lang, ctx);
      expectText(`explanation-${name}.${lang}.txt`, text, vedtakMonth);
      expect(renderExplanation(roundTrip(vedtakMonth), lang, roundTrip(ctx))).toBe(text);
      expect(text).toContain(ctx.resolution.kind === 'ADJUSTMENT' ? ctx.resolution.reason : ctx.resolution.vedtakReference);
    }
  });

  test.each(['nb', 'en'])('formally decided with a back-payment (%s): reference, notice date, the computed amount stands, plus what September pays back', (lang) => {
    const ctx: ExplanationContext = { resolution: formal, backPayments: [septemberBackPayment] };
    const text = renderExplanation(vedtakMonth, lang, ctx);
    expectText(`explanation-formal-back-payment.${lang}.txt`, text, vedtakMonth);
    expect(renderExplanation(roundTrip(vedtakMonth), lang, roundTrip(ctx))).toBe(text);
    expect(text).toContain('2026/1234-5');
    expect(text).toContain('p-test.2026-09.v0002');
    expect(stepsOf(vedtakMonth, ctx)).toMatchObject({ dueOre: vedtakMonth.payoutOre, earlierMonthsOre: 221_430, paidOre: vedtakMonth.payoutOre + 221_430 });
  });

  test('the release is added to the current text, the rest stays as stored', () => {
    const ctx: ExplanationContext = { resolution: formal };
    const released = renderLayers(vedtakMonth, 'en', { ...ctx, approval: { role: 'payroll', approvedAt: '2026-11-06' } });
    const stored = renderLayers(vedtakMonth, 'en', ctx);
    expect(released.who.lines[2]).toContain('6 November 2026');
    expect({ ...released, who: stored.who }).toEqual(stored);
  });

  test('a role other than an adviser is named by its role; an unknown role as it is', () => {
    for (const [role, en] of [
      ['payroll', 'Payroll staff changed'],
      ['admin', 'The municipality’s administrator changed'],
      ['case-officer', 'case-officer changed'],
    ] as const)
      expect(renderLayers(vedtakMonth, 'en', { resolution: { ...adjustment, role } }).summary.lines.join('\n')).toContain(en);
  });
});

describe('a correction of a paid month says what it pays, with which payout', () => {
  const pending = { ...absentOn(baseCase(), ['2026-10-29', '2026-10-30']), absences: ['2026-10-29', '2026-10-30'].map((d) => absence(d, 'OWN_ILLNESS', 'DOCTOR_NOTE', 'PENDING')) };
  const before = core(pending);
  const after = core({ ...pending, absences: pending.absences.map((a) => ({ ...a, status: 'APPROVED' as const })) });
  const ctxOf = (paidBeforeOre: number | undefined, paidWithPeriod: string | undefined): CorrectionContext => {
    const c = diffDecisions(before, after, paidBeforeOre);
    return { supersedesDecisionId: 'p-test.2026-10.v0001', ...c, ...(paidWithPeriod === undefined ? {} : { paidWithPeriod }) };
  };

  test('paid back with a later payout: what was paid, the difference, the month that pays it; the days before → after', () => {
    const ctx = { correction: ctxOf(before.payoutOre, '2026-12') };
    const en = renderLayers(after, 'en', ctx);
    expect(en.summary.lines.at(-1)).toBe(`You had been paid NOK\u00a020\u00a0543,87 for this month. You get NOK\u00a02\u00a0214,30 more, paid as a back-payment with the payout for December 2026.`);
    const calc = en.calculation.lines.join('\n');
    expect(calc).toContain('29 October 2026: NOK\u00a0−1\u00a0107,15 → NOK\u00a00,00');
    expect(calc).toContain('Calculated amount for the month: NOK\u00a020\u00a0543,87 → NOK\u00a022\u00a0758,17.');
    expect(calc).toContain('Paid as a back-payment with the payout for December 2026: NOK\u00a02\u00a0214,30.');
    expect(renderLayers(after, 'nb', ctx).summary.lines.at(-1)).toContain('etterbetalt med utbetalingen for desember 2026');
    expect(stepsOf(after, ctx)).toMatchObject({ paidBeforeOre: before.payoutOre, backPaymentOre: 221_430, toAdviserOre: 0, paidOre: 221_430 });
  });

  test('a month that had paid more (an earlier adjustment): the rest goes to an adviser; the same: nothing more', () => {
    const over = renderLayers(after, 'en', { correction: ctxOf(after.payoutOre + 5_000, '2026-12') });
    expect(over.summary.lines.at(-1)).toMatch(/NOK\u00a050,00 more than the new amount\. Nothing is set off automatically/);
    expect(over.calculation.lines.at(-1)).toBe('Paid beyond the new amount: NOK\u00a050,00. An adviser decides what happens; nothing is set off automatically.');
    const same = renderLayers(after, 'en', { correction: ctxOf(after.payoutOre, '2026-12') });
    expect(same.summary.lines.at(-1)).toMatch(/which is what the new amount gives/);
    // Stored without the paying month: "your next payout".
    const { paidWithPeriod: _p, ...noMonth } = ctxOf(before.payoutOre, '2026-12');
    expect(renderLayers(after, 'en', { correction: noMonth }).summary.lines.at(-1)).toMatch(/with the payout for your next payout\.$/);
  });

  test('an adjustment of the correcting version changes what it pays back, and the text says so', () => {
    const ctx: ExplanationContext = { correction: ctxOf(before.payoutOre, '2026-12'), resolution: { ...adjustment, payoutOre: before.payoutOre + 100 } };
    expect(stepsOf(after, ctx)).toMatchObject({ dueOre: before.payoutOre + 100, backPaymentOre: 100, paidOre: 100 });
    expect(renderLayers(after, 'en', ctx).calculation.lines.at(-1)).toBe('Paid as a back-payment with the payout for December 2026: NOK\u00a01,00.');
  });

  test('a month not paid yet computed again: it replaces the earlier calculation, nothing paid back or set off', () => {
    expect(renderLayers(after, 'en', { correction: ctxOf(undefined, undefined) }).summary.lines.at(-1)).toBe(
      'The earlier calculation had not been paid. This one replaces it. The amount is NOK\u00a02\u00a0214,30 higher.',
    );
    expect(renderLayers(before, 'en', { correction: { ...ctxOf(undefined, undefined), totalDifferenceOre: -5 } }).summary.lines.at(-1)).toMatch(/NOK\u00a00,05 lower\.$/);
    expect(renderLayers(before, 'nb', { correction: { ...ctxOf(undefined, undefined), totalDifferenceOre: 0 } }).summary.lines.at(-1)).toMatch(/Beløpet er det samme\.$/);
  });

  test('a correction stored before what was paid was recorded keeps its text: the difference to the superseded version', () => {
    const legacy = (totalDifferenceOre: number) => ({ correction: { supersedesDecisionId: 'x.v0001', reason: 'NEW_G' as const, days: [], totalDifferenceOre, paidWithPeriod: '2026-12' } });
    expect(renderLayers(after, 'en', legacy(1)).summary.lines.at(-1)).toMatch(/^In total you get NOK\u00a00,01 more/);
    expect(renderLayers(after, 'en', legacy(-1)).summary.lines.at(-1)).toMatch(/^In total the amount is NOK\u00a00,01 lower/);
    expect(renderLayers(after, 'en', legacy(0)).summary.lines.at(-1)).toBe('In total the amount does not change.');
  });

  test('decideMonth stamps what was paid and the paying month on the version and its explanation', () => {
    const first = decideMonth(undefined, (at) => parseCase({ ...pending, computedAt: at }), '2026-11-02');
    if (first.kind !== 'FIRST') throw new Error('expected FIRST');
    const previous = { decisionId: 'p-test.2026-10.v0001', version: 1, inputHash: first.decision.inputHash, computedAt: '2026-11-02', decision: first.decision };
    const approved = (at: string) => parseCase({ ...pending, computedAt: at, absences: pending.absences.map((a) => ({ ...a, status: 'APPROVED' as const })) });
    const next = decideMonth(previous, approved, '2026-12-02', { paidBeforeOre: before.payoutOre - 1_000, paidWithPeriod: '2026-12' });
    if (next.kind !== 'CORRECTION') throw new Error('expected CORRECTION');
    expect(next.correction).toMatchObject({ paidBeforeOre: before.payoutOre - 1_000, totalDifferenceOre: 221_430 + 1_000, route: 'BACK_PAYMENT', previousPayoutOre: before.payoutOre });
    expect(next.decision.explanation.en).toContain('payout for December 2026: NOK\u00a02\u00a0224,30');
  });
});

describe('what a month has paid, and what a correction pays back (correction.ts)', () => {
  const v = (version: number, payoutOre: number, over: Partial<PaidVersion> = {}): PaidVersion => ({ version, payoutOre, ...over });
  const paidWith = (period: string, paidBeforeOre: number, payoutOre: number, version: number): PaidVersion =>
    v(version, payoutOre, { paidWithPeriod: period, correction: { paidBeforeOre, totalDifferenceOre: payoutOre - paidBeforeOre, route: routeOf(payoutOre - paidBeforeOre) } });

  test('the newest version of the month’s own runs, as an adviser resolved it', () => {
    expect(paidForMonth([v(1, 900), v(2, 1_000)])).toBe(1_000);
    expect(paidForMonth([v(1, 900, { resolution: { kind: 'ADJUSTMENT', payoutOre: 1_200, reason: 'r' } })])).toBe(1_200);
    expect(paidForMonth([v(1, 900, { resolution: { kind: 'FORMAL_DECISION', vedtakReference: 'r', advanceNoticeDate: '2026-10-01' } })])).toBe(900);
    expect(paidForMonth([])).toBeUndefined();
    expect(paidForMonth([paidWith('2026-11', 0, 10, 2)])).toBeUndefined();
  });

  test('plus the back-payments of later months: a negative correction takes nothing back, so a later positive one pays only what is missing', () => {
    // Paid 1 000; November finds 800 (an adviser decides, nothing set off); December finds 1 000 again: nothing more is owed.
    const nov = paidWith('2026-11', 1_000, 800, 2);
    expect(backPaymentOre(nov)).toBe(0);
    expect(paidForMonth([v(1, 1_000), nov])).toBe(1_000);
    // December then finds 1 200: 200 is paid back, not 400 (the computed 800 → 1 200 would pay 200 twice).
    const dec = paidWith('2026-12', 1_000, 1_200, 3);
    expect(backPaymentOre(dec)).toBe(200);
    expect(paidForMonth([v(1, 1_000), nov, dec])).toBe(1_200);
  });

  test('within one paying month the newest correction replaces the others; the month computing now is left out', () => {
    const a = paidWith('2026-11', 1_000, 1_100, 2);
    const b = paidWith('2026-11', 1_000, 1_300, 3);
    expect(paidForMonth([v(1, 1_000), a, b])).toBe(1_300);
    // In any order (a query returns them sorted; the rule does not rely on it).
    expect(paidForMonth([b, a, v(2, 1_000), v(1, 700)])).toBe(1_300);
    expect(paidForMonth([v(1, 1_000), a, b], '2026-11')).toBe(1_000);
  });

  test('a version stored before paidBeforeOre was recorded pays its positive difference as stored', () => {
    expect(backPaymentOre({ payoutOre: 0, correction: { totalDifferenceOre: 300, route: 'BACK_PAYMENT' } })).toBe(300);
    expect(backPaymentOre({ payoutOre: 0, correction: { totalDifferenceOre: -300, route: 'ADVISER_DECISION' } })).toBe(0);
    expect(backPaymentOre({ payoutOre: 500 })).toBe(0);
  });

  test('measured against what was paid, the route follows the difference to it', () => {
    const d = diffDecisions(vedtakMonth, vedtakMonth, vedtakMonth.payoutOre + 1);
    expect(d).toMatchObject({ days: [], totalDifferenceOre: -1, route: 'ADVISER_DECISION', paidBeforeOre: vedtakMonth.payoutOre + 1 });
  });
});

describe('the look-back window (municipality policy)', () => {
  test('the default, a policy’s own, clamped to 1–36 months; a stored value that is no whole number takes the default', () => {
    expect(lookbackMonths('2026-10', undefined)).toHaveLength(DEFAULT_CORRECTION_LOOKBACK_MONTHS);
    expect(lookbackMonths('2026-10', { correctionLookbackMonths: 2 })).toEqual(['2026-09', '2026-08']);
    expect(lookbackMonths('2026-10', { correctionLookbackMonths: 0 })).toEqual(['2026-09']);
    expect(lookbackMonths('2026-10', { correctionLookbackMonths: 1000 })).toHaveLength(MAX_CORRECTION_LOOKBACK_MONTHS);
    expect(lookbackMonths('2026-10', { correctionLookbackMonths: 2.5 })).toHaveLength(DEFAULT_CORRECTION_LOOKBACK_MONTHS);
    expect(lookbackMonths('2026-10', {})).toHaveLength(DEFAULT_CORRECTION_LOOKBACK_MONTHS);
  });
});

describe('payout steps', () => {
  test('a month of its own run: the due amount and the back-payments paid with it', () => {
    expect(payoutSteps({ computedOre: 1_000 })).toEqual({ computedOre: 1_000, dueOre: 1_000, paidBeforeOre: null, backPaymentOre: 0, toAdviserOre: 0, earlierMonthsOre: 0, paidOre: 1_000 });
    expect(payoutSteps({ computedOre: 1_000, backPayments: [septemberBackPayment], resolution: adjustment })).toMatchObject({ dueOre: adjustment.kind === 'ADJUSTMENT' ? adjustment.payoutOre : 0, paidOre: vedtakMonth.baseOre + 221_430 });
    // A version computed again before its month was paid carries no paid amount: it is paid as a month.
    expect(payoutSteps({ computedOre: 1_000, correction: { totalDifferenceOre: 50 } })).toMatchObject({ paidBeforeOre: null, paidOre: 1_000 });
  });
});

describe('explanation versions (explanation-versions.ts)', () => {
  const base: VersionFacts = { decisionId: 'p-x.2026-10.v0002', period: '2026-10', version: 2 };
  const correction = diffDecisions(vedtakMonth, vedtakMonth, vedtakMonth.payoutOre - 10);

  test('revision 0: the context the version was stored with; a version without `supersedes` supersedes the one before it', () => {
    expect(baseContext(base)).toEqual({});
    expect(baseCause(base)).toBe('COMPUTED');
    expect(baseContext({ ...base, correction, supersedes: 'p-x.2026-10.v0001', paidWithPeriod: '2026-12' })).toEqual({
      correction: { supersedesDecisionId: 'p-x.2026-10.v0001', reason: correction.reason, days: [], totalDifferenceOre: 10, previousPayoutOre: vedtakMonth.payoutOre, paidBeforeOre: vedtakMonth.payoutOre - 10, paidWithPeriod: '2026-12' },
    });
    expect(baseContext({ ...base, correction }).correction!.supersedesDecisionId).toBe('p-x.2026-10.v0001');
    // Stored before the superseded payout was recorded: the context has none either.
    const { previousPayoutOre: _p, ...older } = correction;
    expect(baseContext({ ...base, correction: older }).correction).not.toHaveProperty('previousPayoutOre');
    expect(baseCause({ correction })).toBe('CORRECTED');
  });

  test('the back-payments paid with a month: the newest correction per month that pays something, oldest month first', () => {
    const c = (period: string, version: number, paidBeforeOre: number, payoutOre: number, paidWithPeriod = '2026-10'): PaidCorrection => ({
      decisionId: `p-x.${period}.v000${version}`,
      period,
      version,
      supersedes: `p-x.${period}.v000${version - 1}`,
      paidWithPeriod,
      payoutOre,
      correction: { ...diffDecisions(vedtakMonth, vedtakMonth, paidBeforeOre), totalDifferenceOre: payoutOre - paidBeforeOre },
    });
    const steps = backPaymentSteps('2026-10', [
      c('2026-09', 2, 100, 150),
      c('2026-08', 3, 100, 170),
      c('2026-08', 2, 100, 120),
      c('2026-07', 2, 100, 90),
      c('2026-06', 2, 100, 500, '2026-11'),
      { ...c('2026-05', 1, 0, 100), correction: undefined },
    ]);
    expect(steps.map((s) => [s.period, s.decisionId, s.amountOre])).toEqual([
      ['2026-08', 'p-x.2026-08.v0003', 70],
      ['2026-09', 'p-x.2026-09.v0002', 50],
    ]);
    // An adviser's adjustment of the correcting version changes what it pays back.
    expect(backPaymentSteps('2026-10', [{ ...c('2026-09', 2, 100, 150), resolution: { kind: 'ADJUSTMENT', payoutOre: 400, reason: 'r' } }])[0]!.amountOre).toBe(300);
  });

  test('the current context adds the resolution, and the back-payments only to a version of the month’s own run', () => {
    const resolution = { resolution: { kind: 'ADJUSTMENT' as const, payoutOre: 5, reason: 'r' }, role: 'adviser', resolvedOn: '2026-11-05' };
    expect(currentContext(base, undefined, [])).toEqual({});
    expect(currentContext(base, resolution, [septemberBackPayment])).toEqual({ resolution: resolutionStep(resolution), backPayments: [septemberBackPayment] });
    expect(currentContext({ ...base, correction, paidWithPeriod: '2026-12' }, undefined, [septemberBackPayment]).backPayments).toBeUndefined();
  });

  test('contexts compare as canonical JSON; the cause names what changed', () => {
    expect(sameContext({ resolution: formal }, roundTrip({ resolution: { ...formal } }))).toBe(true);
    expect(sameContext({}, { backPayments: [septemberBackPayment] })).toBe(false);
    expect(causeOf({}, { resolution: adjustment })).toBe('ADJUSTED');
    expect(causeOf({}, { resolution: formal })).toBe('FORMAL_DECISION');
    expect(causeOf({ resolution: formal }, { resolution: formal, backPayments: [septemberBackPayment] })).toBe('BACK_PAYMENTS');
  });

  test('a revision is rendered in every language, the same bytes as the renderer gives', () => {
    const texts = renderRevision(vedtakMonth, { resolution: formal });
    expect(Object.keys(texts)).toEqual([...LANGUAGES]);
    for (const lang of LANGUAGES) expect(texts[lang]).toBe(renderExplanation(vedtakMonth, lang, { resolution: formal }));
  });
});

describe('bad context is an ExplanationError with a stable code', () => {
  const codeOf = (ctx: ExplanationContext): string => {
    try {
      renderExplanation(vedtakMonth, 'en', ctx);
    } catch (e) {
      return e instanceof ExplanationError ? e.code : `not an ExplanationError: ${String(e)}`;
    }
    return 'no error';
  };
  test.each([
    ['INVALID_TEXT', { resolution: { ...adjustment, reason: 'two\nlines' } }],
    ['INVALID_TEXT', { resolution: { ...adjustment, reason: '  ' } }],
    ['INVALID_TEXT', { resolution: { ...adjustment, reason: 'x'.repeat(501) } }],
    ['INVALID_TEXT', { resolution: { ...formal, vedtakReference: '' } }],
    ['INVALID_TEXT', { resolution: { ...formal, role: '' } }],
    ['INVALID_AMOUNT', { resolution: { ...adjustment, payoutOre: 1.5 } }],
    ['INVALID_DATE', { resolution: { ...formal, advanceNoticeDate: '2026-02-30' } }],
    ['INVALID_AMOUNT', { backPayments: [{ ...septemberBackPayment, amountOre: Number.NaN }] }],
    ['INVALID_TEXT', { backPayments: [{ ...septemberBackPayment, decisionId: '' }] }],
    ['INVALID_TEXT', { backPayments: [{ ...septemberBackPayment, supersedesDecisionId: '\u0000' }] }],
    ['INVALID_AMOUNT', { backPayments: [{ ...septemberBackPayment, days: [{ date: 'BASE', beforeOre: 0.5, afterOre: 0 }] }] }],
    ['INVALID_DATE', { backPayments: [{ ...septemberBackPayment, period: '2026-13' }] }],
    ['INVALID_AMOUNT', { correction: { supersedesDecisionId: 'x', reason: 'NEW_G', days: [], totalDifferenceOre: 0, paidBeforeOre: 0.5 } }],
    ['INVALID_AMOUNT', { correction: { supersedesDecisionId: 'x', reason: 'NEW_G', days: [], totalDifferenceOre: 0, previousPayoutOre: 0.5 } }],
  ] as [string, ExplanationContext][])('%s', (code, ctx) => {
    expect(codeOf(ctx)).toBe(code);
  });

  test('a back-payment of the base is said as such', () => {
    const ctx: ExplanationContext = { backPayments: [{ ...septemberBackPayment, reason: 'NEW_G', days: [{ date: 'BASE', beforeOre: 100, afterOre: 200 }], amountOre: 100 }] };
    expect(renderLayers(vedtakMonth, 'en', ctx).calculation.lines).toContain('  – amount before deductions: NOK\u00a01,00 → NOK\u00a02,00.');
    expect(renderLayers(vedtakMonth, 'nb', ctx).calculation.lines).toContain('  – beløp før trekk: NOK\u00a01,00 → NOK\u00a02,00.');
  });
});
