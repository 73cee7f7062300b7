/**
 * POST /absences: the participant reports own or child illness
 * (self-certification, egenmelding, or a doctor's note to come) or applies
 * for leave. There is no field
 * for a diagnosis or any health detail, and unknown fields are rejected, so
 * none can be stored (architecture.md "Data": no diagnosis is ever stored).
 */
// Namespace import (zod 4's advice): lets the bundler drop what is unused (a named `z` import carries all of zod, locales included).
import * as z from 'zod';
import { isValidIsoDate } from '../../shared/domain/calendar.js';

export const ILLNESS = ['OWN_ILLNESS', 'CHILD_ILLNESS'] as const;
export const LEAVE = ['WELFARE_LEAVE', 'VACATION', 'PREGNANCY', 'BIRTH_MOTHER', 'BIRTH_FATHER'] as const;

export const absenceReportSchema = z
  .strictObject({
    /** Client-generated; the same request id is the same report (idempotent). */
    requestId: z.uuid({ message: 'must be a UUID' }),
    // UNPAID_LEAVE is accepted here only to be refused with its own code (UNPAID_LEAVE_NOT_REPORTABLE, report-absence.ts):
    // benefit-rules.md §4 asks for a 400 with an error code that says why, not a generic validation failure.
    category: z.enum([...ILLNESS, ...LEAVE, 'UNPAID_LEAVE']),
    date: z.string().refine(isValidIsoDate, { message: 'must be a calendar date YYYY-MM-DD' }),
    /** Part of the day, or… */
    minutes: z.number().int().min(1).max(1440).optional(),
    /** …the whole day. */
    wholeDay: z.literal(true).optional(),
    /** Illness only: SELF_CERTIFICATION (default), or DOCTOR_NOTE when a note will be handed in. */
    documentation: z.enum(['SELF_CERTIFICATION', 'DOCTOR_NOTE']).optional(),
  })
  .superRefine((b, ctx) => {
    if ((b.minutes === undefined) === (b.wholeDay === undefined))
      ctx.addIssue({ code: 'custom', path: ['minutes'], message: 'give exactly one of minutes and wholeDay' });
    if (b.documentation !== undefined && !(ILLNESS as readonly string[]).includes(b.category))
      ctx.addIssue({ code: 'custom', path: ['documentation'], message: 'only for OWN_ILLNESS and CHILD_ILLNESS' });
  });

export type AbsenceReport = z.output<typeof absenceReportSchema>;
