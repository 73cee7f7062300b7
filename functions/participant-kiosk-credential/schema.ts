/**
 * PUT /participants/{id}/kiosk-credential (adviser, assigned only): issue a
 * kiosk card and/or QR token (made by the server at random, shown once) and
 * set the participant's PIN.
 */
import * as z from 'zod';
import { pinSchema } from '../../shared/features/checkin/schema.js';
import { participantPathSchema } from '../../shared/http/staff-access.js';

export { participantPathSchema };

/**
 * PINs anyone would try first are refused: one digit repeated (0000) and
 * straight runs up or down (1234, 9876). The attempt limit (checkin-record
 * identify.ts) limits guessing; this keeps the first guesses from working.
 */
export function guessablePin(pin: string): boolean {
  const d = [...pin].map(Number);
  const steps = new Set(d.slice(1).map((x, i) => x - d[i]!));
  return steps.size === 1 && [0, 1, -1].includes([...steps][0]!);
}

export const kioskCredentialBodySchema = z.strictObject({
  /** Issue a new card: the server makes its number (random, shown once); the old card stops working. */
  issueCard: z.boolean().optional(),
  /** Issue a new QR token (random, shown once); the old one stops working. */
  issueQr: z.boolean().optional(),
  /** The one PIN for all of the participant's kiosk credentials; stored only as a salted scrypt hash. */
  pin: pinSchema.refine((p) => !guessablePin(p), { message: 'is too easy to guess (repeated digits or a straight run)' }),
});

export type KioskCredentialBody = z.output<typeof kioskCredentialBodySchema>;
