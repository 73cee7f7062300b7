/**
 * Explanations (explanations.md): every code has a message in every language,
 * the layers are rendered from the decision's data, hints are exact,
 * re-rendering a decision after a JSON round trip gives the same text, and bad input
 * is an ExplanationError with a stable code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Category, DayStatus, DecisionCore, Documentation, HintCode, ReasonCode, ReviewClass, RuleId, SegmentOutcome, WarningCode } from '../../shared/domain/decision.js';
import { CATEGORIES, DOCUMENTATION, REASON_CODES } from '../../shared/domain/decision.js';
import { decide, decideCore, simulate } from '../../shared/domain/engine.js';
import { parseCase } from '../../shared/domain/case.js';
import { diffDecisions } from '../../shared/domain/payroll/correction.js';
import { CACHE_LIMIT, LanguageFormatter, MEMO_LIMIT } from '../../shared/domain/explanation/format.js';
import type { MessageId } from '../../shared/domain/explanation/messages/index.js';
import { LANGUAGE_PACKS, LANGUAGES } from '../../shared/domain/explanation/messages/index.js';
import type { LayerName } from '../../shared/domain/explanation/render.js';
import { ExplanationError, LAYER_ORDER, renderExplanation, renderLayers, TEMPLATE_VERSION } from '../../shared/domain/explanation/render.js';
import { absence, absentOn, baseCase } from '../support/case-builder.js';
import { GOLDEN_DIR } from '../support/paths.js';
import { argNames } from '../support/message-arguments.js';

// Exhaustive by type: adding a member to a union without adding it here fails the type check.
const DAY_STATUSES = Object.keys({ PRESENT: 1, EXCUSED: 1, UNEXCUSED: 1, WITHHELD: 1, UNPAID_LEAVE: 1, NOT_ENROLLED: 1 } satisfies Record<DayStatus, 1>);
const OUTCOMES = Object.keys({ EXCUSED: 1, UNEXCUSED: 1, WITHHELD: 1, PAID_PROVISIONALLY: 1 } satisfies Record<SegmentOutcome, 1>);
const REVIEWS = Object.keys({ AUTOMATIC: 1, REVIEW: 1, VEDTAK_REQUIRED: 1 } satisfies Record<ReviewClass, 1>);
const HINTS = Object.keys({ DOCUMENT_WOULD_PAY_BACK: 1, PENDING_PAID_PROVISIONALLY: 1, DOCTOR_NOTE_WOULD_PAY: 1, G_NOT_YET_REGULATED: 1 } satisfies Record<HintCode, 1>);
const RULES = Object.keys({
  'IL-20': 1, 'IL-21': 1, 'IF-SELF-CERT': 1, 'IF-CHILD-ILLNESS': 1, 'IF-LEAVE': 1, 'POLICY-PENDING': 1, 'IL-UNPAID-LEAVE': 1,
} satisfies Record<RuleId, 1>);
const WARNINGS = Object.keys({
  ABSENCE_MINUTES_EXCEED_MISSING: 1, ABSENCE_IGNORED_NO_MISSING_MINUTES: 1, ABSENCE_IGNORED_NOT_PROGRAMME_DAY: 1,
  ABSENCE_IGNORED_NOT_ENROLLED: 1, ABSENCE_IGNORED_UNPAID_LEAVE: 1, ABSENCE_IGNORED_UNPAID_LEAVE_CATEGORY: 1,
} satisfies Record<WarningCode, 1>);

const goldenFiles = readdirSync(GOLDEN_DIR).filter((f) => f.endsWith('.case.json')).sort();
const goldenInput = (file: string): unknown => JSON.parse(readFileSync(join(GOLDEN_DIR, file), 'utf8'));
const core = (input: unknown): DecisionCore => decideCore(parseCase(input));
const g09 = () => core(goldenInput('g09-pending-self-cert.case.json'));

describe('catalogues', () => {
  const required = [
    ...REASON_CODES.flatMap((c: ReasonCode) => [`reason.${c}`, `rule.${c}`]),
    ...CATEGORIES.map((c: Category) => `category.${c}`),
    ...DOCUMENTATION.map((d: Documentation) => `documentation.${d}`),
    ...DAY_STATUSES.map((s) => `calendar.${s}`),
    ...OUTCOMES.map((o) => `segment.${o}`),
    ...REVIEWS.map((r) => `review.${r}`),
    ...HINTS.map((h) => `hint.${h}`),
    ...RULES.map((r) => `source.${r}`),
    ...WARNINGS.map((w) => `warning.${w}`),
  ];

  test.each(LANGUAGE_PACKS.map((p) => [p.lang, p] as const))('%s has a non-empty message for every reason code, status, category, rule, hint and warning', (_lang, pack) => {
    const missing = required.filter((id) => !Object.hasOwn(pack.messages, id) || (pack.messages as Record<string, string>)[id]!.trim() === '');
    expect(missing).toEqual([]);
  });

  test('the fast formatting path gives what intl-messageformat gives, for every message of every language', () => {
    const sample: Record<string, string | number> = {};
    for (const pack of LANGUAGE_PACKS)
      for (const m of Object.values(pack.messages)) for (const name of argNames(m)) sample[name] = 2;
    // Select arguments take each of their options in turn (plus `other`).
    const selectValues = ['yes', 'no', 'less', 'more', 'same', 'DOCUMENT_ARRIVED', 'NEW_G', 'backPayment', 'adviser', 'none', 'payroll', 'admin', 'ADJUSTMENT', 'FORMAL_DECISION', 'CHECKIN_CORRECTED', 'absence', 'correction', 'SELF_CERTIFICATION', 'DOCTOR_NOTE', 'OWN_ILLNESS', 'CHILD_ILLNESS', 'HOURLY', 'DAILY', 'integreringsloven', 'introduksjonsloven', 'withheld', 'unpaidLeave', '1', 'P3', 'unknown'];
    for (const pack of LANGUAGE_PACKS) {
      const f = new LanguageFormatter(pack);
      for (const id of Object.keys(pack.messages) as MessageId[])
        for (const v of selectValues) {
          const args = Object.fromEntries(Object.keys(sample).map((k) => [k, /^(count|days|enrolled|daysInMonth|used|quota|hours|minutes|age|more|weeks|episodeDays|selfCertQuota|childQuota|deadlineDays)$/.test(k) ? 1 : v]));
          expect(f.t(id, args)).toBe(f.reference(id, args));
        }
    }
  });
});

describe('golden cases', () => {
  test.each(goldenFiles)('%s: after a JSON round trip (as stored), deciding the stored input again and re-rendering the stored decision give its explanation texts', (file) => {
    const stored = JSON.parse(JSON.stringify(simulate(goldenInput(file))));
    // A later process: the input as stored (the canonical case) decided again.
    const again = decide(parseCase(stored.input ?? goldenInput(file)));
    expect(again.explanation).toEqual(stored.explanation);
    expect(again.templateVersion).toBe(TEMPLATE_VERSION);
    for (const lang of LANGUAGES) expect(renderExplanation(stored, lang)).toBe(stored.explanation[lang]);
  });

  test.each(goldenFiles)('%s: every layer in order, titled, none empty, in every language', (file) => {
    const d = core(goldenInput(file));
    for (const lang of LANGUAGES) {
      const layers = renderLayers(d, lang);
      expect(Object.keys(layers)).toEqual([...LAYER_ORDER]);
      for (const name of LAYER_ORDER) {
        expect(layers[name].title).not.toBe('');
        expect(layers[name].lines.length).toBeGreaterThan(0);
        expect(layers[name].lines.join('')).not.toMatch(/undefined|NaN|\{|\}/);
      }
      const text = renderExplanation(d, lang);
      expect(text.split(/^## /m).length - 1).toBe(LAYER_ORDER.length);
    }
  });
});

describe('the layers say what happened', () => {
  test('a hint names the document, the dates, the deadline and the exact amount', () => {
    const d = g09();
    const hint = d.hints.find((h) => h.code === 'DOCUMENT_WOULD_PAY_BACK');
    expect(hint).toBeDefined();
    if (hint?.code !== 'DOCUMENT_WOULD_PAY_BACK') throw new Error('no hint');
    const en = renderLayers(d, 'en').hints.lines.join('\n');
    const nb = renderLayers(d, 'nb').hints.lines.join('\n');
    const kroner = Math.floor(hint.amountOre / 100);
    const ore = String(hint.amountOre % 100).padStart(2, '0');
    // Norwegian formatting in both languages: NOK 1 234,56 with a narrow no-break space as group separator.
    const amount = new RegExp(`NOK\\s${kroner.toLocaleString('nb-NO').replace(/\s/g, '\\s')},${ore}`);
    expect(en).toMatch(amount);
    expect(nb).toMatch(amount);
    const deadlineDay = String(Number(hint.deadline.slice(8, 10)));
    expect(en).toContain(`${deadlineDay} November`);
    expect(nb).toContain(`${deadlineDay}. november`);
    expect(en).toMatch(/self-certification/i);
    expect(nb).toMatch(/egenmelding/i);
  });

  test('summary: full month in both languages', () => {
    const d = core(baseCase());
    expect(renderLayers(d, 'en').summary.lines).toEqual([
      'This English text has not been checked by a qualified translator. The Norwegian text is the one that applies.',
      'You get NOK\u00a022\u00a0758,17 for October 2026.',
      'This is the full amount for a month. Nothing was taken off.',
    ]);
    expect(renderLayers(d, 'nb').summary.lines).toEqual(['Du får NOK\u00a022\u00a0758,17 for oktober 2026.', 'Det er hele beløpet for en måned. Du har ikke fått noe trekk.']);
    expect(renderLayers(d, 'en').hints.lines[0]).toBe('Nothing is waiting that would change this amount.');
    expect(renderLayers(d, 'nb').hints.lines[0]).toBe('Ingenting venter som kan endre beløpet.');
    expect(renderLayers(d, 'en').rules.lines.at(-1)).toBe('No absence rule reduced the amount this month.');
  });

  test('unexcused absence: summary, calendar, calculation, rules and the no-reason hint', () => {
    const d = core(absentOn(baseCase(), ['2026-10-05']));
    const l = renderLayers(d, 'en');
    expect(l.summary.lines.slice(1)).toEqual([
      'You get NOK\u00a021\u00a0651,02 for October 2026.',
      'A whole month gives NOK\u00a022\u00a0758,17.',
      'NOK\u00a01\u00a0107,15 was taken off for 5 October. No reason was given for why you were away.',
      'Did you have a good reason to be away? Tell your adviser.',
    ]);
    expect(l.calendar.lines.join('\n')).toMatch(/5 October 2026: away all day \(7 h 30 min\)\. The absence reduces the benefit\./);
    // Minutes no record covers: the reason is said once, not as "what" and again as "why".
    expect(l.calendar.lines).toContain('  – 7 h 30 min: no reason given. Reduces the benefit.');
    expect(renderLayers(d, 'nb').calendar.lines).toContain('  – 7 t 30 min: ingen grunn er meldt. Gir trekk.');
    expect(l.calculation.lines.join('\n')).toMatch(/HOURLY|hour/);
    expect(l.rules.lines.join('\n')).toContain('§ 21');
    expect(l.hints.lines[0]).toMatch(/no reason given\. Did you have a good reason\? Tell your adviser\./);
  });

  test('a deduction larger than the base: nothing is paid, said in summary and calculation', () => {
    const d = core(goldenInput('g10-deductions-exceed-base.case.json'));
    expect(d.payoutOre).toBe(0);
    const l = renderLayers(d, 'en');
    expect(l.summary.lines.join('\n')).toMatch(/So you get nothing, but you owe nothing\./);
    expect(l.calculation.lines.at(-1)).toMatch(/cannot be less than zero|zero/);
  });

  test('part month, under 25, daily unit, unpaid leave, provisional payment and VEDTAK are each said', () => {
    const prorated = renderLayers(core(goldenInput('g07-start-mid-month.case.json')), 'en');
    expect(prorated.summary.lines.join('\n')).toMatch(/in the programme \d+ of 31 days/);
    expect(prorated.rules.lines.join('\n')).toMatch(/part months/);

    const unpaid = core(baseCase({ participant: { ...baseCase().participant, unpaidLeave: [{ from: '2026-10-05', to: '2026-10-06' }] } }));
    const u = renderLayers(unpaid, 'en');
    expect(u.summary.lines.join('\n')).toMatch(/was taken off for 5 and 6 October\. You were on unpaid leave\./);
    expect(u.calendar.lines.join('\n')).toMatch(/5 October 2026: unpaid leave/);

    const pay = core({
      ...absentOn(baseCase(), ['2026-10-30']),
      computedAt: '2026-11-01',
      municipality: { code: '5001', policy: { pending: 'PAY' } },
      absences: [absence('2026-10-30', 'OWN_ILLNESS', 'SELF_CERTIFICATION', 'PENDING')],
    });
    expect(pay.hints.map((h) => h.code)).toEqual(['PENDING_PAID_PROVISIONALLY']);
    const p = renderLayers(pay, 'en');
    expect(p.summary.lines.join('\n')).toMatch(/You have been paid for 30 October, but the self-certification is not approved yet\./);
    expect(p.hints.lines[0]).toMatch(/^Your self-certification for 30 October has not been approved yet/);
    expect(p.calendar.lines.join('\n')).toMatch(/Paid for now/);

    const daily = core({ ...absentOn(baseCase(), ['2026-10-05']), municipality: { code: '5001', policy: { deductionUnit: 'DAILY' } } });
    expect(renderLayers(daily, 'en').calculation.lines.join('\n')).toMatch(/DAILY|day/);

    const many = core(absentOn(baseCase(), ['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08', '2026-10-09', '2026-10-12', '2026-10-13', '2026-10-14', '2026-10-15', '2026-10-16', '2026-10-19', '2026-10-20']));
    expect(many.review).toBe('VEDTAK_REQUIRED');
    const v = renderLayers(many, 'en');
    expect(v.summary.lines.join('\n')).toMatch(/An adviser must make a decision before this is paid\./);
    expect(v.summary.lines.join('\n')).toMatch(/5, 6, 7, 8 and 9 October, and 7 more days/);
    expect(v.who.lines.join('\n')).toMatch(/formal decision|advance/i);
  });

  test('REVIEW says what happens and no more: the adviser’s list to look at, the payout does not wait (nb and en)', () => {
    const d = core(absentOn(baseCase(), ['2026-10-13']));
    expect(d.review).toBe('REVIEW');
    const en = renderLayers(d, 'en').who.lines.at(-1)!;
    expect(en).toMatch(/^Check: there is a deduction or a held-back amount for absence \(NOK\s1\s107,15\)\. So this decision is put on your adviser’s list of decisions to look at\. The payout does not wait for it\.$/);
    expect(en).not.toMatch(/before it is paid|checks/);
    const nb = renderLayers(d, 'nb').who.lines.at(-1)!;
    expect(nb).toContain('Derfor kommer vedtaket på listen rådgiveren din har over vedtak som skal ses gjennom. Utbetalingen venter ikke på det.');
    expect(nb).not.toMatch(/før det blir utbetalt/);
  });

  test('a whole month of unpaid leave: every day has its line, the capped ones say so, nothing is paid', () => {
    const d = core(goldenInput('g13-whole-month-unpaid-leave.case.json'));
    // Amounts are formatted with no-break spaces; compared here with plain ones.
    const layers = (lang: string) => {
      const l = renderLayers(d, lang);
      const plain = (name: LayerName) => ({ lines: l[name].lines.map((x) => x.replace(/[\u00a0\u202f]/g, ' ')) });
      return { summary: plain('summary'), calculation: plain('calculation'), rules: plain('rules') };
    };
    const en = layers('en');
    expect(en.calculation.lines.filter((l) => l.includes(': unpaid leave, '))).toHaveLength(31);
    expect(en.calculation.lines).toContain('29 January 2027: unpaid leave, one daily rate (D): NOK −758,61.');
    expect(en.calculation.lines).toContain('30 January 2027: unpaid leave, what is left of the amount for the month: NOK −758,48.');
    expect(en.calculation.lines).toContain('31 January 2027: unpaid leave, nothing is left of the amount for the month: NOK 0,00.');
    expect(en.summary.lines.slice(1)).toEqual([
      'You get NOK 0,00 for January 2027.',
      'A whole month gives NOK 22 758,17.',
      'NOK 22 758,17 was taken off for 1, 2, 3, 4 and 5 January, and 26 more days. You were on unpaid leave every day you were in the programme. So you get no benefit this month.',
    ]);
    expect(en.rules.lines.join('\n')).toContain('never more than the amount for the month');
    const nb = layers('nb');
    expect(nb.calculation.lines).toContain('30. januar 2027: permisjon uten stønad, det som er igjen av beløpet for måneden: NOK −758,48.');
    expect(nb.calculation.lines).toContain('31. januar 2027: permisjon uten stønad, ingenting igjen av beløpet for måneden: NOK 0,00.');
    expect(nb.rules.lines.join('\n')).toContain('aldri mer enn beløpet for måneden');
  });

  test('who: awaiting approval by default, the approving role and date when given; the contact in rights', () => {
    const d = core(baseCase());
    // Versions are in the details layer, not in "who".
    expect(renderLayers(d, 'en').who.lines.join('\n')).not.toContain(TEMPLATE_VERSION);
    expect(renderLayers(d, 'en').details.lines[0]).toBe(`Rule set: ${d.rulesetVersion}. Municipal policy: ${d.policyVersion}. Text version: ${TEMPLATE_VERSION}.`);
    const approved = renderLayers(d, 'en', { approval: { role: 'payroll', approvedAt: '2026-11-05' }, contact: 'Introsenteret, tel. 12 34 56 78' });
    expect(approved.who.lines[1]).toContain('5 November 2026');
    expect(approved.rights.lines.at(-1)).toContain('Introsenteret, tel. 12 34 56 78');
    expect(renderLayers(d, 'nb').rights.lines).toContain('Send klagen til kommunen. Rådgiveren din kan gi deg adressen.');
    expect(renderLayers(d, 'en').who.lines[1]).not.toBe(approved.who.lines[1]);
  });

  test('a correction names the decision it replaces, the reason, each day before and after, and the route of the difference', () => {
    const before = core(absentOn(baseCase(), ['2026-10-05']));
    const after = core({ ...absentOn(baseCase(), ['2026-10-05']), absences: [absence('2026-10-05', 'OWN_ILLNESS')] });
    const up = diffDecisions(before, after);
    expect(up.totalDifferenceOre).toBeGreaterThan(0);
    const l = renderLayers(after, 'en', { correction: { supersedesDecisionId: 'dec-1', ...up } });
    const text = [...l.summary.lines, ...l.calculation.lines].join('\n');
    // The id of the replaced decision is in the details layer only.
    expect(text).not.toContain('dec-1');
    expect(l.details.lines).toContain('This decision replaces decision dec-1.');
    expect(text).toMatch(/a document was approved|information in your case changed/);
    expect(text).toMatch(/5 October 2026/);
    expect(text).toMatch(/paid|back/i);

    const down = diffDecisions(after, before);
    const ld = renderLayers(before, 'nb', { correction: { supersedesDecisionId: 'dec-2', ...down } });
    expect(ld.summary.lines.at(-1)).not.toBe(l.summary.lines.at(-1));

    const none = renderLayers(after, 'en', { correction: { supersedesDecisionId: 'dec-3', reason: 'NEW_G', days: [{ date: 'BASE', beforeOre: 1, afterOre: 2 }], totalDifferenceOre: 0 } });
    expect(none.calculation.lines.join('\n')).toMatch(/the new G was set/);
  });

  test('a back-payment line and a G that is not yet regulated are explained', () => {
    const d = core(baseCase());
    const withLines: DecisionCore = {
      ...d,
      lines: [{ date: '2026-09-15', kind: 'CORRECTION', amountOre: 12_345, provisional: false, rule: 'IL-20', reasonCode: 'NO_REASON_GIVEN' }],
      hints: [{ code: 'G_NOT_YET_REGULATED', gEffectiveFrom: '2026-05-01' }],
    };
    const l = renderLayers(withLines, 'en');
    expect(l.summary.lines).toContain('Corrections of earlier months add up to NOK\u00a0123,45.');
    expect(l.calculation.lines.join('\n')).toContain('15 September 2026: correction of an earlier month: NOK\u00a0123,45.');
    expect(l.hints.lines[0]).toContain('1 May 2026');
  });

  test('more or the same as the full month, a provisional G, the old regime and a segment without documentation', () => {
    const d = core(absentOn(baseCase({ participant: { ...baseCase().participant, regime: 'introduksjonsloven', birthDate: '2005-01-01' } }), ['2026-10-05']));
    const unexcused = d.lines[0]!;
    const correction = { ...unexcused, date: '2026-09-15', kind: 'CORRECTION' as const, amountOre: 50_000 };
    const more = renderLayers({ ...d, lines: [unexcused, correction], payoutOre: d.rates.monthlyOre + 1 }, 'en');
    expect(more.summary.lines.slice(1, 3)).toEqual([`You get NOK\u00a015\u00a0172,12 for October 2026.`, 'A whole month gives NOK\u00a015\u00a0172,11.']);
    expect(more.summary.lines).toContain('Corrections of earlier months add up to NOK\u00a0500,00.');
    const provisional = renderLayers({ ...d, rates: { ...d.rates, gProvisional: true } }, 'en');
    expect(provisional.summary.lines.join('\n')).toMatch(/provisional, because the new G has not been set yet/);
    expect(provisional.calculation.lines.length).toBe(renderLayers(d, 'en').calculation.lines.length + 1);
    expect(renderLayers(d, 'en').calculation.lines.join('\n')).toMatch(/under the earlier Introduction Act \(before 2021\), so you get 2\/3/);
    const day = d.calendar.find((c) => c.status === 'UNEXCUSED')!;
    const segment = { minutes: 450, outcome: 'EXCUSED' as const, category: 'OWN_ILLNESS' as const };
    const undocumented = renderLayers({ ...d, calendar: [{ ...day, segments: [segment] }] }, 'en');
    expect(undocumented.calendar.lines[1]).toMatch(/own illness/i);
    const unexplained = renderLayers({ ...d, calendar: [{ ...day, segments: [{ minutes: 30, outcome: 'UNEXCUSED', reasonCode: 'NO_REASON_GIVEN' }] }] }, 'en');
    expect(unexplained.calendar.lines[1]).toBe('  – 30 min: no reason given. Reduces the benefit.');
  });

  test('rights: the complaint goes to the municipality’s address, and the adviser is named, when the context has them', () => {
    const d = core(baseCase());
    const ctx = { adviserName: 'Kari Nordmann', complaintAddress: 'Introsenteret, Postboks 1, 0101 Oslo' };
    expect(renderLayers(d, 'nb', ctx).rights.lines).toEqual(
      expect.arrayContaining([
        'Send klagen til kommunen: Introsenteret, Postboks 1, 0101 Oslo.',
        'Har du spørsmål, eller vil du klage? Kontakt programrådgiveren din, Kari Nordmann.',
      ]),
    );
    expect(renderLayers(d, 'en', ctx).rights.lines).toContain('Send the complaint to the municipality: Introsenteret, Postboks 1, 0101 Oslo.');
    // A contact given as a whole wins over the adviser's name.
    expect(renderLayers(d, 'nb', { ...ctx, contact: 'Introsenteret' }).rights.lines.at(-1)).toBe('Har du spørsmål, eller vil du klage? Kontakt Introsenteret.');
  });

  test('a day with two lines of the same reason is named once in the summary, with their sum', () => {
    const d = core(absentOn(baseCase(), ['2026-10-05']));
    const line = d.lines[0]!;
    const twice: DecisionCore = { ...d, lines: [{ ...line, amountOre: -100 }, { ...line, amountOre: -50 }] };
    expect(renderLayers(twice, 'nb').summary.lines).toContain('NOK\u00a01,50 i trekk for 5. oktober. Det er ikke meldt noen grunn til at du var borte.');
  });

  test('calendar: no programme days, and warnings for absence records that were not used', () => {
    const empty = core(baseCase({ days: [] }));
    expect(renderLayers(empty, 'en').calendar.lines).toContain('No programme days are listed for this month.');
    const warned = core(baseCase({ absences: [absence('2026-10-05', 'OWN_ILLNESS')] }));
    expect(warned.warnings.map((w) => w.code)).toEqual(['ABSENCE_IGNORED_NO_MISSING_MINUTES']);
    expect(renderLayers(warned, 'en').calendar.lines.at(-1)).toMatch(/present all day, so the absence report for this day was not used/);
  });

  test('the health detail is the category and documentation only', () => {
    const d = core({ ...absentOn(baseCase(), ['2026-10-05']), absences: [absence('2026-10-05', 'CHILD_ILLNESS')] });
    const text = renderExplanation(d, 'en');
    expect(text).toMatch(/child/i);
    expect(text).not.toMatch(/p-test/);
  });
});

describe('bad input is an ExplanationError with a stable code', () => {
  const d = () => core(absentOn(baseCase(), ['2026-10-05']));
  const codeOf = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      return e instanceof ExplanationError ? e.code : `not an ExplanationError: ${String(e)}`;
    }
    return 'no error';
  };

  test.each([
    ['UNKNOWN_LANGUAGE', () => renderExplanation(d(), 'xx')],
    ['INVALID_AMOUNT', () => renderExplanation({ ...d(), payoutOre: 1.5 }, 'en')],
    ['INVALID_AMOUNT', () => renderExplanation({ ...d(), lines: [{ ...d().lines[0]!, amountOre: Number.NaN }] }, 'en')],
    ['INVALID_MINUTES', () => renderExplanation({ ...d(), lines: [{ ...d().lines[0]!, minutes: -1 }] }, 'en')],
    ['INVALID_MINUTES', () => renderExplanation({ ...d(), calendar: [{ ...d().calendar[0]!, presentMinutes: 1441 }] }, 'en')],
    ['INVALID_MINUTES', () => renderExplanation({ ...d(), calendar: [{ ...d().calendar[0]!, plannedMinutes: 0.5 }] }, 'en')],
    ['INVALID_MINUTES', () => {
      const x = d();
      const day = x.calendar.find((c) => c.segments.length > 0)!;
      return renderExplanation({ ...x, calendar: [{ ...day, segments: [{ ...day.segments[0]!, minutes: -3 }] }] }, 'en');
    }],
    ['INVALID_MINUTES', () => renderExplanation({ ...d(), warnings: [{ code: 'ABSENCE_IGNORED_NOT_ENROLLED', date: '2026-10-05', absenceIndex: 0, minutes: 2000 }] }, 'en')],
    ['INVALID_DATE', () => renderExplanation({ ...d(), calendar: [{ ...d().calendar[0]!, date: '2026-02-30' }] }, 'en')],
    ['INVALID_DECISION', () => renderExplanation({ ...g09(), hints: g09().hints.map((h) => ({ ...h, dates: [] })) }, 'en')],
    ['INVALID_AMOUNT', () => renderExplanation({ ...g09(), hints: g09().hints.map((h) => ({ ...h, amountOre: 0.1 })) }, 'en')],
    ['INVALID_DECISION', () => renderExplanation(d(), 'en', { correction: { supersedesDecisionId: '', reason: 'NEW_G', days: [], totalDifferenceOre: 0 } })],
    ['INVALID_AMOUNT', () => renderExplanation(d(), 'en', { correction: { supersedesDecisionId: 'x', reason: 'NEW_G', days: [], totalDifferenceOre: 0.5 } })],
    ['INVALID_AMOUNT', () => renderExplanation(d(), 'en', { correction: { supersedesDecisionId: 'x', reason: 'NEW_G', days: [{ date: '2026-10-05', beforeOre: 0.5, afterOre: 0 }], totalDifferenceOre: 0 } })],
    ['INVALID_AMOUNT', () => renderExplanation(d(), 'en', { correction: { supersedesDecisionId: 'x', reason: 'NEW_G', days: [{ date: '2026-10-05', beforeOre: 0, afterOre: 0.5 }], totalDifferenceOre: 0 } })],
    ['UNKNOWN_MESSAGE', () => renderExplanation({ ...d(), calendar: [{ ...d().calendar[0]!, status: 'ASLEEP' as DayStatus }] }, 'en')],
    // A name or an address is placed as text, one line: a line break would forge a layer ("\n## …").
    ['INVALID_TEXT', () => renderExplanation(d(), 'nb', { adviserName: 'Kari\n\n## Detaljer' })],
    ['INVALID_TEXT', () => renderExplanation(d(), 'nb', { adviserName: ' ' })],
    ['INVALID_TEXT', () => renderExplanation(d(), 'nb', { complaintAddress: 'x'.repeat(501) })],
    ['INVALID_TEXT', () => renderExplanation(d(), 'nb', { complaintAddress: 'Postboks 1\r0101 Oslo' })],
    // A right-to-left override in an adviser's reason would show the amounts after it reversed ("NOK 100" as "001 KON").
    ['INVALID_TEXT', () => renderExplanation(d(), 'ar', { resolution: { kind: 'ADJUSTMENT', payoutOre: 1, reason: 'ok \u202e 0,01', role: 'adviser', resolvedOn: '2026-11-05' } })],
    ['INVALID_TEXT', () => renderExplanation(d(), 'nb', { adviserName: 'Kari\u2067 Nordmann' })],
  ])('%s', (code, fn) => {
    expect(codeOf(fn)).toBe(code);
  });

  test('a message formatted without an argument it needs is MISSING_ARGUMENT, naming it', () => {
    const f = new LanguageFormatter(LANGUAGE_PACKS[0]!);
    expect(codeOf(() => f.t('summary.amount', { month: 'x' }))).toBe('MISSING_ARGUMENT');
    expect(() => f.t('summary.group', { amount: 'a', dates: 'b', why: 'c' })).toThrow(/"kind"/);
    expect(() => f.t('summary.amount')).toThrow(/"payout"|"month"/);
  });
});

describe('formatter', () => {
  const [nbPack, enPack] = LANGUAGE_PACKS as [(typeof LANGUAGE_PACKS)[number], (typeof LANGUAGE_PACKS)[number]];

  test('amounts are integer øre in Norwegian style, also negative and large', () => {
    const f = new LanguageFormatter(enPack);
    expect(f.fastAmounts).toBe(true);
    expect(f.amount(221_430)).toBe('NOK\u00a02\u00a0214,30');
    expect(f.amount(-7)).toBe('NOK\u00a0−0,07');
    expect(f.amount(123_456_789)).toBe('NOK\u00a01\u00a0234\u00a0567,89');
  });

  test('a locale the integer path does not match is formatted through Intl, from an exact decimal', () => {
    const f = new LanguageFormatter({ ...enPack, numberLocale: 'ar-EG' });
    expect(f.fastAmounts).toBe(false);
    const expected = new Intl.NumberFormat('ar-EG', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(f.amount(221_430)).toBe(`NOK\u00a0${expected.format(2214.3)}`);
    expect(f.amount(-5)).toBe(`NOK\u00a0${expected.format(-0.05)}`);
  });

  test('a select around a plural is formatted by intl-messageformat itself, with the same result', () => {
    const message = '{month, select, a {{payout, plural, one {# item} other {# items}}} other {none}}';
    const f = new LanguageFormatter({ ...enPack, messages: { ...enPack.messages, 'summary.amount': message } });
    for (const args of [{ month: 'a', payout: 1 }, { month: 'a', payout: 3 }, { month: 'b', payout: 3 }]) expect(f.t('summary.amount', args)).toBe(f.reference('summary.amount', args));
    expect(f.t('summary.amount', { month: 'a', payout: 3 })).toBe('3 items');
  });

  test('dates: within the decision year without the year; across months and years in full', () => {
    const f = new LanguageFormatter(nbPack);
    expect(f.dates(['2026-10-29', '2026-10-30'], '2026')).toBe('29. og 30. oktober');
    expect(f.dates(['2026-09-30', '2026-10-01'], '2026')).toBe('30. september og 1. oktober');
    expect(f.dates(['2025-12-30'], '2026')).toMatch(/desember 2025/);
    expect(f.dateIn('2027-01-04', '2026')).toBe('4. januar 2027');
    expect(f.list(['a'])).toBe('a');
    expect(() => f.date('2026-13-01')).toThrow(ExplanationError);
  });

  test('caches are bounded and emptying them changes no text', () => {
    const f = new LanguageFormatter(enPack);
    const first = f.amount(1);
    for (let i = 0; i <= CACHE_LIMIT; i++) f.amount(i);
    expect(f.amount(1)).toBe(first);
    const day = { date: '2026-10-05', plannedMinutes: 450, presentMinutes: 0 };
    const line = (g: LanguageFormatter, x: typeof day) => `${x.date}:${x.plannedMinutes}:${x.presentMinutes}`;
    for (let i = 0; i <= CACHE_LIMIT; i++) f.dayLine({ ...day, plannedMinutes: i % 2, presentMinutes: i % 1441 }, 0, line);
    for (let i = 0; i <= CACHE_LIMIT; i++) f.dayLine({ ...day, date: `d${i}` }, 0, line);
    expect(f.dayLine(day, 0, line)).toBe('2026-10-05:450:0');
    let computed = 0;
    for (let i = 0; i <= MEMO_LIMIT; i++) f.memo(['k', i], () => 'v');
    expect(f.memo(['k', 0], () => `${++computed}`)).toBe('1');
  });
});
