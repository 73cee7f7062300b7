/** PUT /decisions/{participantId}/{period}/seen (adviser): a REVIEW decision version was looked at. */
import * as z from 'zod';
import { participantIdSchema, periodSchema } from '../../shared/features/decisions/period-schema.js';

export const seenPathSchema = z.strictObject({ participantId: participantIdSchema, period: periodSchema });

export const seenBodySchema = z.strictObject({
  /** The decision version the adviser looked at (a newer one: 409 DECISION_SUPERSEDED). */
  version: z.number().int().min(1).max(9999),
});

export type SeenBody = z.output<typeof seenBodySchema>;
