/**
 * The request bodies and paths of the correction-request and complaint routes
 * (issue 12 items 1–2; shared/contract/routes-rights.ts). Free text is short, has no
 * control characters except line breaks, and is stored only in the case's
 * `text` attribute (shared/adapters/rights-repo.ts).
 */
import * as z from 'zod';
import { isValidIsoDate } from '../../domain/calendar.js';
import { COMPLAINT_OUTCOMES } from '../../domain/rights/complaint.js';
import { participantPathSchema } from '../../http/staff-access.js';

const date = z.string().refine(isValidIsoDate, { message: 'must be a calendar date YYYY-MM-DD' });
const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month YYYY-MM' });

/** The participant's own words: 3–1000 characters, line breaks allowed, no other control characters. */
export const freeText = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(3, { message: `${what} is required (at least 3 characters)` })
    .max(1000, { message: 'at most 1000 characters' })
    .regex(/^(?:[^\p{C}]|\n)+$/u, { message: 'must not contain control characters' });

/** An adviser's reason: shown to the participant. */
const reason = z
  .string({ error: 'a reason is required' })
  .trim()
  .min(3, { message: 'a reason is required (at least 3 characters)' })
  .max(500)
  .regex(/^[^\p{C}]+$/u, { message: 'must not contain control characters' });

const version = z.number({ error: 'the version of the case you saw is required' }).int().min(1).max(9999);

export const CASE_ID = /^(cr|kl)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const casePathSchema = participantPathSchema.extend({
  caseId: z.string().regex(CASE_ID, { message: 'must be a case id' }),
});

export const correctionRequestSchema = z.strictObject({
  /** Client-generated; the same request id is the same request (a retry files nothing new). */
  requestId: z.uuid({ message: 'must be a UUID' }),
  subject: z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('DAY'), date }), z.strictObject({ kind: z.literal('FACT'), period })]),
  text: freeText('a description'),
  /** An absence report of the participant's whose document backs the request (a doctor's note handed in). */
  absenceId: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,100}$/, { message: 'must be an absence id' })
    .optional(),
});
export type CorrectionRequestBody = z.output<typeof correctionRequestSchema>;

export const complaintSchema = z.strictObject({
  requestId: z.uuid({ message: 'must be a UUID' }),
  period,
  text: freeText('the complaint'),
});
export type ComplaintBody = z.output<typeof complaintSchema>;

/** An adviser records a complaint received on paper, with the date it was received. */
export const paperComplaintSchema = complaintSchema.extend({ receivedOn: date });
export type PaperComplaintBody = z.output<typeof paperComplaintSchema>;

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const interval = z
  .strictObject({ from: z.string().regex(HH_MM, { message: 'must be a local time HH:MM' }), to: z.string().regex(HH_MM, { message: 'must be a local time HH:MM' }) })
  .refine((i) => i.from < i.to, { message: '`to` must be after `from`', path: ['to'] });

/** How an accepted request or upheld complaint is carried out. */
export const correctionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('ATTENDANCE'),
    /** The day (a complaint names it; a request's is the day it disputes). */
    date: date.optional(),
    /** As PUT /participants/{id}/attendance/{date}: the day's present time; [] not present. */
    present: z
      .array(interval)
      .max(12)
      .superRefine((list, ctx) => {
        list.forEach((p, i) => {
          const before = list[i - 1];
          if (before !== undefined && p.from < before.to) ctx.addIssue({ code: 'custom', path: [i, 'from'], message: 'intervals must be in order and must not overlap' });
        });
      }),
    /** The version of the day's correction the adviser saw, 0 for none. */
    expectedVersion: z.number().int().min(0).max(9999),
  }),
  z.strictObject({
    kind: z.literal('FACT'),
    /** The participant's profile version the adviser's fact change made (PATCH /participants/{id}). */
    factsVersion: z.number().int().min(1).max(1_000_000_000),
  }),
]);
export type CorrectionInput = z.output<typeof correctionSchema>;

export const answerSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('ACCEPT'), version, reason, correction: correctionSchema }),
  z.strictObject({ action: z.literal('REFUSE'), version, reason }),
]);
export type AnswerBody = z.output<typeof answerSchema>;

export const reassessmentSchema = z.discriminatedUnion('upheld', [
  z.strictObject({ upheld: z.literal(true), version, reason, correction: correctionSchema }),
  z.strictObject({ upheld: z.literal(false), version, reason }),
]);
export type ReassessmentBody = z.output<typeof reassessmentSchema>;

export const outcomeSchema = z.strictObject({
  version,
  outcome: z.enum(COMPLAINT_OUTCOMES),
  decidedOn: date,
  note: z
    .string()
    .trim()
    .max(1000)
    .regex(/^(?:[^\p{C}]|\n)*$/u, { message: 'must not contain control characters' }),
});
export type OutcomeBody = z.output<typeof outcomeSchema>;

export const queueQuerySchema = z.strictObject({ status: z.enum(['OPEN', 'ALL']).optional() });
