/**
 * PUT /participants/{id}/attendance/{date} (adviser, assigned): correct a
 * participant's past day with a reason (shared/domain/attendance/day-correction.ts).
 *
 *   { "present": [{ "from": "08:30", "to": "11:30" }], "reason": "…", "expectedVersion": 0 }
 *
 * `present`: the day's present time (Europe/Oslo wall clock), sorted, not
 * overlapping; [] not there at all; null withdraws the correction (the
 * check-ins count again). `expectedVersion`: the version of the day's
 * correction the adviser saw, 0 for none (stale → 409 CORRECTION_CHANGED).
 */
import * as z from 'zod';
import { isValidIsoDate } from '../../domain/calendar.js';
import { participantPathSchema } from '../../http/staff-access.js';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

const interval = z
  .strictObject({
    from: z.string().regex(HH_MM, { message: 'must be a local time HH:MM' }),
    to: z.string().regex(HH_MM, { message: 'must be a local time HH:MM' }),
  })
  .refine((i) => i.from < i.to, { message: '`to` must be after `from`', path: ['to'] });

export const dayPathSchema = participantPathSchema.extend({
  date: z.string().refine(isValidIsoDate, { message: 'must be a calendar date YYYY-MM-DD' }),
});

export const correctionBodySchema = z.strictObject({
  present: z
    .array(interval)
    .max(12)
    .nullable()
    .superRefine((list, ctx) => {
      list?.forEach((p, i) => {
        const before = list[i - 1];
        if (before !== undefined && p.from < before.to) ctx.addIssue({ code: 'custom', path: [i, 'from'], message: 'intervals must be in order and must not overlap' });
      });
    }),
  /** Why: shown to the participant with the corrected day, and kept with every version. */
  reason: z
    .string({ error: 'a reason is required' })
    .trim()
    .min(3, { message: 'a reason is required (at least 3 characters)' })
    .max(500)
    .regex(/^[^\p{C}]+$/u, { message: 'must not contain control characters' }),
  expectedVersion: z.number({ error: 'the version of the day you saw is required (0 when it has no correction)' }).int().min(0).max(9999),
});

export type CorrectionBody = z.output<typeof correctionBodySchema>;
