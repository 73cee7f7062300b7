/** POST /checkins: a check-in or check-out, from the participant's app or a kiosk. */
// Namespace import (zod 4's advice): lets the bundler drop what is unused (a named `z` import carries all of zod, locales included).
import * as z from 'zod';
import { normalizeCardNumber } from '../../domain/attendance/kiosk-card.js';

const DEVICE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A card number as people type it (hyphens, spaces, lower case are fine), compared in its normalised form. */
export const cardNumberSchema = z
  .string()
  .max(64, { message: 'must be 4–32 letters or digits' })
  .transform(normalizeCardNumber)
  .pipe(z.string().regex(/^[A-Z0-9]{4,32}$/, { message: 'must be 4–32 letters or digits' }));

export const pinSchema = z.string().regex(/^\d{4,8}$/, { message: 'must be 4–8 digits' });

/** Card or QR token + PIN, as a kiosk reads them. */
export const kioskCredentialSchema = z
  .strictObject({
    cardNumber: cardNumberSchema.optional(),
    qrToken: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, { message: 'must be 16–256 URL-safe characters' }).optional(),
    pin: pinSchema,
  })
  .refine((k) => (k.cardNumber === undefined) !== (k.qrToken === undefined), { message: 'give exactly one of cardNumber and qrToken' });

/** What POST /kiosk-identifications returns and a kiosk's check-in then names. */
export const identificationIdSchema = z.string().regex(/^idn-[A-Za-z0-9-]{1,64}$/, { message: 'must be an identification id from POST /kiosk-identifications' });

export const checkinBodySchema = z
  .strictObject({
    /** Client-generated; the permanent idempotency key of this event. */
    eventId: z.uuid({ message: 'must be a UUID' }),
    type: z.enum(['IN', 'OUT']),
    deviceId: z.string().regex(DEVICE_ID, { message: 'must be 1–64 letters, digits, _ or -' }),
    /**
     * When it happened on the device: ISO 8601 with offset (or Z). A kiosk's
     * counts (within the policy window); an app's is only checked against the
     * server's clock, and the event counts at the server's time.
     */
    deviceTime: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with offset, e.g. 2026-10-01T08:30:00+02:00' }),
    /** Kiosk only: card/QR + PIN (a queued tap's replay, or a kiosk that skips the identification step). */
    kiosk: kioskCredentialSchema.optional(),
    /** Kiosk only: the identification the PIN step returned (POST /kiosk-identifications). */
    identification: identificationIdSchema.optional(),
    /** Kiosk only: this tap was queued while offline; if it is refused, the refusal is kept for the adviser. */
    queued: z.boolean().optional(),
  })
  .refine((b) => b.kiosk === undefined || b.identification === undefined, { message: 'give kiosk or identification, not both', path: ['identification'] });

export type CheckinBody = z.output<typeof checkinBodySchema>;

export interface CheckinReceipt {
  receiptId: string;
  eventId: string;
  type: 'IN' | 'OUT';
  participantInitial: string;
  recordedAt: string;
  /** The time the event counts at: the kiosk's device time, or the server's time for an app. */
  deviceTime: string;
}
