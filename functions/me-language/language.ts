/**
 * The participant's own language (issue 11 §2): read, and changed by the
 * participant themselves. Only their own file (the token's participant id,
 * never a path), only in the token's municipality (a file of another one is
 * as missing as none), and written only over the version just read, so a
 * change an adviser makes at the same moment is never lost: the loser is told
 * to try again (409 PARTICIPANT_CHANGED).
 */
import type { Deps } from '../../shared/adapters/deps.js';
import { languageOf, type LanguageResponse, type ParticipantLanguage } from '../../shared/contract/languages.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { NotFoundError } from '../../shared/http/errors.js';
import { participantChanged } from '../../shared/features/participants/read-participant.js';

async function ownProfile(deps: Deps, auth: AuthContext) {
  const profile = await deps.participants.getProfile(auth.participantId!);
  if (profile === undefined || profile.municipality !== auth.municipality) throw new NotFoundError('No participant file for this login');
  return profile;
}

export async function readOwnLanguage(deps: Deps, auth: AuthContext): Promise<LanguageResponse> {
  const profile = await ownProfile(deps, auth);
  return { language: languageOf(profile.language), version: profile.version };
}

export async function setOwnLanguage(deps: Deps, auth: AuthContext, language: ParticipantLanguage): Promise<LanguageResponse> {
  const current = await ownProfile(deps, auth);
  if (languageOf(current.language) === language) return { language, version: current.version };
  const next = { ...current, language, version: current.version + 1, updatedAt: deps.clock.now().toISOString() };
  if (!(await deps.participants.saveProfile(next, current.version))) throw participantChanged();
  return { language, version: next.version };
}
