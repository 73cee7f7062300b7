/**
 * The participant's language on their file, set by the adviser (issue 11 §2),
 * as every other participant write: the participant must be of the adviser's
 * municipality and assigned to them (read afresh), the access-log entry is
 * written first, and the profile is replaced only at the version the adviser
 * read (a concurrent change of facts, schedule or language makes this 409).
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { ParticipantProfile } from '../../shared/adapters/participant-files-repo.js';
import { languageOf, type LanguageResponse } from '../../shared/contract/languages.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { noSuchParticipant, recordAccess, requireStaffAccess } from '../../shared/http/staff-access.js';
import { participantChanged } from '../../shared/features/participants/read-participant.js';
import type { LanguageBody } from './language-schema.js';

export const PURPOSE = 'participant-language';

export async function setLanguage(deps: Deps, auth: AuthContext, participantId: string, body: LanguageBody, route: string): Promise<LanguageResponse> {
  await requireStaffAccess(deps, auth, participantId);
  const current = await deps.participants.getProfile(participantId);
  if (current === undefined) throw noSuchParticipant();
  if (current.version !== body.expectedVersion) throw participantChanged();
  const at = await recordAccess(deps, auth, participantId, 'WRITE', PURPOSE, route);
  const next: ParticipantProfile = { ...current, language: body.language, version: current.version + 1, updatedAt: at };
  if (!(await deps.participants.saveProfile(next, current.version))) throw participantChanged();
  return { language: languageOf(next.language), version: next.version };
}
