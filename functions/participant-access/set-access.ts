/**
 * An admin opens or closes a participant's own access (issue 8 item 7). A
 * closed file refuses every participant route from the next request on
 * (shared/http/participant-guard.ts, read strongly consistent; an app
 * check-in at once in this process, within CHECKIN_FILE_CHECK_MAX_AGE_SECONDS
 * in another: shared/adapters/file-checks.ts); staff keep
 * the file. Closing is not leaving the programme: enrolments are facts on the
 * file, and a participant who has left still signs in to read their decisions.
 *
 * Setting the status it already has changes nothing (200, same version). Each
 * change is a new version with its history item; two admins at once: one
 * wins, the other gets 409 ACCESS_CHANGED. The participant's access log
 * records the change, written before it (no change without its entry).
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { AccessState } from '../../shared/adapters/participant-files-repo.js';
import type { AccessStatus } from '../../shared/domain/participant-access.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { ConflictError } from '../../shared/http/errors.js';
import { recordAccess, requireStaffAccess } from '../../shared/http/staff-access.js';
import type { AccessBody } from './schema.js';

export const PURPOSE = 'participant-access';

export interface AccessView {
  participantId: string;
  status: AccessStatus;
  version: number;
  changed: boolean;
  changedAt: string | null;
}

const view = (participantId: string, s: AccessState | undefined, changed: boolean): AccessView => ({
  participantId,
  status: s?.status ?? 'OPEN',
  version: s?.version ?? 0,
  changed,
  changedAt: s?.changedAt ?? null,
});

export async function setAccess(deps: Deps, auth: AuthContext, participantId: string, body: AccessBody, route: string): Promise<AccessView> {
  await requireStaffAccess(deps, auth, participantId);
  const current = await deps.participants.getAccessState(participantId);
  if ((current?.status ?? 'OPEN') === body.status) return view(participantId, current, false);
  const at = await recordAccess(deps, auth, participantId, 'WRITE', PURPOSE, route);
  const version = (current?.version ?? 0) + 1;
  const next: AccessState = { participantId, status: body.status, version, reason: body.reason, changedAt: at, changedByRef: auth.actorRef };
  if (!(await deps.participants.saveAccessState(next, version - 1)))
    throw new ConflictError('ACCESS_CHANGED', "The participant's access was changed at the same time; reload and try again");
  return view(participantId, next, true);
}
