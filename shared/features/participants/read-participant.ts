/**
 * An adviser reads one participant's file: identity, the facts the rules use
 * (with their effective-dated history), schedule, kiosk credential kinds (never
 * the secrets or the PIN hash) and the assigned advisers. Access is checked
 * and logged first (shared/http/staff-access.ts); `version` is what a later change must
 * quote as `expectedVersion` (optimistic concurrency).
 */
import type { Deps } from '../../adapters/deps.js';
import { languageOf } from '../../contract/languages.js';
import type { CredentialKind } from '../../domain/attendance/kiosk-credentials.js';
import type { FactChange } from '../../domain/participant-facts.js';
import type { ParticipantProfile } from '../../adapters/participant-files-repo.js';
import { factsOf } from '../../domain/participant-facts.js';
import type { AuthContext } from '../../http/auth.js';
import { ConflictError } from '../../http/errors.js';
import { noSuchParticipant, recordAccess, requireStaffAccess } from '../../http/staff-access.js';

export const PURPOSE = 'participant-get';

/** The profile as staff see it after a change (update, schedule): no identity fields. */
export function profileView(p: ParticipantProfile) {
  return {
    participantId: p.participantId,
    municipality: p.municipality,
    payrollRef: p.payrollRef ?? null,
    facts: factsOf(p),
    schedule: p.schedule,
    language: languageOf(p.language),
    version: p.version,
    updatedAt: p.updatedAt,
  };
}

export type ProfileView = ReturnType<typeof profileView>;

/** A change quoted an `expectedVersion` that is no longer the file's (update, schedule). */
export const participantChanged = () => new ConflictError('PARTICIPANT_CHANGED', 'The participant was changed since you read it; reload and try again');

export interface ParticipantFile extends ProfileView {
  givenName: string;
  familyName: string;
  nationalId: string;
  factHistory: Omit<FactChange, 'participantId'>[];
  kioskCredentials: CredentialKind[];
  advisers: string[];
}

export async function readParticipant(deps: Deps, auth: AuthContext, participantId: string, route: string): Promise<ParticipantFile> {
  await requireStaffAccess(deps, auth, participantId);
  await recordAccess(deps, auth, participantId, 'READ', PURPOSE, route);
  const repo = deps.participants;
  const [profile, identity, history, kinds, advisers] = await Promise.all([
    repo.getProfile(participantId),
    repo.getIdentity(participantId),
    repo.listFactChanges(participantId),
    deps.kioskCredentials.listKioskCredentialKinds(participantId),
    deps.assignments.listAdvisers(participantId),
  ]);
  if (profile === undefined || identity === undefined) throw noSuchParticipant();
  return {
    ...profileView(profile),
    givenName: identity.givenName,
    familyName: identity.familyName,
    nationalId: identity.nationalId,
    factHistory: history.map(({ participantId: _pid, ...change }) => change),
    kioskCredentials: kinds,
    advisers: [...advisers].sort(),
  };
}
