/**
 * The kiosk's PIN step (issue 8 item 10: the PIN is checked before the
 * check-in/check-out choice). A right card + PIN gives a short-lived
 * identification for one check-in or check-out on this kiosk; a refusal is
 * answered here, before the person chooses, with the same codes and limits as
 * a check-in with card + PIN (checkin-record/identify.ts).
 */
import type { Deps } from '../../shared/adapters/deps.js';
import { initialOf } from '../../shared/domain/attendance/checkin.js';
import type { AuthContext } from '../../shared/http/auth.js';
import type { RequestLog } from '../../shared/http/logger.js';
import { requireActiveParticipant } from '../../shared/http/participant-guard.js';
import { identifyAtKiosk, presented, requireActiveKiosk } from '../../shared/features/checkin/identify.js';
import type { IdentificationAnswer, identifyBodySchema } from './schema.js';
import type * as z from 'zod';
import { languageOf } from '../../shared/contract/languages.js';

/** Long enough to choose (the kiosk clears an untouched step after 30 s), short enough that a forgotten one is soon useless. */
export const IDENTIFICATION_SECONDS = 120;

export async function identifyParticipant(deps: Deps, auth: AuthContext, body: z.output<typeof identifyBodySchema>, log: RequestLog, route: string): Promise<IdentificationAnswer> {
  await requireActiveKiosk(deps, auth, auth.deviceId!);
  const credential = presented(body);
  const identified = await identifyAtKiosk(deps, auth, credential, log, route);
  if (!identified.ok) throw identified.error;
  // The card names the participant, not the token: their file must exist and be open (issue 8 item 7).
  await requireActiveParticipant(deps, { participantId: identified.participantId, municipality: auth.municipality });
  log.append({ participantRef: identified.participantId });
  const now = deps.clock.now();
  const expiresAt = Math.floor(now.getTime() / 1000) + IDENTIFICATION_SECONDS;
  const identificationId = deps.ids.newId('idn');
  const [identity, profile] = await Promise.all([
    deps.participants.getIdentity(identified.participantId),
    deps.participants.getProfile(identified.participantId),
    deps.kiosk.putIdentification({
      identificationId,
      participantId: identified.participantId,
      municipality: auth.municipality,
      deviceId: auth.deviceId!,
      kind: credential.kind,
      secretHash: credential.secretHash,
      createdAt: now.toISOString(),
      expiresAt,
    }),
  ]);
  // The kiosk switches to the person's language once the PIN is known to be theirs.
  return { identificationId, participantInitial: initialOf(identity?.givenName ?? ''), expiresAt: new Date(expiresAt * 1000).toISOString(), language: languageOf(profile?.language) };
}
