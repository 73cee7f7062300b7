/**
 * An admin sets who advises a participant (architecture.md "Actors and
 * roles"; quality.md S4). The list replaces the previous one in one
 * transaction (assignments-repo.ts `setAdvisers`); assignments are read
 * strongly consistent on every adviser request, so a removed adviser is
 * refused (403 NOT_ASSIGNED) from their next request on, and an added one is
 * let in at once. Two admins changing it at the same time: one wins, the
 * other gets 409 ADVISERS_CHANGED and retries. The participant's access log
 * records the change.
 *
 * Every adviser on the list must be, by the user directory (the staff user
 * pool on AWS; shared/adapters/staff-directory.ts), an enabled adviser of the
 * admin's municipality: a sub typed in by an admin of another municipality,
 * of a payroll user or of nobody is refused with 400 ADVISER_UNKNOWN, naming
 * the position in the list but not why, so an admin learns nothing about
 * another municipality's staff. Even an assignment that got past this (one
 * written straight into the table) opens nothing: every staff route checks
 * the participant's municipality against the token's (staff-access.ts).
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { StaffDirectory } from '../../shared/adapters/staff-directory.js';
import { configuredStaffDirectory } from '../../shared/adapters/staff-directory.js';
import { staffDirectoryOf } from '../../shared/config.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { BadRequestError, ConflictError } from '../../shared/http/errors.js';
import { recordAccess, requireStaffAccess } from '../../shared/http/staff-access.js';
import type { AssignBody } from './schema.js';

export const PURPOSE = 'participant-assign';

export interface Assignment {
  participantId: string;
  advisers: string[];
  added: string[];
  removed: string[];
  updatedAt: string;
}

/** The directory of STAFF_DIRECTORY (tests replace it through deps.staff); here it is required. */
function staffDirectory(deps: Deps): StaffDirectory {
  const dir = configuredStaffDirectory(deps);
  if (dir === undefined) staffDirectoryOf(deps.config); // throws ConfigError: Missing environment variable: STAFF_DIRECTORY
  return dir!;
}

/** 400 ADVISER_UNKNOWN unless every sub is an enabled adviser of the caller's municipality. */
async function requireOwnAdvisers(deps: Deps, auth: AuthContext, subs: readonly string[]): Promise<void> {
  const dir = staffDirectory(deps);
  const members = await Promise.all(subs.map((sub) => dir.find(sub)));
  const refused = subs.flatMap((_, i) => {
    const m = members[i];
    return m !== undefined && m.enabled && m.municipality === auth.municipality && m.groups.includes('adviser') ? [] : [i];
  });
  if (refused.length > 0)
    throw new BadRequestError(
      'ADVISER_UNKNOWN',
      'Every adviser must be an adviser of your municipality with an enabled account',
      refused.map((i) => ({ path: `body.advisers[${i}]`, message: 'not an adviser of this municipality' })),
    );
}

export async function assignAdvisers(deps: Deps, auth: AuthContext, participantId: string, body: AssignBody, route: string): Promise<Assignment> {
  await requireStaffAccess(deps, auth, participantId);
  await requireOwnAdvisers(deps, auth, body.advisers);
  const at = await recordAccess(deps, auth, participantId, 'WRITE', PURPOSE, route);
  const result = await deps.assignments.setAdvisers(participantId, auth.municipality, body.advisers, at);
  if (result === 'changed') throw new ConflictError('ADVISERS_CHANGED', "The participant's advisers were changed at the same time; reload and try again");
  const advisers = [...body.advisers].sort();
  return {
    participantId,
    advisers,
    added: advisers.filter((s) => !result.previous.includes(s)),
    removed: result.previous.filter((s) => !advisers.includes(s)).sort(),
    updatedAt: at,
  };
}
