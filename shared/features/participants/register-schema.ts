/**
 * POST /participants (adviser): register a participant with the facts the
 * rules need (benefit-rules.md §§ 2–6, case-format.md `participant`).
 * Strict: unknown or privileged fields (participantId, municipality,
 * payrollRef, version, role, …) are 400 UNKNOWN_FIELD and never stored (S2).
 */
import * as z from 'zod';
import { isValidIsoDate } from '../../domain/calendar.js';
import { EMPTY_SCHEDULE, scheduleSchema } from '../../domain/schedule/schedule.js';

export const isoDate = z.string().refine(isValidIsoDate, { message: 'must be a calendar date YYYY-MM-DD' });

const range = z
  .strictObject({ from: isoDate, to: isoDate.nullable() })
  .refine((r) => r.to === null || r.from <= r.to, { message: '`to` is before `from`', path: ['to'] });

/** The facts the rules read, each validated as the case format does (shared/domain/case.ts). */
export const factFields = {
  birthDate: isoDate,
  regime: z.enum(['integreringsloven', 'introduksjonsloven']),
  livesWithParent: z.boolean(),
  coupleReduction: z.boolean(),
  children: z.number().int().min(0).max(30),
  soleCarer: z.boolean(),
  programStart: isoDate,
  enrolments: z.array(range).max(50),
  unpaidLeave: z.array(range).max(400),
};

/**
 * Norwegian national identity number (fødselsnummer, D-nummer, synthetic
 * test numbers): 11 digits whose two last are mod-11 control digits
 * (Skatteetaten's algorithm). Catches typos before they become a second file.
 */
export function validNationalId(s: string): boolean {
  if (!/^\d{11}$/.test(s)) return false;
  const d = [...s].map(Number);
  const control = (weights: readonly number[]) => {
    const r = 11 - (weights.reduce((sum, w, i) => sum + w * d[i]!, 0) % 11);
    return r === 11 ? 0 : r;
  };
  const k1 = control([3, 7, 6, 1, 8, 9, 4, 5, 2]);
  const k2 = control([5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
  return k1 !== 10 && k2 !== 10 && k1 === d[9] && k2 === d[10];
}

/**
 * Names as written, in any script, stored in Unicode NFC (so the same name
 * typed on two keyboards is one string). No control or invisible format
 * characters, except the zero-width (non-)joiners that Persian/Dari, Pashto
 * and Indic scripts need inside words.
 */
const personName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^(?:[^\p{C}]|[\u200C\u200D])+$/u, { message: 'must not contain control characters' })
  .transform((s) => s.normalize('NFC'));

export const registerSchema = z
  .strictObject({
    /**
     * The client's id for this registration: a retry with the same id and
     * body returns the first result; the same id with another body is 409.
     */
    requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { message: 'must be 8–64 letters, digits, - or _' }),
    givenName: personName,
    familyName: personName,
    nationalId: z.string().refine(validNationalId, { message: 'must be an 11-digit national identity number with valid control digits' }),
    birthDate: factFields.birthDate,
    programStart: factFields.programStart,
    // Defaults as in the case format (case-format.md): the common situation needs no field.
    regime: factFields.regime.default('integreringsloven'),
    livesWithParent: factFields.livesWithParent.default(false),
    coupleReduction: factFields.coupleReduction.default(false),
    children: factFields.children.default(0),
    soleCarer: factFields.soleCarer.default(false),
    /** Omitted: enrolled from programStart, open-ended (what registering for the programme means). */
    enrolments: factFields.enrolments.optional(),
    unpaidLeave: factFields.unpaidLeave.default([]),
    schedule: scheduleSchema.default(EMPTY_SCHEDULE),
  })
  .refine((b) => b.birthDate <= b.programStart, { message: 'the programme cannot start before the birth date', path: ['programStart'] });

export type RegisterBody = z.output<typeof registerSchema>;
