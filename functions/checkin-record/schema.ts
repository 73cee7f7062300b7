/** POST /checkins: a check-in or check-out, from the participant's app or a kiosk. */
// Namespace import (zod 4's advice): lets the bundler drop what is unused (a named `z` import carries all of zod, locales included).
import * as z from 'zod';

const DEVICE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const kioskCredentialSchema = z
  .strictObject({
    cardNumber: z.string().regex(/^[A-Za-z0-9]{4,32}$/, { message: 'must be 4–32 letters or digits' }).optional(),
    qrToken: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, { message: 'must be 16–256 URL-safe characters' }).optional(),
    pin: z.string().regex(/^\d{4,8}$/, { message: 'must be 4–8 digits' }),
  })
  .refine((k) => (k.cardNumber === undefined) !== (k.qrToken === undefined), { message: 'give exactly one of cardNumber and qrToken' });

export const checkinBodySchema = z.strictObject({
  /** Client-generated; the permanent idempotency key of this event. */
  eventId: z.uuid({ message: 'must be a UUID' }),
  type: z.enum(['IN', 'OUT']),
  deviceId: z.string().regex(DEVICE_ID, { message: 'must be 1–64 letters, digits, _ or -' }),
  /** When it happened on the device: ISO 8601 with offset (or Z). */
  deviceTime: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with offset, e.g. 2026-10-01T08:30:00+02:00' }),
  /** Kiosk only: how the participant identified at the kiosk. */
  kiosk: kioskCredentialSchema.optional(),
});

export type CheckinBody = z.output<typeof checkinBodySchema>;

export interface CheckinReceipt {
  receiptId: string;
  eventId: string;
  type: 'IN' | 'OUT';
  participantInitial: string;
  recordedAt: string;
  deviceTime: string;
}
