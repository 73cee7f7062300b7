/**
 * The payout engine: one participant, one calendar month (benefit-rules.md).
 * Pure: the case carries every input, including `computedAt`; the same case
 * gives byte-identical output.
 */
import type { Absence, Case } from './case.js';
import { parseCase } from './case.js';
import { inputHash } from './case-hash.js';
import { datesOfMonth, daysBetween, inAnyRange, monthInfo } from './calendar.js';
import type { Coverage, DayCoverage, Portion } from './coverage.js';
import { coverDays } from './coverage.js';
import type { CalendarDay, DaySegment, DayStatus, Decision, DecisionCore, DecisionLine, Hint } from './decision.js';
import type { Judgement, Verdict } from './judge-absences.js';
import { judgeAbsences } from './judge-absences.js';
import { dayLines, sortLines } from './ledger.js';
import { policyVersion } from './policy.js';
import { rulesetFor } from './ruleset.js';
import { baseAmount } from './rules/base-amount.js';
import { daysInYearTo } from './rules/child-illness.js';
import { ratesFor } from './rules/rates.js';
import { curedByDoctorNote } from './rules/registry.js';
import { reviewClass } from './rules/review-class.js';
import { episodesInYearTo } from './rules/self-certification.js';
import { UNCOVERED } from './rules/unexcused-absence.js';
import { unpaidLeaveLines } from './rules/unpaid-leave.js';
import { LANGUAGES, renderExplanation, TEMPLATE_VERSION } from './explanation/render.js';

/** What one computation of a month yields, before hints and explanation. */
interface Computation {
  core: Omit<DecisionCore, 'hints'>;
  coverage: Coverage;
  judgement: Judgement;
  basis: MonthBasis;
}

/**
 * What a month's result depends on besides its absences: the rule set, the
 * rates and the base. A hint's counterfactual changes absences only, so it
 * reuses these and judges the month again from the coverage on.
 */
interface MonthBasis {
  m: ReturnType<typeof monthInfo>;
  ruleset: ReturnType<typeof rulesetFor>;
  rates: ReturnType<typeof ratesFor>;
  enrolledDates: string[];
  base: ReturnType<typeof baseAmount>;
  onUnpaidLeave: (d: string) => boolean;
}

function basisOf(c: Case): MonthBasis {
  const m = monthInfo(c.period);
  const ruleset = rulesetFor(c.period, m.first);
  const p = c.participant;
  const rates = ratesFor(p, m.first, ruleset.g, ruleset.params);
  const enrolledDates = datesOfMonth(m).filter((d) => inAnyRange(d, p.enrolments));
  const base = baseAmount(rates.monthly, rates.daily, enrolledDates.length, m.days, c.municipality.policy.proration);
  return { m, ruleset, rates, enrolledDates, base, onUnpaidLeave: (d: string) => inAnyRange(d, p.unpaidLeave) };
}

/** The month judged on a basis: coverage, verdicts, lines and the amounts. */
function judgeMonth(c: Case, b: MonthBasis) {
  const { rates, base, enrolledDates, onUnpaidLeave } = b;
  const coverage = coverDays(c, onUnpaidLeave);
  const judged = coverage.days.filter((d) => d.state === 'JUDGED');
  const judgement = judgeAbsences(c, judged.flatMap((d) => d.portions), b.ruleset.params);

  const lines: DecisionLine[] = [
    ...unpaidLeaveLines(enrolledDates.filter(onUnpaidLeave), enrolledDates.length, rates.daily, base.baseOre),
    ...judged.flatMap((d) => dayLines(d, judgement.verdicts, rates, c.municipality.policy.deductionUnit)),
  ];
  sortLines(lines);
  const deductionOre = 0 - lines.reduce((sum, l) => sum + l.amountOre, 0); // +0, never −0, when there are no lines
  return { coverage, judgement, lines, deductionOre, payoutOre: Math.max(0, base.baseOre - deductionOre) };
}

function compute(c: Case): Computation {
  const basis = basisOf(c);
  const { m, ruleset, rates, base } = basis;
  const { g, params } = ruleset;
  const p = c.participant;
  const policy = c.municipality.policy;
  const { coverage, judgement, lines, deductionOre, payoutOre } = judgeMonth(c, basis);
  const { review, facts: reviewFacts } = reviewClass(lines, base.baseOre, g.entry.gOre, params.review);

  const core: Omit<DecisionCore, 'hints'> = {
    participantId: p.id,
    period: c.period,
    computedAt: c.computedAt,
    municipalityCode: c.municipality.code,
    rulesetVersion: ruleset.version,
    parameterValues: [...ruleset.parameterValues],
    // Filled in once by decideCore.
    policyVersion: '',
    templateVersion: TEMPLATE_VERSION,
    inputHash: '',
    rates: rates.display,
    factorFacts: rates.facts,
    base: base.facts,
    baseOre: base.baseOre,
    lines,
    deductionOre,
    payoutOre,
    review,
    reviewFacts,
    counters: {
      selfCertEpisodes12m: episodesInYearTo(judgement.selfCertEpisodeStarts, m.last),
      childIllnessDays12m: daysInYearTo(judgement.childIllnessAcceptedDays, m.last),
      selfCertEpisodeQuota: params.selfCertification.episodesPer12Months,
      childIllnessDayQuota: judgement.childIllnessQuota,
    },
    calendar: coverage.days.map((d) => calendarDay(d, judgement.verdicts)),
    warnings: coverage.warnings,
    policy: {
      deductionUnit: policy.deductionUnit,
      proration: policy.proration,
      pending: policy.pending,
      documentationDeadlineDays: policy.documentationDeadlineDays,
    },
  };
  return { core, coverage, judgement, basis };
}

function segment(p: Portion, v: Verdict): DaySegment {
  const base = { minutes: p.minutes, category: p.absence.category, documentation: p.absence.documentation };
  switch (v.outcome) {
    case 'EXCUSED':
    case 'PAID_PROVISIONALLY':
      return { ...base, outcome: v.outcome };
    case 'UNEXCUSED':
      return { ...base, outcome: 'UNEXCUSED', reasonCode: v.reason };
    case 'WITHHELD':
      return { ...base, outcome: 'WITHHELD', reasonCode: v.reason };
  }
}

function calendarDay(d: DayCoverage, verdicts: Map<Portion, Verdict>): CalendarDay {
  const segments = d.portions.map((p) => segment(p, verdicts.get(p)!));
  if (d.uncovered > 0) segments.push({ minutes: d.uncovered, outcome: UNCOVERED.outcome, reasonCode: UNCOVERED.reason });
  return {
    date: d.day.date,
    plannedMinutes: d.day.plannedMinutes,
    presentMinutes: d.present,
    status: dayStatus(d, segments),
    segments,
  };
}

function dayStatus(d: DayCoverage, segments: DaySegment[]): DayStatus {
  if (d.state !== 'JUDGED') return d.state;
  if (segments.some((s) => s.outcome === 'UNEXCUSED')) return 'UNEXCUSED';
  if (segments.some((s) => s.outcome === 'WITHHELD')) return 'WITHHELD';
  return d.missing > 0 ? 'EXCUSED' : 'PRESENT';
}

/* ---------------------------------------------------------------------------
 * Hints: what would change the result (explanations.md layer 5; CJEU C-203/22).
 * Each amount is exact: the month is judged again on the case with the one
 * change the hint names, and the payouts are compared. The change touches
 * absences only, so the rule set, rates and base of the run are reused and
 * only the coverage, verdicts and lines are computed again (the quota
 * windows make a verdict depend on every absence of the year: no narrower
 * delta is exact).
 * ------------------------------------------------------------------------- */

type Change = (a: Absence) => Absence;

function payoutWith(c: Case, basis: MonthBasis, indices: ReadonlySet<number>, change: Change): number {
  const changed: Case = { ...c, absences: c.absences.map((a, i) => (indices.has(i) ? change(a) : a)) };
  return judgeMonth(changed, basis).payoutOre;
}

interface Group {
  portions: Portion[];
  deadlines: string[];
}

/**
 * Groups portions of the same category and documentation on days at most 3
 * calendar days apart (a weekend does not split one absence).
 */
const GROUP_GAP_DAYS = 3;

function groupPortions(items: { portion: Portion; deadline: string }[]): Group[] {
  const groups: Group[] = [];
  for (const { portion, deadline } of items) {
    const last = groups.at(-1);
    const prev = last?.portions.at(-1);
    if (
      last &&
      prev &&
      prev.absence.category === portion.absence.category &&
      prev.absence.documentation === portion.absence.documentation &&
      daysBetween(prev.absence.date, portion.absence.date) <= GROUP_GAP_DAYS
    ) {
      last.portions.push(portion);
      last.deadlines.push(deadline);
    } else groups.push({ portions: [portion], deadlines: [deadline] });
  }
  return groups;
}

const uniqueDates = (ps: Portion[]) => [...new Set(ps.map((p) => p.absence.date))];
const indicesOf = (ps: Portion[]) => new Set(ps.map((p) => p.absenceIndex));

function hints(c: Case, run: Computation): Hint[] {
  const out: Hint[] = [];
  const portions = run.coverage.days.filter((d) => d.state === 'JUDGED').flatMap((d) => d.portions);
  const withVerdict = (pred: (v: Verdict) => boolean) =>
    portions
      .map((portion) => ({ portion, verdict: run.judgement.verdicts.get(portion)! }))
      .filter(({ verdict }) => pred(verdict))
      .map(({ portion, verdict }) => ({ portion, deadline: 'deadline' in verdict ? verdict.deadline : '' }));

  const payout = run.core.payoutOre;
  const approve: Change = (a) => ({ ...a, status: 'APPROVED' });
  const reject: Change = (a) => ({ ...a, status: 'REJECTED' });
  const doctorNote: Change = (a) => ({ ...a, documentation: 'DOCTOR_NOTE' });

  for (const g of groupPortions(withVerdict((v) => v.outcome === 'WITHHELD'))) {
    const amountOre = payoutWith(c, run.basis, indicesOf(g.portions), approve) - payout;
    if (amountOre > 0) out.push({ code: 'DOCUMENT_WOULD_PAY_BACK', ...groupFacts(g), amountOre });
  }
  for (const g of groupPortions(withVerdict((v) => v.outcome === 'PAID_PROVISIONALLY'))) {
    const amountOre = payout - payoutWith(c, run.basis, indicesOf(g.portions), reject);
    if (amountOre > 0) out.push({ code: 'PENDING_PAID_PROVISIONALLY', ...groupFacts(g), amountOre });
  }
  const curable = withVerdict((v) => v.outcome === 'UNEXCUSED' && curedByDoctorNote(v.reason));
  for (const g of groupPortions(curable)) {
    const amountOre = payoutWith(c, run.basis, indicesOf(g.portions), doctorNote) - payout;
    if (amountOre > 0)
      out.push({ code: 'DOCTOR_NOTE_WOULD_PAY', dates: uniqueDates(g.portions), category: g.portions[0]!.absence.category, amountOre });
  }
  if (run.core.rates.gProvisional) out.push({ code: 'G_NOT_YET_REGULATED', gEffectiveFrom: run.core.rates.gEffectiveFrom });
  return out;
}

function groupFacts(g: Group) {
  const first = g.portions[0]!.absence;
  return {
    dates: uniqueDates(g.portions),
    category: first.category,
    documentation: first.documentation,
    // The earliest deadline: a document that arrives by then covers every day of the group.
    deadline: [...g.deadlines].sort()[0]!,
  };
}

/** Decision without explanation text: what the rules decided. */
export function decideCore(c: Case): DecisionCore {
  const run = compute(c);
  return { ...run.core, policyVersion: policyVersion(c.municipality.policy), inputHash: inputHash(c), hints: hints(c, run) };
}

/** The full decision for a parsed case, with the explanation in every language. */
export function decide(c: Case): Decision {
  const core = decideCore(c);
  const explanation: Record<string, string> = {};
  for (const lang of LANGUAGES) explanation[lang] = renderExplanation(core, lang);
  return { ...core, explanation };
}

/** Parses (strictly) and decides: the code path of `npm run simulate`, the what-if endpoint and the golden tests. */
export function simulate(input: unknown): Decision {
  return decide(parseCase(input));
}
