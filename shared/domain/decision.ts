/**
 * The engine's output: one participant, one calendar month.
 * Contract: ../shared/spec/case-format.md "Output (the decision)". Field names
 * listed there are stable; the others are added for the explanation layers
 * (explanations.md) and the pages.
 */

export const REASON_CODES = [
  'NO_REASON_GIVEN',
  'REJECTED',
  'NO_DOCUMENTATION',
  'SELF_CERT_BEFORE_8_WEEKS',
  'SELF_CERT_EPISODE_OVER_3_DAYS',
  'SELF_CERT_QUOTA_EXHAUSTED',
  'CHILD_ILLNESS_NEEDS_DOCTOR_NOTE',
  'CHILD_ILLNESS_QUOTA_EXHAUSTED',
  'LEAVE_CAP_EXCEEDED',
  'DOCUMENT_DEADLINE_PASSED',
  'DOCUMENT_PENDING',
  'UNPAID_LEAVE',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** Reason codes of kind UNEXCUSED_ABSENCE (benefit-rules.md 7b). */
export type UnexcusedReason = Exclude<ReasonCode, 'DOCUMENT_PENDING' | 'UNPAID_LEAVE'>;

export const LINE_KINDS = ['UNEXCUSED_ABSENCE', 'WITHHELD_PENDING', 'UNPAID_LEAVE', 'CORRECTION'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export const CATEGORIES = [
  'OWN_ILLNESS',
  'CHILD_ILLNESS',
  'WELFARE_LEAVE',
  'VACATION',
  'PREGNANCY',
  'BIRTH_MOTHER',
  'BIRTH_FATHER',
  'UNPAID_LEAVE',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const DOCUMENTATION = ['SELF_CERTIFICATION', 'DOCTOR_NOTE', 'NONE'] as const;
export type Documentation = (typeof DOCUMENTATION)[number];

export const ABSENCE_STATUSES = ['APPROVED', 'PENDING', 'REJECTED'] as const;
export type AbsenceStatus = (typeof ABSENCE_STATUSES)[number];

export type ReviewClass = 'AUTOMATIC' | 'REVIEW' | 'VEDTAK_REQUIRED';

/** Legal reference of a rule, used by the "Rules" layer of the explanation. */
export type RuleId =
  | 'IL-20' // rates and factor
  | 'IL-21' // unexcused absence reduces the benefit
  | 'IF-SELF-CERT' // egenmelding, own illness
  | 'IF-CHILD-ILLNESS' // barns sykdom
  | 'IF-LEAVE' // permisjon: welfare, vacation, pregnancy, birth
  | 'POLICY-PENDING' // municipal policy on pending documents
  | 'IL-UNPAID-LEAVE'; // omsorgspermisjon / unpaid leave by decision

export interface DecisionLine {
  date: string;
  kind: LineKind;
  /** Absent for UNPAID_LEAVE lines (calendar days, not minutes). */
  minutes?: number;
  amountOre: number;
  provisional: boolean;
  rule: RuleId;
  reasonCode: ReasonCode;
}

export interface Rates {
  gOre: number;
  gEffectiveFrom: string;
  /** True when the month is past the latest G's year (hint G_NOT_YET_REGULATED). */
  gProvisional: boolean;
  /** Exact fraction string: "1", "2/3", "1/3", "5/6", "5/9", "5/18". */
  factor: string;
  /** Display values, rounded half up; computations use exact fractions. */
  annualOre: number;
  monthlyOre: number;
  dailyOre: number;
  hourlyOre: number;
}

/** The facts behind the factor f (IL § 20), as they stood on the 1st of the month. */
export interface FactorFacts {
  ageOnFirstOfMonth: number;
  under25: boolean;
  regime: 'integreringsloven' | 'introduksjonsloven';
  livesWithParent: boolean;
  coupleReduction: boolean;
}

export interface BaseFacts {
  daysInMonth: number;
  enrolledDays: number;
  fullMonth: boolean;
  proration: 'P1' | 'P3';
}

/** How one covered (or uncovered) portion of a programme day was judged. */
export type SegmentOutcome = 'EXCUSED' | 'UNEXCUSED' | 'WITHHELD' | 'PAID_PROVISIONALLY';

export interface DaySegment {
  minutes: number;
  outcome: SegmentOutcome;
  /** Absent for minutes no record covers (NO_REASON_GIVEN). */
  category?: Category;
  documentation?: Documentation;
  /** Present for UNEXCUSED and WITHHELD segments. */
  reasonCode?: ReasonCode;
}

/**
 * Day status for the calendar layer. PRESENT: no missing minutes. The others
 * name the "worst" outcome of the day: UNEXCUSED > WITHHELD > EXCUSED.
 */
export type DayStatus = 'PRESENT' | 'EXCUSED' | 'UNEXCUSED' | 'WITHHELD' | 'UNPAID_LEAVE' | 'NOT_ENROLLED';

export interface CalendarDay {
  date: string;
  plannedMinutes: number;
  presentMinutes: number;
  status: DayStatus;
  segments: DaySegment[];
}

export type Hint =
  | {
      /** A pending document (policy WITHHOLD) that, once approved by the deadline, pays back the amount. */
      code: 'DOCUMENT_WOULD_PAY_BACK';
      dates: string[];
      category: Category;
      documentation: Documentation;
      deadline: string;
      amountOre: number;
    }
  | {
      /** A pending document (policy PAY): paid now; deducted on recomputation if not approved by the deadline. */
      code: 'PENDING_PAID_PROVISIONALLY';
      dates: string[];
      category: Category;
      documentation: Documentation;
      deadline: string;
      amountOre: number;
    }
  | {
      /** Own illness refused under the self-certification rules: a doctor's note would pay it. */
      code: 'DOCTOR_NOTE_WOULD_PAY';
      dates: string[];
      category: Category;
      amountOre: number;
    }
  | {
      /** The month is past the latest G's year; the new G will be paid as a difference. */
      code: 'G_NOT_YET_REGULATED';
      gEffectiveFrom: string;
    };
export type HintCode = Hint['code'];

export type WarningCode =
  | 'ABSENCE_MINUTES_EXCEED_MISSING'
  | 'ABSENCE_IGNORED_NO_MISSING_MINUTES'
  | 'ABSENCE_IGNORED_NOT_PROGRAMME_DAY'
  | 'ABSENCE_IGNORED_NOT_ENROLLED'
  | 'ABSENCE_IGNORED_UNPAID_LEAVE'
  | 'ABSENCE_IGNORED_UNPAID_LEAVE_CATEGORY';

export interface EngineWarning {
  code: WarningCode;
  date: string;
  /** Index of the record in the case's `absences` array. */
  absenceIndex: number;
  /** Minutes ignored. */
  minutes: number;
}

export interface Counters {
  selfCertEpisodes12m: number;
  childIllnessDays12m: number;
  selfCertEpisodeQuota: number;
  childIllnessDayQuota: number;
}

export interface ReviewFacts {
  /** Σ unexcused and withheld lines, positive øre. */
  unexcusedOre: number;
  /** baseOre less the unpaid-leave lines. */
  payableBaseOre: number;
  gOre: number;
}

export interface DecisionCore {
  participantId: string;
  period: string;
  computedAt: string;
  municipalityCode: string;
  rulesetVersion: string;
  /**
   * Ids of the dated parameter values in force for the month (`g@2026-05-01`,
   * `selfCertification.waitingDays@2021-01-01`, …; rules/parameters.ts).
   * Absent on decisions stored before the values were dated: read it with
   * parameterValuesOf (ruleset.ts), which knows what those used.
   */
  parameterValues?: string[];
  policyVersion: string;
  templateVersion: string;
  inputHash: string;
  rates: Rates;
  factorFacts: FactorFacts;
  base: BaseFacts;
  baseOre: number;
  lines: DecisionLine[];
  deductionOre: number;
  payoutOre: number;
  review: ReviewClass;
  reviewFacts: ReviewFacts;
  counters: Counters;
  hints: Hint[];
  calendar: CalendarDay[];
  warnings: EngineWarning[];
  policy: { deductionUnit: 'HOURLY' | 'DAILY'; proration: 'P1' | 'P3'; pending: 'WITHHOLD' | 'PAY'; documentationDeadlineDays: number };
}

export type Language = string;

export interface Decision extends DecisionCore {
  explanation: Record<Language, string>;
}
