/**
 * PUT /decisions/{participantId}/{period}/resolution (adviser): the resolution
 * of a VEDTAK_REQUIRED decision version (shared/domain/payroll/resolution.ts).
 */
import * as z from 'zod';
import { isValidIsoDate } from '../../shared/domain/calendar.js';
import { ONE_LINE_TEXT } from '../../shared/domain/explanation/render.js';
import { participantIdSchema, periodSchema } from '../../shared/features/decisions/period-schema.js';

export const resolutionPathSchema = z.strictObject({ participantId: participantIdSchema, period: periodSchema });

const version = z.number().int().min(1).max(9999);

export const resolutionBodySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('FORMAL_DECISION'),
    /** The decision version the adviser resolves (a newer one: 409 DECISION_SUPERSEDED). */
    version,
    /** The case system's reference of the enkeltvedtak, e.g. "2026/1234-5". */
    vedtakReference: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[\p{L}\p{N} ./_-]+$/u, { message: 'letters, digits, space and . / _ - only' }),
    advanceNoticeDate: z.string().refine(isValidIsoDate, { message: 'must be a calendar date YYYY-MM-DD' }),
  }),
  z.strictObject({
    kind: z.literal('ADJUSTMENT'),
    version,
    /** The payout decided by the adviser, in øre. */
    payoutOre: z.number().int().min(0).max(100_000_000),
    /** Shown to the participant, in their explanation, as one line. Not for health details. */
    reason: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .regex(ONE_LINE_TEXT, { message: 'one line of text: no line breaks, control or text-direction characters' }),
  }),
]);

export type ResolutionBody = z.output<typeof resolutionBodySchema>;
