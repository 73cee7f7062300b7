/**
 * The engine's input: one participant's month (case-format.md). Strict:
 * unknown fields are rejected, and every error names its field.
 */
import * as z from 'zod';
import type { DateRange } from './calendar.js';
import { isValidIsoDate, monthInfo } from './calendar.js';
import { ABSENCE_STATUSES, CATEGORIES, DOCUMENTATION } from './decision.js';
import type { Policy } from './policy.js';
import { policySchema } from './policy.js';

const isoDate = z
  .string()
  .refine(isValidIsoDate, { message: 'must be a calendar date YYYY-MM-DD' });

const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month YYYY-MM' });

const range = z
  .strictObject({ from: isoDate, to: isoDate.nullable() })
  .refine((r) => r.to === null || r.from <= r.to, { message: '`to` is before `from`', path: ['to'] });

const minutes = z.number().int().min(0).max(1440);

export const absenceSchema = z.strictObject({
  date: isoDate,
  minutes: minutes.min(1),
  category: z.enum(CATEGORIES),
  documentation: z.enum(DOCUMENTATION),
  status: z.enum(ABSENCE_STATUSES),
});

export const daySchema = z.strictObject({
  date: isoDate,
  // A listed programme day with no planned minutes is an input error (benefit-rules.md §4, DAILY).
  plannedMinutes: minutes.min(1),
  presentMinutes: minutes,
});

export const caseSchema = z
  .strictObject({
    caseVersion: z.literal(1),
    period,
    computedAt: isoDate,
    municipality: z.strictObject({
      code: z.string().regex(/^\d{4}$/, { message: 'must be a four-digit municipality number' }),
      policy: policySchema.default(policySchema.parse({})),
    }),
    participant: z.strictObject({
      id: z.string().min(1).max(64),
      birthDate: isoDate,
      regime: z.enum(['integreringsloven', 'introduksjonsloven']).default('integreringsloven'),
      livesWithParent: z.boolean().default(false),
      coupleReduction: z.boolean().default(false),
      children: z.number().int().min(0).max(30).default(0),
      soleCarer: z.boolean().default(false),
      programStart: isoDate,
      enrolments: z.array(range).max(50),
      unpaidLeave: z.array(range).max(400).default([]),
    }),
    days: z.array(daySchema).max(31),
    absences: z.array(absenceSchema).max(500),
    history: z.strictObject({ absences: z.array(absenceSchema).max(5000) }).default({ absences: [] }),
  })
  .superRefine((c, ctx) => {
    const m = monthInfo(c.period);
    const seen = new Set<string>();
    c.days.forEach((d, i) => {
      if (d.date < m.first || d.date > m.last)
        ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: `is outside the period ${c.period}` });
      if (seen.has(d.date)) ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: `${d.date} is listed twice` });
      seen.add(d.date);
    });
    c.absences.forEach((a, i) => {
      if (a.date < m.first || a.date > m.last)
        ctx.addIssue({ code: 'custom', path: ['absences', i, 'date'], message: `must be inside the period ${c.period}` });
    });
    c.history.absences.forEach((a, i) => {
      if (a.date >= m.first)
        ctx.addIssue({ code: 'custom', path: ['history', 'absences', i, 'date'], message: `must be before the period ${c.period}` });
    });
    if (c.participant.birthDate > m.last)
      ctx.addIssue({ code: 'custom', path: ['participant', 'birthDate'], message: 'is after the period' });
  });

export type Case = z.output<typeof caseSchema>;
export type CaseInput = z.input<typeof caseSchema>;
export type Absence = z.output<typeof absenceSchema>;
export type ScheduledDay = z.output<typeof daySchema>;

export interface CaseIssue {
  path: string;
  message: string;
}

/** A case that cannot be computed: every issue names its field. */
export class CaseError extends Error {
  readonly code: string;
  readonly issues: CaseIssue[];
  constructor(code: string, issues: CaseIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    this.name = 'CaseError';
    this.code = code;
    this.issues = issues;
  }
}

function pathString(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc === '' ? String(p) : `${acc}.${String(p)}`),
    '',
  );
}

/** Parses and validates a case; throws CaseError naming each bad field. */
export function parseCase(input: unknown): Case {
  const r = caseSchema.safeParse(input);
  if (r.success) return r.data;
  throw new CaseError('INVALID_CASE', r.error.issues.flatMap(toIssues));
}

function toIssues(i: z.core.$ZodIssue): CaseIssue[] {
  if (i.code === 'unrecognized_keys')
    return i.keys.map((k) => ({ path: pathString([...i.path, k]), message: 'unknown field' }));
  return [{ path: pathString(i.path) || '(root)', message: i.message }];
}

/* ---------------------------------------------------------------------------
 * Cases the system builds itself (schedule/build-case.ts, the payroll
 * workflow): already typed, so the schema's checks are done by hand in one
 * pass (the zod parse was most of a payroll participant's CPU time, quality.md
 * P1). Every check of `caseSchema` is made here too; anything that fails one
 * goes through `parseCase`, so the error names the field exactly as the schema
 * does, and the output of a valid case is the schema's, defaults included (a
 * unit test compares the two byte for byte on golden, generated and broken
 * cases). External input (simulate files, the what-if API) keeps `parseCase`.
 * ------------------------------------------------------------------------- */

const DEFAULT_POLICY = policySchema.parse({});

/** True when `o` is a plain object with no key outside `keys`: what a strict object accepts. */
function strictKeys(o: unknown, keys: ReadonlySet<string>): o is Record<string, unknown> {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return false;
  for (const k of Object.keys(o)) if (!keys.has(k)) return false;
  return true;
}

/** A field with a default: only a missing one (undefined) takes it; null is a value the check then rejects. */
const orDefault = (v: unknown, d: unknown): unknown => (v === undefined ? d : v);
const isDate = (v: unknown): v is string => typeof v === 'string' && isValidIsoDate(v);
const isInt = (v: unknown, min: number, max: number): v is number => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;
const oneOf = <T extends string>(values: readonly T[]) => (v: unknown): v is T => values.includes(v as T);
const isCategory = oneOf(CATEGORIES);
const isDocumentation = oneOf(DOCUMENTATION);
const isStatus = oneOf(ABSENCE_STATUSES);
const isRegime = oneOf(['integreringsloven', 'introduksjonsloven'] as const);
const isUnit = oneOf(['HOURLY', 'DAILY'] as const);
const isProration = oneOf(['P1', 'P3'] as const);
const isPending = oneOf(['WITHHOLD', 'PAY'] as const);

const keysOf = (shape: object) => new Set(Object.keys(shape));
const CASE_KEYS = keysOf(caseSchema.shape);
const MUNICIPALITY_KEYS = keysOf(caseSchema.shape.municipality.shape);
const POLICY_KEYS = keysOf(policySchema.shape);
const PARTICIPANT_KEYS = keysOf(caseSchema.shape.participant.shape);
const HISTORY_KEYS = keysOf(caseSchema.shape.history.unwrap().shape);
const RANGE_KEYS = new Set(['from', 'to']);
const DAY_KEYS = keysOf(daySchema.shape);
const ABSENCE_KEYS = keysOf(absenceSchema.shape);
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const MUNICIPALITY_CODE = /^\d{4}$/;

function rangesOf(v: unknown, max: number): DateRange[] | undefined {
  if (!Array.isArray(v) || v.length > max) return undefined;
  const out: DateRange[] = [];
  for (const r of v as unknown[]) {
    if (!strictKeys(r, RANGE_KEYS) || !isDate(r.from) || !(r.to === null || (isDate(r.to) && r.from <= r.to))) return undefined;
    out.push({ from: r.from, to: r.to });
  }
  return out;
}

/** The absences when each passes the schema and `dated` accepts its date; undefined otherwise. */
function absencesOf(v: unknown, max: number, dated: (date: string) => boolean): Absence[] | undefined {
  if (!Array.isArray(v) || v.length > max) return undefined;
  const out: Absence[] = [];
  for (const a of v as unknown[]) {
    if (
      !(
        strictKeys(a, ABSENCE_KEYS) &&
        isDate(a.date) &&
        dated(a.date) &&
        isInt(a.minutes, 1, 1440) &&
        isCategory(a.category) &&
        isDocumentation(a.documentation) &&
        isStatus(a.status)
      )
    )
      return undefined;
    out.push({ date: a.date, minutes: a.minutes, category: a.category, documentation: a.documentation, status: a.status });
  }
  return out;
}

function daysOf(v: unknown, first: string, last: string): ScheduledDay[] | undefined {
  if (!Array.isArray(v) || v.length > 31) return undefined;
  const out: ScheduledDay[] = [];
  const seen = new Set<string>();
  for (const d of v as unknown[]) {
    if (
      !(
        strictKeys(d, DAY_KEYS) &&
        isDate(d.date) &&
        d.date >= first &&
        d.date <= last &&
        !seen.has(d.date) &&
        isInt(d.plannedMinutes, 1, 1440) &&
        isInt(d.presentMinutes, 0, 1440)
      )
    )
      return undefined;
    seen.add(d.date);
    out.push({ date: d.date, plannedMinutes: d.plannedMinutes, presentMinutes: d.presentMinutes });
  }
  return out;
}

function policyOf(v: unknown): Policy | undefined {
  if (v === undefined) return { ...DEFAULT_POLICY };
  if (!strictKeys(v, POLICY_KEYS)) return undefined;
  const p = {
    deductionUnit: orDefault(v.deductionUnit, DEFAULT_POLICY.deductionUnit),
    proration: orDefault(v.proration, DEFAULT_POLICY.proration),
    pending: orDefault(v.pending, DEFAULT_POLICY.pending),
    documentationDeadlineDays: orDefault(v.documentationDeadlineDays, DEFAULT_POLICY.documentationDeadlineDays),
    // null is a value here (no cap).
    welfareLeaveDaysPer12Months: orDefault(v.welfareLeaveDaysPer12Months, DEFAULT_POLICY.welfareLeaveDaysPer12Months),
  };
  const ok =
    isUnit(p.deductionUnit) &&
    isProration(p.proration) &&
    isPending(p.pending) &&
    isInt(p.documentationDeadlineDays, 0, 365) &&
    (p.welfareLeaveDaysPer12Months === null || isInt(p.welfareLeaveDaysPer12Months, 0, 366));
  return ok ? (p as Policy) : undefined;
}

function participantOf(v: unknown, last: string): Case['participant'] | undefined {
  if (!strictKeys(v, PARTICIPANT_KEYS)) return undefined;
  const p = {
    id: v.id,
    birthDate: v.birthDate,
    regime: orDefault(v.regime, 'integreringsloven'),
    livesWithParent: orDefault(v.livesWithParent, false),
    coupleReduction: orDefault(v.coupleReduction, false),
    children: orDefault(v.children, 0),
    soleCarer: orDefault(v.soleCarer, false),
    programStart: v.programStart,
    enrolments: rangesOf(v.enrolments, 50),
    unpaidLeave: rangesOf(orDefault(v.unpaidLeave, []), 400),
  };
  const ok =
    typeof p.id === 'string' &&
    p.id.length >= 1 &&
    p.id.length <= 64 &&
    isDate(p.birthDate) &&
    p.birthDate <= last &&
    isRegime(p.regime) &&
    typeof p.livesWithParent === 'boolean' &&
    typeof p.coupleReduction === 'boolean' &&
    isInt(p.children, 0, 30) &&
    typeof p.soleCarer === 'boolean' &&
    isDate(p.programStart) &&
    p.enrolments !== undefined &&
    p.unpaidLeave !== undefined;
  return ok ? (p as Case['participant']) : undefined;
}

/** The case when it passes every check of the schema (same output as parseCase); undefined when parseCase must say what is wrong. */
export function checkedByHand(input: unknown): Case | undefined {
  if (!strictKeys(input, CASE_KEYS) || input.caseVersion !== 1 || typeof input.period !== 'string' || !PERIOD.test(input.period) || !isDate(input.computedAt))
    return undefined;
  const m = monthInfo(input.period);
  const mun = input.municipality;
  if (!strictKeys(mun, MUNICIPALITY_KEYS) || typeof mun.code !== 'string' || !MUNICIPALITY_CODE.test(mun.code)) return undefined;
  const policy = policyOf(mun.policy);
  const participant = participantOf(input.participant, m.last);
  const days = daysOf(input.days, m.first, m.last);
  const absences = absencesOf(input.absences, 500, (d) => d >= m.first && d <= m.last);
  const history = orDefault(input.history, { absences: [] });
  if (!strictKeys(history, HISTORY_KEYS)) return undefined;
  const historyAbsences = absencesOf(history.absences, 5000, (d) => d < m.first);
  if (policy === undefined || participant === undefined || days === undefined || absences === undefined || historyAbsences === undefined) return undefined;
  return {
    caseVersion: 1,
    period: input.period,
    computedAt: input.computedAt,
    municipality: { code: mun.code, policy },
    participant,
    days,
    absences,
    history: { absences: historyAbsences },
  };
}

/** A case built by the system from stored records: the same checks and output as `parseCase`, made by hand (see above). */
export function caseOf(input: CaseInput): Case {
  return checkedByHand(input) ?? parseCase(input);
}
