/**
 * PATCH /participants/{id} (adviser, assigned only): change the facts the
 * rules read. Only the facts given change; `expectedVersion` is the version
 * the adviser read (stale → 409 PARTICIPANT_CHANGED). Strict: names, national
 * id, municipality, payrollRef, schedule (its own route) and unknown fields
 * are 400 UNKNOWN_FIELD, never stored (S2).
 */
import * as z from 'zod';
import { FACT_KEYS } from '../../shared/domain/participant-facts.js';
import { participantPathSchema } from '../../shared/http/staff-access.js';
import { factFields } from '../../shared/features/participants/register-schema.js';

export { participantPathSchema };

export const updateSchema = z
  .strictObject({
    expectedVersion: z.number().int().min(1).max(1_000_000_000),
    /**
     * The 1st of the month the change applies from, or null for a correction
     * that applies to every month. Omitted: see `defaultEffectiveFrom`.
     */
    effectiveFrom: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])-01$/, { message: 'must be the 1st of a month, YYYY-MM-01' })
      .nullable()
      .optional(),
    birthDate: factFields.birthDate.optional(),
    regime: factFields.regime.optional(),
    livesWithParent: factFields.livesWithParent.optional(),
    coupleReduction: factFields.coupleReduction.optional(),
    children: factFields.children.optional(),
    soleCarer: factFields.soleCarer.optional(),
    programStart: factFields.programStart.optional(),
    enrolments: factFields.enrolments.optional(),
    unpaidLeave: factFields.unpaidLeave.optional(),
  })
  .refine((b) => FACT_KEYS.some((k) => b[k] !== undefined), { message: 'name at least one fact to change', path: [] });

export type UpdateBody = z.output<typeof updateSchema>;
