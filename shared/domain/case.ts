/**
 * The engine's input: one participant's month (case-format.md). Strict:
 * unknown fields are rejected, and every error names its field.
 */
import * as z from 'zod';
import { isValidIsoDate, monthInfo } from './calendar.js';
import { ABSENCE_STATUSES, CATEGORIES, DOCUMENTATION } from './decision.js';
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
