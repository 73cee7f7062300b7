/**
 * The explanation of a decision (explanations.md): its reasoning in law for
 * the participant (fvl §§ 24–25: rules, facts, main considerations; GDPR
 * art. 13(2)(f), 15(1)(h) and 22(3): meaningful information about the logic
 * and its consequences; CJEU C-203/22: the procedure and principles actually
 * applied, and how other inputs would change the result).
 *
 * Seven layers, rendered from the decision's data with the ICU messages of
 * one language. The code picks message ids and passes arguments; all prose
 * lives in messages/. Deterministic: the same decision, language and context
 * give byte-identical text. Privacy: the text names no participant and no
 * health detail beyond the absence category ("own illness, self-certified").
 */
import { createHash } from 'node:crypto';
import type { CalendarDay, Category, DayStatus, DaySegment, DecisionCore, DecisionLine, Documentation, ReasonCode, RuleId } from '../decision.js';
import { REASON_CODES } from '../decision.js';
import type { Correction } from '../payroll/correction.js';
import type { BackPaymentStep, PayoutSteps, ResolutionStep } from '../payroll/payout-steps.js';
import { payoutSteps } from '../payroll/payout-steps.js';
import { CHILD_ILLNESS, FACTORS, RATES, SELF_CERTIFICATION } from '../rules/parameters.js';
import { ExplanationError } from './errors.js';
import type { MemoKey, MessageArgs } from './format.js';
import { LanguageFormatter } from './format.js';
import { isUnchecked, LANGUAGE_PACKS } from './messages/index.js';

export { LANGUAGES } from './messages/index.js';
export { ExplanationError } from './errors.js';
export type { ExplanationErrorCode } from './errors.js';
export type { CorrectionReason } from '../payroll/correction.js';
export type { BackPaymentStep, ResolutionStep } from '../payroll/payout-steps.js';

/**
 * Bump when this file changes what it writes. The catalogues are hashed into
 * TEMPLATE_VERSION, so any change of any message changes the version by itself.
 */
const LAYOUT_VERSION = 3;

/** Stamped on every decision: re-rendering with the same version gives the same bytes. */
export const TEMPLATE_VERSION = `explanation-${LAYOUT_VERSION}-${createHash('sha256')
  .update(JSON.stringify(LANGUAGE_PACKS))
  .digest('hex')
  .slice(0, 12)}`;

/**
 * The layers in reading order. `details` (versions, decision ids, legal
 * references) came with layout 3 (issue 11): texts stored before it have the
 * first seven only, and keep them.
 */
export const LAYER_ORDER = ['summary', 'calendar', 'calculation', 'rules', 'hints', 'who', 'rights', 'details'] as const;
export type LayerName = (typeof LAYER_ORDER)[number];

export interface ExplanationLayer {
  title: string;
  lines: string[];
}

/** The web page shows `summary` and opens the others on request. */
export type ExplanationLayers = Record<LayerName, ExplanationLayer>;

/**
 * This decision corrects an earlier one (benefit-rules.md §8): what
 * `diffDecisions` returns, plus the id of the decision it supersedes. Per
 * date the sum of that date's lines before and after (`date` 'BASE': the
 * amount before deductions). With `paidBeforeOre` (a month already paid) the
 * total is new payout − what the month had paid, paid with the payout of
 * `paidWithPeriod`; without it (a month not paid yet), new payout − old payout.
 */
export type CorrectionContext = { supersedesDecisionId: string; paidWithPeriod?: string } & Pick<
  Correction,
  'reason' | 'days' | 'totalDifferenceOre' | 'previousPayoutOre' | 'paidBeforeOre'
>;

export interface ExplanationContext {
  /** Who released the payout (a role, never a name) and on which ISO date (YYYY-MM-DD). */
  approval?: { role: string; approvedAt: string };
  correction?: CorrectionContext;
  /** An adviser's resolution of this version: an adjustment of the amount, or a recorded formal decision. */
  resolution?: ResolutionStep;
  /** Corrections of earlier months paid with this month's payout. */
  backPayments?: readonly BackPaymentStep[];
  /** Who to contact; default "your programme adviser" in the reader's language (with `adviserName`, named). */
  contact?: string;
  /**
   * The participant's programme adviser's name, said in "Your rights" as the
   * person to contact. It must come from the participant's file: the adviser
   * assigned to the participant (the assignment table) and that staff
   * member's display name in the staff directory, never from the request.
   */
  adviserName?: string;
  /**
   * Where a complaint is sent: the municipality's postal address (or its
   * secure digital mailbox) for complaints about the introduction benefit.
   * It must come from the municipality's own settings, not from the adviser.
   * Without it, the text tells the reader to ask the adviser for the address.
   */
  complaintAddress?: string;
  /** The participant's correction requests and complaints about this month (issue 12; layer 7 mentions each). */
  rightsCases?: readonly RightsCaseNote[];
}

/**
 * Who to contact and where to send a complaint, as the participant's file and
 * the municipality's policy said when the text was rendered. Stored with the
 * text it was rendered into (a decision version's `contact`, a revision's
 * context), so the stored text renders again byte for byte.
 */
export type ExplanationContact = Pick<ExplanationContext, 'adviserName' | 'complaintAddress'>;

/**
 * A correction request or complaint about the month, as the explanation
 * mentions it: when it was filed, where it stands, and whether this decision
 * version already counts the correction it led to (INCLUDED) or the next
 * payroll run will (PENDING). Dates are ISO dates (Oslo).
 */
export type RightsCaseNote =
  | { kind: 'CORRECTION_REQUEST'; filedOn: string; step: 'OPEN' | 'ACCEPTED_PENDING' | 'ACCEPTED_INCLUDED' | 'REFUSED'; answeredOn: string | null }
  | { kind: 'COMPLAINT'; filedOn: string; step: 'RECEIVED' | 'UPHELD_PENDING' | 'UPHELD_INCLUDED' | 'FORWARDED' | 'DECIDED'; answeredOn: string | null; late: boolean; outcome: string | null };

/** Text direction of a language's explanation: the page sets `dir` from it (Arabic is right to left). */
export function directionOf(lang: string): 'ltr' | 'rtl' {
  return formatterFor(lang).pack.direction;
}

/**
 * Whether a language's text opens with the notice that the Norwegian text is
 * the one that applies: a translation no qualified translator has checked.
 */
export function isUncheckedTranslation(lang: string): boolean {
  return uncheckedTranslation(formatterFor(lang));
}

const uncheckedTranslation = (f: LanguageFormatter): boolean => isUnchecked(f.pack.translation);

/** The steps from the computed amount to the amount paid, for a decision and its context (payout-steps.ts). */
export function stepsOf(decision: Pick<DecisionCore, 'payoutOre'>, ctx: ExplanationContext): PayoutSteps {
  return payoutSteps({
    computedOre: decision.payoutOre,
    ...(ctx.resolution === undefined ? {} : { resolution: ctx.resolution }),
    ...(ctx.correction === undefined ? {} : { correction: ctx.correction }),
    ...(ctx.backPayments === undefined ? {} : { backPayments: ctx.backPayments }),
  });
}

const FORMATTERS = new Map<string, LanguageFormatter>(LANGUAGE_PACKS.map((p) => [p.lang, new LanguageFormatter(p)]));

function formatterFor(lang: string): LanguageFormatter {
  const f = FORMATTERS.get(lang);
  if (f === undefined)
    throw new ExplanationError('UNKNOWN_LANGUAGE', `no explanation language "${lang}" (known: ${[...FORMATTERS.keys()].join(', ')})`);
  return f;
}

/** Sums and flags of the lines that several layers need, taken in one pass. */
interface Totals {
  unpaidLeaveDays: number;
  correctionOre: number;
  /** Lines measured in minutes (unexcused or withheld), so the deduction unit applies. */
  minuteLines: boolean;
  noReasonGiven: boolean;
  /** Each reason code in the lines with the rule of its first line. */
  rules: Map<ReasonCode, RuleId>;
  paidProvisionally: boolean;
}

function totalsOf(d: DecisionCore): Totals {
  const t: Totals = {
    unpaidLeaveDays: 0,
    correctionOre: 0,
    minuteLines: false,
    noReasonGiven: false,
    rules: new Map(),
    paidProvisionally: false,
  };
  for (const l of d.lines) {
    switch (l.kind) {
      case 'UNEXCUSED_ABSENCE':
      case 'WITHHELD_PENDING':
        t.minuteLines = true;
        break;
      case 'UNPAID_LEAVE':
        t.unpaidLeaveDays++;
        break;
      case 'CORRECTION':
        t.correctionOre += l.amountOre;
        break;
    }
    if (l.reasonCode === 'NO_REASON_GIVEN') t.noReasonGiven = true;
    if (!t.rules.has(l.reasonCode)) t.rules.set(l.reasonCode, l.rule);
  }
  for (const h of d.hints) if (h.code === 'PENDING_PAID_PROVISIONALLY') t.paidProvisionally = true;
  return t;
}

function requireOre(value: number, path: string): void {
  if (!Number.isSafeInteger(value))
    throw new ExplanationError('INVALID_AMOUNT', `${path}: must be a whole number of øre, got ${value}`);
}

/** A day has 1 440 minutes; the calendar-day memo key relies on the bound. */
const MINUTES_PER_DAY = 1440;

function requireMinutes(value: number, path: string): void {
  if (!Number.isInteger(value) || value < 0 || value > MINUTES_PER_DAY)
    throw new ExplanationError('INVALID_MINUTES', `${path}: must be whole minutes from 0 to ${MINUTES_PER_DAY}, got ${value}`);
}

/** Checks what the text relies on before anything is rendered; dates are checked as they are formatted. */
function checkInput(d: DecisionCore, ctx: ExplanationContext): void {
  requireOre(d.baseOre, 'baseOre');
  requireOre(d.deductionOre, 'deductionOre');
  requireOre(d.payoutOre, 'payoutOre');
  const r = d.rates;
  requireOre(r.gOre, 'rates.gOre');
  requireOre(r.annualOre, 'rates.annualOre');
  requireOre(r.monthlyOre, 'rates.monthlyOre');
  requireOre(r.dailyOre, 'rates.dailyOre');
  requireOre(r.hourlyOre, 'rates.hourlyOre');
  requireOre(d.reviewFacts.unexcusedOre, 'reviewFacts.unexcusedOre');
  requireOre(d.reviewFacts.payableBaseOre, 'reviewFacts.payableBaseOre');
  d.lines.forEach((l, i) => {
    requireOre(l.amountOre, `lines[${i}].amountOre`);
    if (l.minutes !== undefined) requireMinutes(l.minutes, `lines[${i}].minutes`);
  });
  d.calendar.forEach((day, i) => {
    requireMinutes(day.plannedMinutes, `calendar[${i}].plannedMinutes`);
    requireMinutes(day.presentMinutes, `calendar[${i}].presentMinutes`);
    day.segments.forEach((s, j) => requireMinutes(s.minutes, `calendar[${i}].segments[${j}].minutes`));
  });
  d.warnings.forEach((w, i) => requireMinutes(w.minutes, `warnings[${i}].minutes`));
  d.hints.forEach((h, i) => {
    if (h.code === 'G_NOT_YET_REGULATED') return;
    requireOre(h.amountOre, `hints[${i}].amountOre`);
    if (h.dates.length === 0) throw new ExplanationError('INVALID_DECISION', `hints[${i}].dates: must name at least one date`);
  });
  const c = ctx.correction;
  if (c !== undefined) {
    if (c.supersedesDecisionId === '')
      throw new ExplanationError('INVALID_DECISION', 'correction.supersedesDecisionId: must name the decision it replaces');
    requireOre(c.totalDifferenceOre, 'correction.totalDifferenceOre');
    if (c.previousPayoutOre !== undefined) requireOre(c.previousPayoutOre, 'correction.previousPayoutOre');
    if (c.paidBeforeOre !== undefined) requireOre(c.paidBeforeOre, 'correction.paidBeforeOre');
    requireDays(c.days, 'correction.days');
  }
  const res = ctx.resolution;
  if (res !== undefined) {
    requireText(res.role, 'resolution.role');
    if (res.kind === 'ADJUSTMENT') {
      requireOre(res.payoutOre, 'resolution.payoutOre');
      requireText(res.reason, 'resolution.reason');
    } else requireText(res.vedtakReference, 'resolution.vedtakReference');
  }
  ctx.backPayments?.forEach((b, i) => {
    requireOre(b.amountOre, `backPayments[${i}].amountOre`);
    requireText(b.decisionId, `backPayments[${i}].decisionId`);
    requireText(b.supersedesDecisionId, `backPayments[${i}].supersedesDecisionId`);
    requireDays(b.days, `backPayments[${i}].days`);
  });
  if (ctx.adviserName !== undefined) requireText(ctx.adviserName, 'adviserName');
  if (ctx.complaintAddress !== undefined) requireText(ctx.complaintAddress, 'complaintAddress');
}

function requireDays(days: readonly { beforeOre: number; afterOre: number }[], path: string): void {
  days.forEach((day, i) => {
    requireOre(day.beforeOre, `${path}[${i}].beforeOre`);
    requireOre(day.afterOre, `${path}[${i}].afterOre`);
  });
}

/** Longest free text (an adjustment's reason: the API allows 500 characters). */
const MAX_TEXT = 500;

/**
 * One line of a person's text: no control characters (a line break would
 * start a forged layer) and no bidirectional controls (U+202A–U+202E,
 * U+2066–U+2069, the marks U+200E, U+200F, U+061C), which could make an
 * amount or a date in the text around it read reversed, in any language and
 * more easily in the Arabic one. The API's schemas use the same pattern.
 */
export const ONE_LINE_TEXT = /^[^\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+$/u;

/**
 * Text written by a person (an adjustment's reason, a case reference, the
 * adviser's name, the complaint address) is placed as an argument, never
 * parsed as a message; it must be one line (the layers are lines) and not empty.
 */
function requireText(value: string, path: string): void {
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT || !ONE_LINE_TEXT.test(value))
    throw new ExplanationError('INVALID_TEXT', `${path}: must be 1 to ${MAX_TEXT} characters on one line`);
}

/** Everything a layer needs besides the decision. */
interface Render {
  f: LanguageFormatter;
  d: DecisionCore;
  ctx: ExplanationContext;
  totals: Totals;
  /** From the computed amount to the amount paid (payout-steps.ts). */
  steps: PayoutSteps;
  /** The text says how the amount paid comes from the computed one (a resolution, back-payments, a paid month corrected). */
  withSteps: boolean;
  /** The decision's year, to leave it out of dates that are in it. */
  year: string;
}

/** Arguments of the reason and rule messages: the numbers the rules use. Made only when a text is not remembered. */
function ruleArgs(d: DecisionCore): MessageArgs {
  return {
    multiple: RATES.annualGMultiple.value,
    weeks: SELF_CERTIFICATION.waitingDays.value / 7,
    episodeDays: SELF_CERTIFICATION.daysPerEpisode.value,
    relapseDays: SELF_CERTIFICATION.relapseDays.value,
    selfCertQuota: d.counters.selfCertEpisodeQuota,
    doctorNoteFromDay: CHILD_ILLNESS.doctorNoteFromDay.value,
    ownReportDays: CHILD_ILLNESS.doctorNoteFromDay.value - 1,
    childQuota: d.counters.childIllnessDayQuota,
    deadlineDays: d.policy.documentationDeadlineDays,
  };
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');
const fraction = ([n, d]: readonly [number, number]) => `${n}/${d}`;
const floored = (d: DecisionCore) => d.payoutOre === 0 && d.deductionOre > d.baseOre;

/** "own illness, self-certified": the most the text ever says about a health-related absence. */
function described(f: LanguageFormatter, category: Category, documentation: Documentation): string {
  return f.memo(['absence.described', category, documentation], () =>
    f.t('absence.described', { documentation, category: f.t(`category.${category}`), doc: f.t(`documentation.${documentation}`) }),
  );
}

/** The values of `ruleArgs` that differ between decisions, after the message id: the key of a reason or rule text. */
function ruleKey(id: string, d: DecisionCore, code: ReasonCode): MemoKey[] {
  return [id, code, d.counters.selfCertEpisodeQuota, d.counters.childIllnessDayQuota, d.policy.documentationDeadlineDays];
}

function reasonText(f: LanguageFormatter, d: DecisionCore, code: ReasonCode): string {
  return f.memo(ruleKey('reason', d, code), () => f.t(`reason.${code}`, ruleArgs(d)));
}

/* 1. Summary ---------------------------------------------------------------- */

/** How many dates the summary names per reason before it says how many more. */
export const SUMMARY_DATES = 5;

type GroupKind = 'unexcused' | 'withheld' | 'unpaidLeave';

/** The lines of one kind and reason: the days they fall on and what they take, positive øre. */
interface Group {
  kind: GroupKind;
  code: ReasonCode;
  dates: string[];
  ore: number;
}

const GROUP_KIND: Partial<Record<DecisionLine['kind'], GroupKind>> = { UNEXCUSED_ABSENCE: 'unexcused', WITHHELD_PENDING: 'withheld', UNPAID_LEAVE: 'unpaidLeave' };

/** The deducted and withheld lines per kind and reason, in the order of REASON_CODES, dates ascending. */
export function summaryGroups(d: Pick<DecisionCore, 'lines'>): Group[] {
  const groups = new Map<string, Group>();
  for (const l of d.lines) {
    const kind = GROUP_KIND[l.kind];
    if (kind === undefined) continue;
    const key = `${kind}:${l.reasonCode}`;
    let g = groups.get(key);
    if (g === undefined) {
      g = { kind, code: l.reasonCode, dates: [], ore: 0 };
      groups.set(key, g);
    }
    if (!g.dates.includes(l.date)) g.dates.push(l.date);
    g.ore -= l.amountOre;
  }
  const order = (g: Group) => REASON_CODES.indexOf(g.code);
  return [...groups.values()].sort((a, b) => order(a) - order(b)).map((g) => ({ ...g, dates: [...g.dates].sort() }));
}

/** Up to SUMMARY_DATES dates as they read ("29. og 30. oktober"), then how many more. */
function someDates(f: LanguageFormatter, dates: readonly string[], year: string): string {
  return f.t('summary.dates', { dates: f.dates(dates.slice(0, SUMMARY_DATES), year), more: Math.max(0, dates.length - SUMMARY_DATES) });
}

/**
 * What the participant reads first (issue 11 §1): the amount and the month;
 * every day with a deduction or a held-back amount (up to five per reason,
 * then how many more) and the actual reason; what they can do, and by when;
 * then what happened after the calculation. No codes, versions or legal
 * references: those are in the details layer.
 */
function summary(r: Render): ExplanationLayer {
  const { f, d, ctx, totals, steps, withSteps, year } = r;
  const lines: string[] = [];
  if (uncheckedTranslation(f)) lines.push(f.s('notice.unchecked'));
  lines.push(f.t(withSteps ? 'summary.computedAmount' : 'summary.amount', { month: f.monthYear(d.period), payout: f.amount(d.payoutOre) }));
  const groups = summaryGroups(d);
  if (d.base.fullMonth && groups.length === 0 && totals.correctionOre === 0) lines.push(f.s('summary.full'));
  else {
    lines.push(f.t('summary.fullAmount', { full: f.amount(d.rates.monthlyOre) }));
    if (!d.base.fullMonth) lines.push(f.t('summary.prorated', { enrolled: d.base.enrolledDays, daysInMonth: d.base.daysInMonth }));
  }
  for (const g of groups) {
    const why = f.memo(['summary.why', ...ruleKey('', d, g.code), d.reviewFacts.payableBaseOre === 0], () =>
      f.t(`summary.why.${g.code}`, { ...ruleArgs(d), whole: yesNo(d.reviewFacts.payableBaseOre === 0) }),
    );
    lines.push(f.t('summary.group', { kind: g.kind, amount: f.amount(g.ore), dates: someDates(f, g.dates, year), why }));
  }
  if (totals.correctionOre !== 0) lines.push(f.t('summary.correction', { amount: f.amount(totals.correctionOre) }));
  if (floored(d)) lines.push(f.t('summary.floored', { deductions: f.amount(d.deductionOre), base: f.amount(d.baseOre) }));
  // What the participant can do, and by when: the engine's hints, in short.
  for (const h of d.hints) {
    switch (h.code) {
      case 'DOCUMENT_WOULD_PAY_BACK':
      case 'PENDING_PAID_PROVISIONALLY':
        lines.push(
          f.t(`summary.do.${h.code}`, {
            documentation: h.documentation,
            dates: someDates(f, h.dates, year),
            deadline: f.dateIn(h.deadline, year),
            amount: f.amount(h.amountOre),
          }),
        );
        break;
      case 'DOCTOR_NOTE_WOULD_PAY':
        lines.push(f.t('summary.do.DOCTOR_NOTE_WOULD_PAY', { dates: someDates(f, h.dates, year), amount: f.amount(h.amountOre) }));
        break;
      case 'G_NOT_YET_REGULATED':
        // Said once below, with the provisional G.
        break;
    }
  }
  if (totals.noReasonGiven) lines.push(f.s('summary.do.noReason'));
  if (d.rates.gProvisional) lines.push(f.s('summary.gProvisional'));
  const res = ctx.resolution;
  // Once an adviser has resolved it, the resolution says what happened instead of what must happen.
  if (res === undefined) {
    if (d.review === 'VEDTAK_REQUIRED') lines.push(f.t('summary.vedtak', { paid: yesNo(d.payoutOre > 0) }));
  } else
    lines.push(
      res.kind === 'ADJUSTMENT'
        ? f.t('summary.adjusted', { who: roleText(f, 'role.subject', res.role), amount: f.amount(res.payoutOre), reason: res.reason })
        : f.t('summary.formal', { who: roleText(f, 'role.subject', res.role), reference: res.vedtakReference, notice: f.date(res.advanceNoticeDate) }),
    );
  if (ctx.correction !== undefined) {
    lines.push(f.t('summary.correction.made', { reason: ctx.correction.reason }));
    lines.push(correctionTotal(f, ctx.correction, steps));
  }
  for (const b of ctx.backPayments ?? []) lines.push(f.t('summary.backPayment', { amount: f.amount(b.amountOre), month: f.monthYear(b.period), reason: b.reason }));
  // A paid month corrected says what is paid in its correction line; otherwise the amount paid closes the summary.
  if (withSteps && steps.paidBeforeOre === null) lines.push(f.t('summary.paid', { amount: f.amount(steps.paidOre), month: f.monthYear(d.period) }));
  return { title: f.s('summary.title'), lines };
}

/** A role (never a name) as the subject or the object of a sentence. */
function roleText(f: LanguageFormatter, id: 'role.subject' | 'role.object', role: string): string {
  return f.t(id, { role });
}

const routeName = (steps: PayoutSteps) => (steps.backPaymentOre > 0 ? 'backPayment' : steps.toAdviserOre > 0 ? 'adviser' : 'none');

/** The month whose payout carries a correction's difference. */
const payingMonth = (f: LanguageFormatter, c: CorrectionContext) => (c.paidWithPeriod === undefined ? f.s('correction.nextPayout') : f.monthYear(c.paidWithPeriod));

/** What the correction does with the money: paid back, sent to an adviser, or nothing. */
function correctionTotal(f: LanguageFormatter, c: CorrectionContext, steps: PayoutSteps): string {
  if (steps.paidBeforeOre !== null)
    return f.t('correction.paid', {
      route: routeName(steps),
      amount: f.amount(Math.max(steps.backPaymentOre, steps.toAdviserOre)),
      paid: f.amount(steps.paidBeforeOre),
      month: payingMonth(f, c),
    });
  const total = c.totalDifferenceOre;
  if (c.paidWithPeriod === undefined)
    return f.t('correction.unpaid', { direction: total > 0 ? 'more' : total < 0 ? 'less' : 'same', amount: f.amount(Math.abs(total)) });
  // Stored before what the month had paid was recorded: the difference to the superseded version.
  return f.t('correction.total', { route: total > 0 ? 'backPayment' : total < 0 ? 'adviser' : 'none', amount: f.amount(Math.abs(total)) });
}

/* 2. Calendar --------------------------------------------------------------- */

/** Index of each day status in the calendar-day memo key. */
const STATUS_INDEX: Readonly<Record<DayStatus, number>> = { PRESENT: 0, EXCUSED: 1, UNEXCUSED: 2, WITHHELD: 3, UNPAID_LEAVE: 4, NOT_ENROLLED: 5 };

function dayText(f: LanguageFormatter, day: CalendarDay): string {
  return f.t(`calendar.${day.status}`, {
    date: f.date(day.date),
    away: yesNo(day.presentMinutes === 0),
    planned: f.duration(day.plannedMinutes),
    present: f.duration(day.presentMinutes),
  });
}

function calendar(r: Render): ExplanationLayer {
  const { f, d } = r;
  const lines: string[] = [];
  for (const day of d.calendar) {
    // A day's line depends only on its date, status and minutes, which the
    // participants of a run share: remembered, it costs a map lookup.
    lines.push(f.dayLine(day, STATUS_INDEX[day.status], dayText));
    for (const s of day.segments) lines.push(segmentLine(f, d, s));
  }
  if (d.calendar.length === 0) lines.push(f.s('calendar.none'));
  for (const w of d.warnings) lines.push(f.t(`warning.${w.code}`, { date: f.date(w.date), duration: f.duration(w.minutes) }));
  return { title: f.memo(['calendar.title', d.period], () => f.t('calendar.title', { month: f.monthYear(d.period) })), lines };
}

function segmentLine(f: LanguageFormatter, d: DecisionCore, s: DaySegment): string {
  // Minutes no record covers: "no reason given" is both what and why, said once.
  if (s.category === undefined) return f.t('segment.noReason', { duration: f.duration(s.minutes) });
  return f.t(`segment.${s.outcome}`, {
    duration: f.duration(s.minutes),
    what: described(f, s.category, s.documentation ?? 'NONE'),
    reason: s.reasonCode === undefined ? '' : reasonText(f, d, s.reasonCode),
  });
}

/* 3. Calculation ------------------------------------------------------------ */

/** G, factor and the rates: the same for every participant with the same G and facts. */
function rateLines({ f, d }: Render): readonly string[] {
  const r = d.rates;
  const ff = d.factorFacts;
  const key = [
    'rates', d.period, r.gOre, r.gEffectiveFrom, r.gProvisional, r.factor, r.annualOre, r.monthlyOre, r.dailyOre, r.hourlyOre,
    ff.ageOnFirstOfMonth, ff.under25, ff.regime, ff.livesWithParent, ff.coupleReduction,
  ];
  return f.memo(key, () => {
    const ageFraction =
      ff.regime === 'introduksjonsloven' ? FACTORS.under25OldRegime.value : ff.livesWithParent ? FACTORS.under25WithParent.value : FACTORS.under25.value;
    const lines = [f.t('calc.g', { g: f.amount(r.gOre), from: f.date(r.gEffectiveFrom) })];
    if (r.gProvisional) lines.push(f.s('calc.gProvisional'));
    lines.push(
      f.t('calc.age', { first: f.date(`${d.period}-01`), age: ff.ageOnFirstOfMonth }),
      f.t('calc.factor.age', {
        under25: yesNo(ff.under25),
        regime: ff.regime,
        withParent: yesNo(ff.livesWithParent),
        limit: FACTORS.under25Age.value,
        fraction: fraction(ageFraction),
      }),
      f.t('calc.factor.couple', { couple: yesNo(ff.coupleReduction), fraction: fraction(FACTORS.couple.value) }),
      f.t('calc.factor', { factor: r.factor }),
      f.t('calc.annual', { multiple: RATES.annualGMultiple.value, annual: f.amount(r.annualOre) }),
      f.t('calc.monthly', { months: RATES.monthsPerYear.value, monthly: f.amount(r.monthlyOre) }),
      f.t('calc.daily', { daysPerMonth: RATES.daysPerMonth.value, daily: f.amount(r.dailyOre) }),
      f.t('calc.hourly', { hoursPerYear: RATES.hoursPerYear.value, hourly: f.amount(r.hourlyOre) }),
      f.s('calc.ratesRounded'),
    );
    return lines;
  });
}

function calculation(r: Render): ExplanationLayer {
  const { f, d, ctx, totals } = r;
  const lines = [...rateLines(r)];
  lines.push(
    d.base.fullMonth
      ? f.t('calc.base.full', { base: f.amount(d.baseOre) })
      : f.t('calc.base.prorated', {
          proration: d.base.proration,
          enrolled: d.base.enrolledDays,
          daysInMonth: d.base.daysInMonth,
          base: f.amount(d.baseOre),
        }),
  );
  if (totals.minuteLines) lines.push(f.memo(['calc.unit', d.policy.deductionUnit], () => f.t('calc.unit', { unit: d.policy.deductionUnit })));
  for (const l of d.lines) lines.push(lineText(f, d, l));
  lines.push(d.lines.length === 0 ? f.s('calc.noLines') : f.s('calc.rounding'));
  const sum = { base: f.amount(d.baseOre), deductions: f.amount(d.deductionOre), payout: f.amount(d.payoutOre) };
  lines.push(floored(d) ? f.t('calc.floored', sum) : f.t('calc.sum', sum));
  if (ctx.correction !== undefined) lines.push(...correctionBlock(f, ctx.correction, r.steps));
  if (r.withSteps) lines.push(...paymentBlock(r));
  return { title: f.s('calculation.title'), lines };
}

/** Every step from the computed amount to the amount paid, with who made it, when and why. */
function paymentBlock({ f, d, ctx, steps }: Render): string[] {
  const lines = [f.s('pay.title'), f.t('pay.computed', { amount: f.amount(steps.computedOre) })];
  const res = ctx.resolution;
  if (res !== undefined) {
    const who = roleText(f, 'role.subject', res.role);
    lines.push(
      res.kind === 'ADJUSTMENT'
        ? f.t('pay.adjusted', { who, date: f.date(res.resolvedOn), amount: f.amount(res.payoutOre), reason: res.reason })
        : f.t('pay.formal', { who, date: f.date(res.resolvedOn), reference: res.vedtakReference, notice: f.date(res.advanceNoticeDate) }),
    );
  }
  if (steps.paidBeforeOre !== null) {
    lines.push(
      f.t('pay.paidBefore', { amount: f.amount(steps.paidBeforeOre) }),
      f.t('pay.correctionResult', { route: routeName(steps), amount: f.amount(Math.max(steps.backPaymentOre, steps.toAdviserOre)), month: payingMonth(f, ctx.correction!) }),
    );
    return lines;
  }
  for (const b of ctx.backPayments ?? []) {
    lines.push(f.t('pay.backPayment', { month: f.monthYear(b.period), amount: f.amount(b.amountOre), reason: b.reason }));
    for (const day of b.days) {
      const args = { before: f.amount(day.beforeOre), after: f.amount(day.afterOre) };
      lines.push(day.date === 'BASE' ? f.t('pay.backPaymentBase', args) : f.t('pay.backPaymentDay', { ...args, date: f.date(day.date) }));
    }
  }
  lines.push(
    f.t('pay.total', {
      withEarlier: yesNo(steps.earlierMonthsOre > 0),
      month: f.monthYear(d.period),
      due: f.amount(steps.dueOre),
      earlier: f.amount(steps.earlierMonthsOre),
      total: f.amount(steps.paidOre),
    }),
  );
  return lines;
}

function lineText(f: LanguageFormatter, d: DecisionCore, l: DecisionLine): string {
  return f.t(`calc.line.${l.kind}`, {
    date: f.date(l.date),
    // Unpaid-leave lines are calendar days without minutes; their message shows no duration.
    duration: f.duration(l.minutes ?? 0),
    reason: reasonText(f, d, l.reasonCode),
    amount: f.amount(l.amountOre),
    // An unpaid-leave line is one D, or what is left of the base, which may be nothing (benefit-rules.md §3).
    share: l.amountOre === 0 - d.rates.dailyOre ? 'day' : l.amountOre === 0 ? 'none' : 'rest',
  });
}

function correctionBlock(f: LanguageFormatter, c: CorrectionContext, steps: PayoutSteps): string[] {
  const lines = [f.t('correction.replaces', { reason: c.reason })];
  for (const day of c.days) {
    const args = { reason: c.reason, before: f.amount(day.beforeOre), after: f.amount(day.afterOre) };
    lines.push(day.date === 'BASE' ? f.t('correction.base', args) : f.t('correction.day', { ...args, date: f.date(day.date) }));
  }
  if (c.previousPayoutOre !== undefined) lines.push(f.t('correction.amounts', { before: f.amount(c.previousPayoutOre), after: f.amount(steps.computedOre) }));
  // A paid month corrected: the payment block below goes on from what was paid.
  if (steps.paidBeforeOre === null) lines.push(correctionTotal(f, c, steps));
  return lines;
}

/* 4. Rules ------------------------------------------------------------------ */

function rules({ f, d, totals }: Render): ExplanationLayer {
  const item = (rule: string, source: string) => f.t('rules.item', { rule, source });
  const lines = [f.memo(['rules.item', 'RATES'], () => item(f.t('rule.RATES', ruleArgs(d)), f.s('source.IL-20')))];
  if (!d.base.fullMonth) {
    const proration = d.base.proration;
    lines.push(f.memo(['rules.item', 'PRORATION', proration], () => item(f.t('rule.PRORATION', { proration }), f.s('source.POLICY-PRORATION'))));
  }
  for (const code of REASON_CODES) {
    const rule = totals.rules.get(code);
    if (rule !== undefined) {
      const key = ruleKey('rules.item', d, code);
      key.push(rule);
      lines.push(f.memo(key, () => item(f.t(`rule.${code}`, ruleArgs(d)), f.s(`source.${rule}`))));
    }
  }
  if (totals.rules.size === 0) lines.push(f.s('rules.noDeductions'));
  return { title: f.s('rules.title'), lines };
}

/* 5. What would change it --------------------------------------------------- */

function hints({ f, d, totals, year }: Render): ExplanationLayer {
  const lines: string[] = [];
  for (const h of d.hints) {
    switch (h.code) {
      case 'DOCUMENT_WOULD_PAY_BACK':
      case 'PENDING_PAID_PROVISIONALLY':
        lines.push(
          f.t(`hint.${h.code}`, {
            documentation: h.documentation,
            dates: f.dates(h.dates, year),
            deadline: f.dateIn(h.deadline, year),
            amount: f.amount(h.amountOre),
          }),
        );
        break;
      case 'DOCTOR_NOTE_WOULD_PAY':
        lines.push(f.t('hint.DOCTOR_NOTE_WOULD_PAY', { category: h.category, dates: f.dates(h.dates, year), amount: f.amount(h.amountOre) }));
        break;
      case 'G_NOT_YET_REGULATED':
        lines.push(f.t('hint.G_NOT_YET_REGULATED', { from: f.date(h.gEffectiveFrom) }));
        break;
    }
  }
  if (totals.noReasonGiven) lines.push(f.s('hint.noReason'));
  if (lines.length === 0) lines.push(f.s('hint.none'));
  const c = d.counters;
  lines.push(
    f.memo(['counter.selfCert', c.selfCertEpisodes12m, c.selfCertEpisodeQuota], () =>
      f.t('counter.selfCert', { used: c.selfCertEpisodes12m, quota: c.selfCertEpisodeQuota }),
    ),
    f.memo(['counter.childIllness', c.childIllnessDays12m, c.childIllnessDayQuota], () =>
      f.t('counter.childIllness', { used: c.childIllnessDays12m, quota: c.childIllnessDayQuota }),
    ),
  );
  return { title: f.s('hints.title'), lines };
}

/* 6. Who and how ------------------------------------------------------------ */

function who({ f, d, ctx, totals }: Render): ExplanationLayer {
  const rf = d.reviewFacts;
  return {
    title: f.s('who.title'),
    lines: [
      f.s('who.computed'),
      ...(ctx.resolution === undefined
        ? []
        : [f.t('who.resolved', { kind: ctx.resolution.kind, who: roleText(f, 'role.object', ctx.resolution.role), date: f.date(ctx.resolution.resolvedOn) })]),
      ctx.approval === undefined ? f.s('who.awaiting') : f.t('who.approved', { role: ctx.approval.role, date: f.date(ctx.approval.approvedAt) }),
      f.t(`review.${d.review}`, {
        unpaidLeave: yesNo(totals.unpaidLeaveDays > 0),
        // REVIEW without an absence deduction comes from a negative correction (benefit-rules.md §9).
        cause: rf.unexcusedOre > 0 ? 'absence' : 'correction',
        unexcused: f.amount(rf.unexcusedOre),
        payable: f.amount(rf.payableBaseOre),
        paid: yesNo(d.payoutOre > 0),
        g: f.amount(rf.gOre),
      }),
    ],
  };
}

/* 7. Your rights ------------------------------------------------------------ */

function rights({ f, ctx }: Render): ExplanationLayer {
  const contact =
    ctx.contact ?? (ctx.adviserName === undefined ? f.s('rights.defaultContact') : f.t('rights.adviserContact', { name: ctx.adviserName }));
  return {
    title: f.s('rights.title'),
    lines: [
      f.s('rights.access'),
      f.s('rights.heard'),
      f.s('rights.manual'),
      f.s('rights.complain'),
      ctx.complaintAddress === undefined ? f.s('rights.sendTo.unknown') : f.t('rights.sendTo', { address: ctx.complaintAddress }),
      f.s('rights.suspend'),
      f.memo(['rights.contact', contact], () => f.t('rights.contact', { contact })),
      ...(ctx.rightsCases ?? []).map((c) => rightsCaseLine(f, c)),
    ],
  };
}

/* 8. Details ---------------------------------------------------------------- */

/** For whoever checks the decision: versions, decision ids and the legal references the other layers leave out. */
function details({ f, d, ctx }: Render): ExplanationLayer {
  const lines = [
    f.memo(['details.versions', d.rulesetVersion, d.policyVersion], () =>
      f.t('details.versions', { ruleset: d.rulesetVersion, policy: d.policyVersion, template: TEMPLATE_VERSION }),
    ),
  ];
  if (ctx.correction !== undefined) lines.push(f.t('details.replaces', { decisionId: ctx.correction.supersedesDecisionId }));
  for (const b of ctx.backPayments ?? [])
    lines.push(f.t('details.backPayment', { month: f.monthYear(b.period), decisionId: b.decisionId, supersedes: b.supersedesDecisionId }));
  if (d.review === 'VEDTAK_REQUIRED' || ctx.resolution?.kind === 'FORMAL_DECISION') lines.push(f.s('details.law.vedtak'));
  lines.push(f.s('details.law.rights'), f.s('details.law.explanation'));
  return { title: f.s('details.title'), lines };
}

/** One line per correction request or complaint about the month (issue 12). */
function rightsCaseLine(f: LanguageFormatter, c: RightsCaseNote): string {
  const filed = f.date(c.filedOn);
  const answered = c.answeredOn === null ? '' : f.date(c.answeredOn);
  if (c.kind === 'CORRECTION_REQUEST') return f.t('rightsCase.request', { step: c.step, filed, answered });
  return f.t('rightsCase.complaint', { step: c.step, filed, answered, late: c.late ? 'yes' : 'no', outcome: c.outcome ?? 'none' });
}

/* Entry points -------------------------------------------------------------- */

/** The explanation split per layer, for the web page. Throws ExplanationError on bad input. */
export function renderLayers(decision: DecisionCore, lang: string, ctx: ExplanationContext = {}): ExplanationLayers {
  const f = formatterFor(lang);
  checkInput(decision, ctx);
  const withSteps = ctx.resolution !== undefined || (ctx.backPayments?.length ?? 0) > 0 || ctx.correction?.paidBeforeOre !== undefined;
  const r: Render = { f, d: decision, ctx, totals: totalsOf(decision), steps: stepsOf(decision, ctx), withSteps, year: decision.period.slice(0, 4) };
  return {
    summary: summary(r),
    calendar: calendar(r),
    calculation: calculation(r),
    rules: rules(r),
    hints: hints(r),
    who: who(r),
    rights: rights(r),
    details: details(r),
  };
}

/** The full text: every layer in order, each opened by `## title`, a blank line between layers. */
export function renderExplanation(decision: DecisionCore, lang: string, ctx?: ExplanationContext): string {
  const layers = renderLayers(decision, lang, ctx);
  // Appended line by line and flattened once at the end: `lines.join('\n')`
  // per layer cost ten times as much here (some 60 lines of mixed one- and
  // two-byte text per explanation) and was a quarter of the render time.
  let text = '';
  for (const name of LAYER_ORDER) {
    const layer = layers[name];
    text += (text === '' ? '## ' : '\n\n## ') + layer.title;
    for (const line of layer.lines) text += '\n' + line;
  }
  text.charCodeAt(0);
  return text;
}
