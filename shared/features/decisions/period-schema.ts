/** Path of GET /me/decisions/{period}: a calendar month YYYY-MM. */
import * as z from 'zod';

export const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
export const periodSchema = z.string().regex(PERIOD, { message: 'must be a month YYYY-MM' });
/** Participant ids as the auth claims carry them (shared/http/auth.ts). */
export const participantIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be a participant id' });

export const mePeriodPathSchema = z.strictObject({ period: periodSchema });
