/**
 * The adviser's queue of correction requests and complaints (issue 12):
 * the cases of the caller's municipality (gsi1) whose participant is
 * assigned to the caller (read afresh, quality.md S4) and in that
 * municipality. `OPEN` (default): what waits for the adviser: requests not
 * answered, complaints not reassessed, and complaints at Statsforvalteren
 * whose outcome is to be recorded. `ALL`: every case. Each participant whose
 * cases are shown gets an access-log entry first (S6): if it cannot be
 * written, the whole request is refused.
 */
import type { RightsQueueItem } from '../../shared/contract/rights.js';
import type { Deps } from '../../shared/adapters/deps.js';
import type { RightsCase } from '../../shared/adapters/rights-repo.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { recordAccess } from '../../shared/http/staff-access.js';
import { rightsCaseView } from '../../shared/features/rights/rights-view.js';

export const PURPOSE = 'rights-queue';
const WAITING = new Set(['OPEN', 'RECEIVED', 'FORWARDED']);

export async function listRightsQueue(deps: Deps, auth: AuthContext, status: 'OPEN' | 'ALL', route: string): Promise<RightsQueueItem[]> {
  const [assigned, cases] = await Promise.all([deps.assignments.listAssigned(auth.sub), deps.rights.listForMunicipality(auth.municipality)]);
  const mine = new Set(assigned);
  const candidates = cases.filter((c) => mine.has(c.participantId) && (status === 'ALL' || WAITING.has(c.status)));
  const pids = [...new Set(candidates.map((c) => c.participantId))];
  const municipalities = await Promise.all(pids.map((pid) => deps.participants.municipalityOf(pid)));
  const shown = new Set(pids.filter((_, i) => municipalities[i] === auth.municipality));
  for (const pid of shown) await recordAccess(deps, auth, pid, 'READ', PURPOSE, route);
  // The queue is eventually consistent; each case is read afresh so a case answered a moment ago shows its new status.
  const fresh = await Promise.all(candidates.filter((c) => shown.has(c.participantId)).map(async (c) => (await deps.rights.get(c.participantId, c.caseId)) ?? c));
  return fresh
    .filter((c: RightsCase) => status === 'ALL' || WAITING.has(c.status))
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.caseId < b.caseId ? -1 : 1))
    .map((c) => ({ participantId: c.participantId, ...rightsCaseView(c) }));
}
