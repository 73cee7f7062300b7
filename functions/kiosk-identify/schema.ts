/** POST /kiosk-identifications (kiosk): card or QR token + PIN, checked before the person chooses check-in or check-out. */
import { kioskCredentialSchema } from '../../shared/features/checkin/schema.js';

export const identifyBodySchema = kioskCredentialSchema;

import type { ParticipantLanguage } from '../../shared/contract/languages.js';

export interface IdentificationAnswer {
  /** Name it in the check-in (POST /checkins `identification`): one check-in or check-out, on this kiosk, before it expires. */
  identificationId: string;
  /** What the kiosk may show to greet the person: the given name's first letter. */
  participantInitial: string;
  expiresAt: string;
  /** The participant's language (their file's), for the rest of this person's turn at the kiosk. */
  language: ParticipantLanguage;
}
