/**
 * One describe per rule of benefit-rules.md, each case changing one fact of a
 * fully attended October 2026 (rates: M = 22 758.1667, D = 758.6056,
 * H = 147.6205 at full rate).
 */
import type { CaseInput } from '../../shared/domain/case.js';
import { CaseError, parseCase } from '../../shared/domain/case.js';
import type { DecisionCore } from '../../shared/domain/decision.js';
import { REASON_CODES } from '../../shared/domain/decision.js';
import { decideCore } from '../../shared/domain/engine.js';
import { ruleOf } from '../../shared/domain/ledger.js';
import { GROUP_PARAMETERS, PARAMETERS } from '../../shared/domain/rules/parameters.js';
import { lookupG } from '../../shared/domain/rules/g-table.js';
import { reviewClass } from '../../shared/domain/rules/review-class.js';
import { absence, absentOn, baseCase } from '../support/case-builder.js';

const decide = (c: CaseInput): DecisionCore => decideCore(parseCase(c));
const FULL_DAY_HOURLY = -110715; // 450 min · H / 60
const reasons = (d: DecisionCore) => d.lines.map((l) => `${l.date}:${l.reasonCode}`);

describe('G table and rates (IL § 20)', () => {
  test('every G, rate, factor and quota carries its source and lastVerified', () => {
    for (const p of [PARAMETERS.g, ...GROUP_PARAMETERS])
      for (const v of p.values) {
        expect([v.id, v.source.text.length > 5]).toEqual([v.id, true]);
        expect(v.lastVerified).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
  });

  test('every month from the first G entry to two years after the last has a G', () => {
    const first = PARAMETERS.g.values[0]!.from;
    for (let y = Number(first.slice(0, 4)); y <= 2028; y++)
      for (let m = 1; m <= 12; m++) {
        const day = `${y}-${String(m).padStart(2, '0')}-01`;
        if (day >= first) expect([day, lookupG(day)]).not.toEqual([day, null]);
      }
  });

  test('a month before the first G is an input error', () => {
    expect(lookupG('2022-04-01')).toBeNull();
    expect(() => decide(baseCase({ period: '2022-04', computedAt: '2022-05-02', days: [] }))).toThrow(CaseError);
    try {
      decide(baseCase({ period: '2022-04', computedAt: '2022-05-02', days: [] }));
    } catch (e) {
      expect((e as CaseError).code).toBe('G_MISSING');
      expect((e as CaseError).issues[0]!.path).toBe('period');
    }
  });

  test('G changes on 1 May and a month past the last G year is provisional with a hint', () => {
    expect(decide(baseCase({ period: '2026-04', days: [], computedAt: '2026-05-02' })).rates.gOre).toBe(13_016_000);
    const late = decide(baseCase({ period: '2027-05', days: [], computedAt: '2027-06-02' }));
    expect(late.rates).toMatchObject({ gOre: 13_654_900, gProvisional: true });
    expect(late.hints).toContainEqual({ code: 'G_NOT_YET_REGULATED', gEffectiveFrom: '2026-05-01' });
    expect(decide(baseCase({ period: '2027-04', days: [], computedAt: '2027-05-02' })).rates.gProvisional).toBe(false);
  });

  test('worked rates for October 2026 at full rate', () => {
    expect(decide(baseCase()).rates).toMatchObject({ annualOre: 27_309_800, monthlyOre: 2_275_817, dailyOre: 75_861, hourlyOre: 14_762, factor: '1' });
  });

  test.each([
    // [birthDate, regime, livesWithParent, couple, factor]
    ['2001-10-01', 'integreringsloven', false, false, '1'], // turns 25 on the 1st: not under 25
    ['2001-10-02', 'integreringsloven', false, false, '2/3'],
    ['2001-10-02', 'integreringsloven', true, false, '1/3'],
    ['2001-10-02', 'introduksjonsloven', true, false, '2/3'],
    ['1990-01-01', 'integreringsloven', false, true, '5/6'],
    ['2005-01-01', 'integreringsloven', false, true, '5/9'],
    ['2005-01-01', 'integreringsloven', true, true, '5/18'],
  ] as const)('born %s, %s, with parent %s, couple %s → factor %s', (birthDate, regime, livesWithParent, coupleReduction, factor) => {
    const c = baseCase();
    const d = decide({ ...c, participant: { ...c.participant, birthDate, regime, livesWithParent, coupleReduction } });
    expect(d.rates.factor).toBe(factor);
    expect(d.factorFacts).toMatchObject({ regime, livesWithParent, coupleReduction });
  });
});

describe('base amount and proration (§3)', () => {
  const enrolled = (from: string, to: string | null, proration?: 'P1' | 'P3') => {
    const c = baseCase({ municipality: { code: '5001', policy: proration ? { proration } : {} } });
    return decide({ ...c, participant: { ...c.participant, enrolments: [{ from, to }] } });
  };
  test('P1: nEnrolled · D, capped at M', () => {
    expect(enrolled('2026-10-14', null).baseOre).toBe(1_365_490);
    expect(enrolled('2026-10-02', null).base).toMatchObject({ enrolledDays: 30, fullMonth: false });
    expect(enrolled('2026-10-02', null).baseOre).toBe(2_275_817); // 30 · D = M exactly
  });
  test('P3: M · nEnrolled / daysInMonth', () => {
    expect(enrolled('2026-10-14', null, 'P3').baseOre).toBe(1321442); // 22 758.1667 · 18/31
    expect(enrolled('2025-01-01', '2026-10-10', 'P3').baseOre).toBe(734134); // · 10/31
  });
  test('days outside enrolment get no lines; the calendar says NOT_ENROLLED', () => {
    const c = absentOn(baseCase(), ['2026-10-01']);
    const d = decide({ ...c, participant: { ...c.participant, enrolments: [{ from: '2026-10-02', to: null }] }, absences: [absence('2026-10-01', 'OWN_ILLNESS', 'NONE')] });
    expect(d.lines).toEqual([]);
    expect(d.calendar[0]!.status).toBe('NOT_ENROLLED');
    expect(d.warnings).toEqual([{ code: 'ABSENCE_IGNORED_NOT_ENROLLED', date: '2026-10-01', absenceIndex: 0, minutes: 450 }]);
  });
  test('unpaid leave: one −D line per enrolled calendar day, no other line on those days', () => {
    const c = absentOn(baseCase(), ['2026-10-20', '2026-10-21']);
    const d = decide({
      ...c,
      participant: { ...c.participant, unpaidLeave: [{ from: '2026-10-17', to: '2026-10-21' }] },
      absences: [absence('2026-10-20', 'OWN_ILLNESS', 'NONE')],
    });
    expect(d.lines.map((l) => [l.date, l.kind, l.amountOre, l.minutes])).toEqual(
      ['17', '18', '19', '20', '21'].map((day) => [`2026-10-${day}`, 'UNPAID_LEAVE', -75861, undefined]),
    );
    expect(d.review).toBe('AUTOMATIC');
    expect(d.calendar.find((x) => x.date === '2026-10-20')!.status).toBe('UNPAID_LEAVE');
    expect(d.warnings[0]!.code).toBe('ABSENCE_IGNORED_UNPAID_LEAVE');
  });
});

describe('unpaid leave never exceeds the base (§3)', () => {
  // D = 758.6056 → 75 861 øre a line; M = 2 275 817 øre (October 2026 and February 2027: the 2026 G).
  const onLeave = (c: CaseInput, from: string, to: string | null, enrolFrom = '2025-09-01') =>
    decide({ ...c, participant: { ...c.participant, enrolments: [{ from: enrolFrom, to: null }], unpaidLeave: [{ from, to }] } });
  const leave = (d: DecisionCore) => d.lines.filter((l) => l.kind === 'UNPAID_LEAVE').map((l) => l.amountOre);
  const february = (proration: 'P1' | 'P3' = 'P1') => baseCase({ period: '2027-02', computedAt: '2027-03-01', days: [], municipality: { code: '5001', policy: { proration } } });

  test('a whole February on leave is the whole base, not 28 · D: the last line takes what is left', () => {
    const d = onLeave(february(), '2027-01-20', '2027-03-03');
    expect(leave(d)).toEqual([...Array<number>(27).fill(-75861), -227570]); // 2 275 817 − 27 · 75 861
    expect([d.baseOre, d.deductionOre, d.payoutOre, d.review]).toEqual([2275817, 2275817, 0, 'AUTOMATIC']);
  });

  test('a whole 31-day month: the 30th line is what is left and the 31st is a line of 0', () => {
    const d = onLeave(absentOn(baseCase(), ['2026-10-13']), '2026-09-20', null);
    expect(leave(d)).toEqual([...Array<number>(29).fill(-75861), -75848, 0]);
    expect(d.lines.at(-1)).toMatchObject({ date: '2026-10-31', kind: 'UNPAID_LEAVE', amountOre: 0 });
    expect(Object.is(d.lines.at(-1)!.amountOre, -0)).toBe(false);
    expect([d.deductionOre, d.payoutOre]).toEqual([2275817, 0]);
  });

  test('30 of 31 days on leave: the lines stop at the base, and an unexcused day on the other one is floored at 0', () => {
    const d = onLeave(absentOn(baseCase(), ['2026-10-01']), '2026-10-02', '2026-11-30');
    expect(leave(d)).toEqual([...Array<number>(29).fill(-75861), -75848]);
    expect(d.lines[0]).toMatchObject({ date: '2026-10-01', kind: 'UNEXCUSED_ABSENCE', amountOre: FULL_DAY_HOURLY });
    expect([d.deductionOre, d.payoutOre]).toEqual([2275817 - FULL_DAY_HOURLY, 0]);
    // Y = base less the leave lines = 0: 2·X ≥ Y, but 12·X < G, so REVIEW.
    expect([d.review, d.reviewFacts]).toEqual(['REVIEW', { unexcusedOre: 110715, payableBaseOre: 0, gOre: 13654900 }]);
  });

  test('a few days of leave are −D each and leave the rest of the base payable', () => {
    const d = onLeave(baseCase(), '2026-10-05', '2026-10-06');
    expect(leave(d)).toEqual([-75861, -75861]);
    expect(d.payoutOre).toBe(2275817 - 2 * 75861);
  });

  test('P1, enrolled from the 14th and on leave every enrolled day: the prorated base, not 18 · D rounded', () => {
    const d = onLeave(baseCase(), '2026-10-14', null, '2026-10-14');
    expect(leave(d)).toEqual([...Array<number>(17).fill(-75861), -75853]); // 1 365 490 − 17 · 75 861
    expect([d.baseOre, d.payoutOre, d.review]).toEqual([1365490, 0, 'AUTOMATIC']);
  });

  test('P3, the same: the last line takes the smaller prorated base', () => {
    const d = onLeave(baseCase({ municipality: { code: '5001', policy: { proration: 'P3' } } }), '2026-10-14', null, '2026-10-14');
    expect(leave(d)).toEqual([...Array<number>(17).fill(-75861), -31805]); // 1 321 442 − 17 · 75 861
    expect(d.payoutOre).toBe(0);
  });

  test('P3 in February, enrolled from the 15th: the last line is larger than D, so the payout is still 0', () => {
    const d = onLeave(february('P3'), '2027-02-01', null, '2027-02-15');
    expect(leave(d)).toEqual([...Array<number>(13).fill(-75861), -151715]); // 1 137 908 − 13 · 75 861
    expect([d.baseOre, d.payoutOre]).toEqual([1137908, 0]);
  });
});

describe('each scheduled day (§4)', () => {
  test('present minutes above planned count as planned', () => {
    const c = baseCase();
    expect(decide({ ...c, days: c.days.map((d) => ({ ...d, presentMinutes: 600 })) }).lines).toEqual([]);
  });
  test('DAILY: D · u / P', () => {
    const c = absentOn(baseCase({ municipality: { code: '5001', policy: { deductionUnit: 'DAILY' } } }), ['2026-10-13']);
    expect(decide(c).lines[0]!.amountOre).toBe(-75861);
  });
  test('records cover missing minutes in the order given; extra minutes are ignored with a warning', () => {
    const c = baseCase();
    const d = decide({
      ...c,
      days: c.days.map((x) => (x.date === '2026-10-13' ? { ...x, presentMinutes: 150 } : x)),
      absences: [absence('2026-10-13', 'OWN_ILLNESS', 'DOCTOR_NOTE', 'APPROVED', 200), absence('2026-10-13', 'CHILD_ILLNESS', 'NONE', 'APPROVED', 200)],
    });
    expect(d.lines.map((l) => [l.reasonCode, l.minutes])).toEqual([['NO_DOCUMENTATION', 100]]);
    expect(d.warnings).toEqual([{ code: 'ABSENCE_MINUTES_EXCEED_MISSING', date: '2026-10-13', absenceIndex: 1, minutes: 100 }]);
    expect(d.calendar.find((x) => x.date === '2026-10-13')!.segments.map((s) => s.outcome)).toEqual(['EXCUSED', 'UNEXCUSED']);
  });
  test('a record on a fully attended day, or on a non-programme day, is ignored entirely and counts towards no quota', () => {
    const d = decide(
      baseCase({
        absences: [absence('2026-10-13', 'OWN_ILLNESS'), absence('2026-10-03', 'OWN_ILLNESS')],
      }),
    );
    expect(d.warnings.map((w) => w.code)).toEqual(['ABSENCE_IGNORED_NO_MISSING_MINUTES', 'ABSENCE_IGNORED_NOT_PROGRAMME_DAY']);
    expect(d.counters.selfCertEpisodes12m).toBe(0);
  });
  test('an UNPAID_LEAVE record covers nothing: unpaid leave is a calendar period', () => {
    const d = decide({ ...absentOn(baseCase(), ['2026-10-13']), absences: [absence('2026-10-13', 'UNPAID_LEAVE', 'NONE')] });
    expect(reasons(d)).toEqual(['2026-10-13:NO_REASON_GIVEN']);
    expect(d.warnings[0]!.code).toBe('ABSENCE_IGNORED_UNPAID_LEAVE_CATEGORY');
  });
  test('status first: REJECTED, then documentation NONE, then own illness with a doctor note is paid', () => {
    const days = ['2026-10-12', '2026-10-13', '2026-10-14'];
    const d = decide({
      ...absentOn(baseCase(), days),
      absences: [
        absence('2026-10-12', 'OWN_ILLNESS', 'DOCTOR_NOTE', 'REJECTED'),
        absence('2026-10-13', 'OWN_ILLNESS', 'NONE'),
        absence('2026-10-14', 'OWN_ILLNESS', 'DOCTOR_NOTE'),
      ],
    });
    expect(reasons(d)).toEqual(['2026-10-12:REJECTED', '2026-10-13:NO_DOCUMENTATION']);
    expect(d.lines.every((l) => l.amountOre === FULL_DAY_HOURLY)).toBe(true);
  });
  test('lines are ordered by date, kind, reason code and a day can hold several', () => {
    const c = baseCase();
    const d = decide({
      ...c,
      days: c.days.map((x) => (x.date === '2026-10-30' ? { ...x, presentMinutes: 0 } : x)),
      absences: [absence('2026-10-30', 'OWN_ILLNESS', 'SELF_CERTIFICATION', 'PENDING', 100), absence('2026-10-30', 'VACATION', 'NONE', 'REJECTED', 100)],
    });
    expect(d.lines.map((l) => `${l.kind}:${l.reasonCode}:${l.minutes}`)).toEqual([
      'UNEXCUSED_ABSENCE:NO_REASON_GIVEN:250',
      'UNEXCUSED_ABSENCE:REJECTED:100',
      'WITHHELD_PENDING:DOCUMENT_PENDING:100',
    ]);
    expect(d.calendar.find((x) => x.date === '2026-10-30')!.status).toBe('UNEXCUSED');
  });
  test('the order of days and history in the file does not matter', () => {
    const history = ['2026-05-19', '2026-01-14', '2026-02-03'].map((x) => absence(x, 'CHILD_ILLNESS'));
    const c = { ...absentOn(baseCase(), ['2026-10-08']), absences: [absence('2026-10-08', 'CHILD_ILLNESS')], history: { absences: history } };
    const { inputHash: _a, ...sorted } = decide(c);
    const { inputHash: _b, ...reversed } = decide({ ...c, days: [...c.days].reverse(), history: { absences: [...history].reverse() } });
    expect(reversed).toEqual(sorted);
    expect(sorted.counters.childIllnessDays12m).toBe(4);
  });
  test('every reason code maps to a rule', () => {
    expect(REASON_CODES.map(ruleOf).every((r) => typeof r === 'string')).toBe(true);
  });
});

describe('self-certification (§5)', () => {
  const sc = (date: string, status: 'APPROVED' | 'PENDING' | 'REJECTED' = 'APPROVED') => absence(date, 'OWN_ILLNESS', 'SELF_CERTIFICATION', status);
  const withStart = (c: CaseInput, programStart: string) => ({ ...c, participant: { ...c.participant, programStart, enrolments: [{ from: programStart, to: null }] } });

  test('not before 8 weeks after the first programme day (programStart + 56 days)', () => {
    const c = withStart({ ...absentOn(baseCase(), ['2026-10-05', '2026-10-06']), absences: [sc('2026-10-05'), sc('2026-10-06')] }, '2026-08-11');
    const d = decide(c);
    expect(reasons(d)).toEqual(['2026-10-05:SELF_CERT_BEFORE_8_WEEKS']); // 10-06 is day 56
    expect(d.hints).toEqual([{ code: 'DOCTOR_NOTE_WOULD_PAY', dates: ['2026-10-05'], category: 'OWN_ILLNESS', amountOre: 110715 }]);
  });
  test('at most 3 days per episode; a relapse within 16 days belongs to the episode', () => {
    const days = ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-21', '2026-10-22'];
    const d = decide({ ...absentOn(baseCase(), days), absences: days.map((x) => sc(x)) });
    // 01, 02, 05 accepted (one episode); 21 is 16 days after 05: same episode, over 3 days; 22 is 17 days after 05: new episode.
    expect(reasons(d)).toEqual(['2026-10-21:SELF_CERT_EPISODE_OVER_3_DAYS']);
    expect(d.counters.selfCertEpisodes12m).toBe(2);
  });
  test('at most 4 episodes starting in (x − 1 year, x]; a refused day starts nothing', () => {
    const history = ['2025-10-28', '2026-01-12', '2026-03-10', '2026-06-08'].map((x) => sc(x));
    const days = ['2026-10-27', '2026-10-28'];
    const d = decide({ ...absentOn(baseCase(), days), absences: days.map((x) => sc(x)), history: { absences: history } });
    // 2025-10-28 lies in (2025-10-27, 2026-10-27]: 4 episodes, 10-27 refused. For 10-28 it has left
    // the window, and the refused 10-27 started nothing: 10-28 starts a new episode.
    expect(reasons(d)).toEqual(['2026-10-27:SELF_CERT_QUOTA_EXHAUSTED']);
    expect(d.counters.selfCertEpisodes12m).toBe(4);
  });
  test('history is replayed: an over-quota or pending history day does not count', () => {
    const history = ['2025-10-28', '2026-01-12', '2026-03-10', '2026-05-04', '2026-06-08'].map((x) => sc(x));
    const d = decide({ ...absentOn(baseCase(), ['2026-10-29']), absences: [sc('2026-10-29')], history: { absences: [...history, sc('2026-07-01', 'PENDING')] } });
    // 06-08 was itself refused (4 episodes in (2025-06-08, 2026-06-08]); 07-01 is pending. Neither
    // counts, so (2025-10-29, 2026-10-29] holds 3 episodes and 10-29 is accepted.
    expect(d.lines).toEqual([]);
    expect(d.counters.selfCertEpisodes12m).toBe(4);
  });
});

describe("child's illness (§6)", () => {
  const ci = (date: string, doc: 'SELF_CERTIFICATION' | 'DOCTOR_NOTE' = 'SELF_CERTIFICATION') => absence(date, 'CHILD_ILLNESS', doc);
  const withKids = (c: CaseInput, children: number, soleCarer = false) => ({ ...c, participant: { ...c.participant, children, soleCarer } });

  test('from the 4th day of a run a doctor note is needed; a weekend does not break the run', () => {
    const days = ['2026-10-07', '2026-10-08', '2026-10-09', '2026-10-12', '2026-10-13'];
    const d = decide({ ...absentOn(baseCase(), days), absences: [...days.slice(0, 4).map((x) => ci(x)), ci('2026-10-13', 'DOCTOR_NOTE')] });
    expect(reasons(d)).toEqual(['2026-10-12:CHILD_ILLNESS_NEEDS_DOCTOR_NOTE']);
    expect(d.counters.childIllnessDays12m).toBe(4);
    expect(d.hints.map((h) => h.code)).toEqual(['DOCTOR_NOTE_WOULD_PAY']);
  });
  test.each([
    [0, false, 10],
    [3, false, 15],
    [1, true, 20],
    [3, true, 30],
  ])('quota with %i children, sole carer %s is %i days', (children, soleCarer, quota) => {
    const history = Array.from({ length: quota }, (_, i) => ci(`2026-0${1 + Math.floor(i / 5)}-${String(5 + (i % 5) * 5).padStart(2, '0')}`));
    const d = decide({ ...withKids(absentOn(baseCase(), ['2026-10-13']), children, soleCarer), absences: [ci('2026-10-13')], history: { absences: history } });
    expect(reasons(d)).toEqual(['2026-10-13:CHILD_ILLNESS_QUOTA_EXHAUSTED']);
    expect(d.counters.childIllnessDayQuota).toBe(quota);
  });
  test('two child-illness records on one date count as one day', () => {
    const c = absentOn(baseCase(), ['2026-10-13']);
    const d = decide({ ...c, absences: [absence('2026-10-13', 'CHILD_ILLNESS', 'SELF_CERTIFICATION', 'APPROVED', 200), absence('2026-10-13', 'CHILD_ILLNESS', 'SELF_CERTIFICATION', 'APPROVED', 250)] });
    expect(d.lines).toEqual([]);
    expect(d.counters.childIllnessDays12m).toBe(1);
  });
});

describe('leave caps (§4)', () => {
  const leave = (date: string, category: 'VACATION' | 'WELFARE_LEAVE' | 'BIRTH_FATHER', status: 'APPROVED' | 'PENDING' = 'APPROVED') => absence(date, category, 'NONE', status);
  test('vacation: 25 days a calendar year', () => {
    const history = Array.from({ length: 25 }, (_, i) => leave(`2026-07-${String(i + 1).padStart(2, '0')}`, 'VACATION'));
    const d = decide({ ...absentOn(baseCase(), ['2026-10-13']), absences: [leave('2026-10-13', 'VACATION')], history: { absences: history } });
    expect(reasons(d)).toEqual(['2026-10-13:LEAVE_CAP_EXCEEDED']);
    const lastYear = history.map((a) => ({ ...a, date: a.date.replace('2026', '2025') }));
    expect(decide({ ...absentOn(baseCase(), ['2026-10-13']), absences: [leave('2026-10-13', 'VACATION')], history: { absences: lastYear } }).lines).toEqual([]);
  });
  test('birth (father): 7 days in (x − 1 year, x)', () => {
    const history = Array.from({ length: 7 }, (_, i) => leave(`2025-10-${String(i + 14).padStart(2, '0')}`, 'BIRTH_FATHER'));
    const d = decide({ ...absentOn(baseCase(), ['2026-10-13', '2026-10-20']), absences: [leave('2026-10-13', 'BIRTH_FATHER'), leave('2026-10-20', 'BIRTH_FATHER')], history: { absences: history } });
    // (2025-10-13, 2026-10-13) holds the 7 history days: refused. (2025-10-20, 2026-10-20) holds
    // none of them, and the refused 10-13 does not count: accepted.
    expect(reasons(d)).toEqual(['2026-10-13:LEAVE_CAP_EXCEEDED']);
  });
  test('welfare leave has no cap by default and the policy cap when set', () => {
    const days = ['2026-10-13', '2026-10-14'];
    const c = { ...absentOn(baseCase(), days), absences: days.map((x) => leave(x, 'WELFARE_LEAVE')) };
    expect(decide(c).lines).toEqual([]);
    expect(reasons(decide({ ...c, municipality: { code: '5001', policy: { welfareLeaveDaysPer12Months: 1 } } }))).toEqual(['2026-10-14:LEAVE_CAP_EXCEEDED']);
  });
});

describe('pending documentation (§7)', () => {
  const pending = (date: string) => absence(date, 'OWN_ILLNESS', 'SELF_CERTIFICATION', 'PENDING');
  const c = { ...absentOn(baseCase(), ['2026-10-29', '2026-10-30']), absences: [pending('2026-10-29'), pending('2026-10-30')] };

  test('WITHHOLD: provisional lines and an exact hint with the earliest deadline', () => {
    const d = decide(c);
    expect(d.lines.map((l) => [l.kind, l.provisional, l.reasonCode])).toEqual([
      ['WITHHELD_PENDING', true, 'DOCUMENT_PENDING'],
      ['WITHHELD_PENDING', true, 'DOCUMENT_PENDING'],
    ]);
    expect(d.hints).toEqual([{ code: 'DOCUMENT_WOULD_PAY_BACK', dates: ['2026-10-29', '2026-10-30'], category: 'OWN_ILLNESS', documentation: 'SELF_CERTIFICATION', deadline: '2026-11-05', amountOre: 221430 }]);
  });
  test('PAY: no line, a hint that the days are provisional', () => {
    const d = decide({ ...c, municipality: { code: '5001', policy: { pending: 'PAY' } } });
    expect(d.lines).toEqual([]);
    expect(d.hints).toEqual([{ code: 'PENDING_PAID_PROVISIONALLY', dates: ['2026-10-29', '2026-10-30'], category: 'OWN_ILLNESS', documentation: 'SELF_CERTIFICATION', deadline: '2026-11-05', amountOre: 221430 }]);
    expect(d.calendar.at(-1)!.segments[0]!.outcome).toBe('PAID_PROVISIONALLY');
    expect(d.calendar.at(-1)!.status).toBe('EXCUSED');
  });
  test('deadline passed: unexcused under either policy (29 Oct + 7 = 5 Nov < 6 Nov; 30 Oct still open)', () => {
    const withhold = decide({ ...c, computedAt: '2026-11-06' });
    expect(reasons(withhold)).toEqual(['2026-10-29:DOCUMENT_DEADLINE_PASSED', '2026-10-30:DOCUMENT_PENDING']);
    expect(withhold.lines.map((l) => l.provisional)).toEqual([false, true]);
    const pay = decide({ ...c, computedAt: '2026-11-06', municipality: { code: '5001', policy: { pending: 'PAY' } } });
    expect(reasons(pay)).toEqual(['2026-10-29:DOCUMENT_DEADLINE_PASSED']);
  });
  test('PAY: no hint when rejecting the document would lower nothing (the payout is already 0)', () => {
    const away = ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08', '2026-10-09', '2026-10-12', '2026-10-13', '2026-10-14', '2026-10-15', '2026-10-16', '2026-10-19', '2026-10-20', '2026-10-21', '2026-10-22', '2026-10-23', '2026-10-26', '2026-10-27', '2026-10-28'];
    // 20 days of 8 h away: 20 · 480 · H / 60 is more than the month's base.
    const long = absentOn({ ...c, days: c.days.map((x) => ({ ...x, plannedMinutes: 480, presentMinutes: 480 })) }, [...away, '2026-10-29', '2026-10-30']);
    const d = decide({ ...long, municipality: { code: '5001', policy: { pending: 'PAY' } } });
    expect(d.payoutOre).toBe(0);
    expect(d.calendar.at(-1)!.segments[0]!.outcome).toBe('PAID_PROVISIONALLY');
    expect(d.hints).toEqual([]);
  });
  test('a pending day whose approval would pay nothing gives no hint', () => {
    const history = ['2025-11-10', '2026-01-12', '2026-03-10', '2026-06-08'].map((x) => absence(x, 'OWN_ILLNESS'));
    const d = decide({ ...absentOn(baseCase(), ['2026-10-29']), absences: [pending('2026-10-29')], history: { absences: history } });
    expect(d.lines[0]!.kind).toBe('WITHHELD_PENDING');
    expect(d.hints).toEqual([]);
  });
  test('when deductions already take the payout to 0, no document changes it: no hints', () => {
    const all = absentOn(baseCase({ municipality: { code: '5001', policy: { pending: 'PAY' } } }), baseCase().days.map((x) => x.date));
    const d = decide({
      ...all,
      participant: { ...all.participant, programStart: '2026-09-01' },
      absences: [pending('2026-10-13'), absence('2026-10-14', 'OWN_ILLNESS')],
    });
    expect(d.payoutOre).toBe(0);
    expect(reasons(d)).toContain('2026-10-14:SELF_CERT_BEFORE_8_WEEKS');
    expect(d.hints).toEqual([]);
    expect(d.review).toBe('VEDTAK_REQUIRED');
  });
});

describe('review class (§9)', () => {
  const thresholds = PARAMETERS.review;
  const review = { vedtakShareOfBase: thresholds.vedtakShareOfBase.values[0]!.value, vedtakShareOfG: thresholds.vedtakShareOfG.values[0]!.value };
  test('VEDTAK_REQUIRED needs both thresholds; REVIEW otherwise; AUTOMATIC without judged lines', () => {
    const line = (amountOre: number, kind: 'UNEXCUSED_ABSENCE' | 'UNPAID_LEAVE' = 'UNEXCUSED_ABSENCE') => ({ date: '2026-10-01', kind, amountOre, provisional: false, rule: 'IL-21' as const, reasonCode: 'NO_REASON_GIVEN' as const });
    expect(reviewClass([line(-1_200_000)], 2_275_817, 13_654_900, review).review).toBe('VEDTAK_REQUIRED');
    expect(reviewClass([line(-1_100_000)], 2_275_817, 13_654_900, review).review).toBe('REVIEW'); // under half
    expect(reviewClass([line(-600_000)], 1_000_000, 13_654_900, review).review).toBe('REVIEW'); // half, but under G/12
    expect(reviewClass([line(-75_861, 'UNPAID_LEAVE')], 2_275_817, 13_654_900, review).review).toBe('AUTOMATIC');
    expect(reviewClass([], 2_275_817, 13_654_900, review, true).review).toBe('REVIEW');
    expect(reviewClass([{ ...line(50_000), kind: 'CORRECTION' }], 2_275_817, 13_654_900, review).review).toBe('AUTOMATIC');
    expect(reviewClass([line(-1_200_000), line(-2_000_000, 'UNPAID_LEAVE')], 2_275_817, 13_654_900, review).facts).toEqual({ unexcusedOre: 1_200_000, payableBaseOre: 275_817, gOre: 13_654_900 });
  });
});

describe('the case schema', () => {
  const issues = (input: unknown) => {
    try {
      parseCase(input);
      return [];
    } catch (e) {
      return (e as CaseError).issues.map((i) => `${i.path}: ${i.message}`);
    }
  };
  test('unknown fields are rejected and named', () => {
    expect(issues({ ...baseCase(), extra: 1 })).toEqual(['extra: unknown field']);
    expect(issues({ ...baseCase(), participant: { ...baseCase().participant, diagnosis: 'x' } })).toEqual(['participant.diagnosis: unknown field']);
  });
  test('dates outside their place are named', () => {
    const c = baseCase();
    expect(
      issues({
        ...c,
        days: [...c.days, { date: '2026-11-01', plannedMinutes: 1, presentMinutes: 0 }, c.days[0]],
        absences: [absence('2026-09-30', 'OWN_ILLNESS')],
        history: { absences: [absence('2026-10-01', 'OWN_ILLNESS')] },
        participant: { ...c.participant, birthDate: '2026-11-01', enrolments: [{ from: '2026-10-10', to: '2026-10-01' }] },
      }),
    ).toEqual([
      'participant.enrolments[0].to: `to` is before `from`',
      'days[22].date: is outside the period 2026-10',
      'days[23].date: 2026-10-01 is listed twice',
      'absences[0].date: must be inside the period 2026-10',
      'history.absences[0].date: must be before the period 2026-10',
      'participant.birthDate: is after the period',
    ]);
  });
  test('a non-object is an error at the root', () => {
    expect(issues(42)[0]).toMatch(/^\(root\): /);
  });
});
