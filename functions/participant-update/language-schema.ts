/** PUT /participants/{id}/language (adviser, assigned only): the participant's language for the pages and the kiosk. */
import * as z from 'zod';
import { languageSchema } from '../../shared/features/participants/language-schema.js';
import { participantPathSchema } from '../../shared/http/staff-access.js';

export { participantPathSchema };

export const languageBodySchema = z.strictObject({
  /** The profile version the adviser read (stale → 409 PARTICIPANT_CHANGED). */
  expectedVersion: z.number().int().min(1).max(1_000_000_000),
  language: languageSchema,
});

export type LanguageBody = z.output<typeof languageBodySchema>;
