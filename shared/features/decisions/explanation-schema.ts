/** GET /me/decisions/{period}/explanation?lang=nb|en */
import * as z from 'zod';
export { mePeriodPathSchema } from './period-schema.js';

/**
 * `lang` is checked against the catalogue in the use case, so an unknown
 * language gets its own stable code (UNKNOWN_LANGUAGE) rather than a generic
 * validation error. Absent: Norwegian bokmål.
 */
export const explanationQuerySchema = z.strictObject({ lang: z.string().max(16).optional() });
