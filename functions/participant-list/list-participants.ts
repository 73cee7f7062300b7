/**
 * The adviser's caseload: the participants assigned to the caller (read
 * afresh, strongly consistent, so a removed assignment drops out at once) in
 * the caller's municipality, with the names the adviser knows them by.
 * Listing names is a staff read of personal data, so each listed
 * participant's access log gets its entry first (S6); if any entry cannot be
 * written the whole list is refused (503 AUDIT_UNAVAILABLE).
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { recordAccess } from '../../shared/http/staff-access.js';
import type { ParticipantListItem, ParticipantListResponse } from '../../shared/contract/responses.js';

export const PURPOSE = 'participant-list';

/** One row of the list: the contract's item (shared/contract/responses.ts). */
export type ParticipantSummary = ParticipantListItem;

export async function listParticipants(deps: Deps, auth: AuthContext, route: string): Promise<{ participants: ParticipantSummary[] }> {
  const repo = deps.participants;
  const assigned = await deps.assignments.listAssigned(auth.sub);
  const municipalities = await Promise.all(assigned.map((pid) => repo.municipalityOf(pid)));
  const mine = assigned.filter((_, i) => municipalities[i] === auth.municipality);
  await Promise.all(mine.map((pid) => recordAccess(deps, auth, pid, 'READ', PURPOSE, route)));
  const rows = await Promise.all(
    mine.map(async (pid): Promise<ParticipantSummary | undefined> => {
      const [profile, identity] = await Promise.all([repo.getProfile(pid), repo.getIdentity(pid)]);
      if (profile === undefined || identity === undefined) return undefined;
      return { participantId: pid, givenName: identity.givenName, familyName: identity.familyName, payrollRef: profile.payrollRef ?? null, programStart: profile.programStart, version: profile.version };
    }),
  );
  const participants = rows
    .filter((r): r is ParticipantSummary => r !== undefined)
    .sort((a, b) => a.familyName.localeCompare(b.familyName, 'nb') || a.givenName.localeCompare(b.givenName, 'nb') || (a.participantId < b.participantId ? -1 : 1));
  return { participants } satisfies ParticipantListResponse;
}
