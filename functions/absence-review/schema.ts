/** PATCH /absences/{id} (adviser): approve or reject a document, optionally recording the documentation received. */
// Namespace import (zod 4's advice): lets the bundler drop what is unused (a named `z` import carries all of zod, locales included).
import * as z from 'zod';
import { DOCUMENTATION } from '../../shared/domain/decision.js';

export const absencePathSchema = z.strictObject({ id: z.string().min(1).max(120) });

export const absenceReviewSchema = z
  .strictObject({
    decision: z.enum(['APPROVE', 'REJECT']),
    /** Shown to the participant; required when rejecting. Not for health details. */
    reason: z.string().trim().min(1).max(500).optional(),
    /** e.g. DOCTOR_NOTE once the note is received. */
    documentation: z.enum(DOCUMENTATION).optional(),
    /** The `version` the adviser saw; a newer one means someone changed it meanwhile (409 ABSENCE_CHANGED). */
    expectedVersion: z.number().int().min(1),
  })
  .refine((b) => b.decision !== 'REJECT' || b.reason !== undefined, { message: 'a reason is required when rejecting', path: ['reason'] });

export type AbsenceReview = z.output<typeof absenceReviewSchema>;
