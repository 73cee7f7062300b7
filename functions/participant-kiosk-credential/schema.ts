/**
 * PUT /participants/{id}/kiosk-credential (adviser, assigned only): issue a
 * kiosk card and/or QR token and set the participant's PIN. The card number
 * and QR token have the format the kiosk sends (functions/checkin-record).
 */
import * as z from 'zod';
import { kioskCredentialSchema } from '../checkin-record/schema.js';
import { participantPathSchema } from '../../shared/http/staff-access.js';

export { participantPathSchema };

/**
 * PINs anyone would try first are refused: one digit repeated (0000) and
 * straight runs up or down (1234, 9876). The lockout (checkin-record
 * identify.ts) limits guessing; this keeps the first guesses from working.
 */
export function guessablePin(pin: string): boolean {
  const d = [...pin].map(Number);
  const steps = new Set(d.slice(1).map((x, i) => x - d[i]!));
  return steps.size === 1 && [0, 1, -1].includes([...steps][0]!);
}

export const kioskCredentialBodySchema = z
  .strictObject({
    /** A new card: replaces the participant's old card (a lost card stops working). */
    cardNumber: kioskCredentialSchema.shape.cardNumber,
    /** A new QR token: replaces the old one. */
    qrToken: kioskCredentialSchema.shape.qrToken,
    /** The one PIN for all of the participant's kiosk credentials; stored only as a salted scrypt hash. */
    pin: kioskCredentialSchema.shape.pin.refine((p) => !guessablePin(p), { message: 'is too easy to guess (repeated digits or a straight run)' }),
  });

export type KioskCredentialBody = z.output<typeof kioskCredentialBodySchema>;
