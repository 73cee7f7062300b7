/**
 * Changes a participant's facts with effective-dated history and optimistic
 * concurrency. The profile keeps the latest values; each save also writes an
 * immutable fact change (only the facts that changed, from when they apply,
 * who changed them by pseudonymous ref), in one transaction with the profile
 * (participant-files-repo.ts `saveProfileWithFacts`), so the payroll can read the
 * facts as they stood on any 1st of a month.
 *
 * When a change applies (benefit-rules.md §2: "facts are read as they stand
 * on the 1st of the month; a change during the month applies from the next
 * month"), unless `effectiveFrom` is given:
 * - household and regime facts (regime, livesWithParent, coupleReduction,
 *   children, soleCarer): from the 1st of next month (Europe/Oslo);
 * - dated or fixed facts (enrolments, unpaidLeave carry their own dates;
 *   birthDate and programStart are corrections): for every month (null);
 * - both kinds at once: the adviser must say (400 EFFECTIVE_FROM_REQUIRED),
 *   because either default would be wrong for half of the change.
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { FactChange, ParticipantFacts } from '../../shared/domain/participant-facts.js';
import type { ParticipantProfile } from '../../shared/adapters/participant-files-repo.js';
import { FACT_KEYS, factsOf } from '../../shared/domain/participant-facts.js';
import { osloTime } from '../../shared/domain/attendance/oslo-time.js';
import { canonicalJson } from '../../shared/domain/canonical-json.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { BadRequestError } from '../../shared/http/errors.js';
import type { ProfileView } from '../../shared/features/participants/read-participant.js';
import { participantChanged, profileView } from '../../shared/features/participants/read-participant.js';
import { noSuchParticipant, recordAccess, requireStaffAccess } from '../../shared/http/staff-access.js';
import type { UpdateBody } from './schema.js';

export const PURPOSE = 'participant-update';

const DATED: readonly (keyof ParticipantFacts)[] = ['enrolments', 'unpaidLeave', 'birthDate', 'programStart'];

export function firstOfNextMonth(today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 12 ? `${String(y + 1).padStart(4, '0')}-01-01` : `${today.slice(0, 4)}-${String(m + 1).padStart(2, '0')}-01`;
}

export function defaultEffectiveFrom(changed: readonly (keyof ParticipantFacts)[], today: string): string | null {
  const dated = changed.filter((k) => DATED.includes(k));
  if (dated.length === changed.length) return null;
  if (dated.length === 0) return firstOfNextMonth(today);
  throw new BadRequestError('EFFECTIVE_FROM_REQUIRED', 'This change mixes dated facts and household facts: give effectiveFrom (a 1st of a month, or null for a correction)', [
    { path: 'body.effectiveFrom', message: 'required when dated and household facts change together' },
  ]);
}

export interface UpdateResult extends ProfileView {
  /** The change recorded, or null when every given value was already the current one (nothing written). */
  change: Omit<FactChange, 'participantId'> | null;
}

export async function updateFacts(deps: Deps, auth: AuthContext, participantId: string, body: UpdateBody, route: string): Promise<UpdateResult> {
  await requireStaffAccess(deps, auth, participantId);
  const current = await deps.participants.getProfile(participantId);
  if (current === undefined) throw noSuchParticipant();
  if (current.version !== body.expectedVersion) throw participantChanged();

  const changes: Partial<ParticipantFacts> = {};
  for (const k of FACT_KEYS) {
    const v = body[k];
    if (v !== undefined && canonicalJson(v) !== canonicalJson(current[k])) Object.assign(changes, { [k]: v });
  }
  const changed = FACT_KEYS.filter((k) => k in changes);
  const now = deps.clock.now();
  const effectiveFrom = body.effectiveFrom !== undefined ? body.effectiveFrom : changed.length === 0 ? null : defaultEffectiveFrom(changed, osloTime(now.getTime()).date);
  if (changed.length === 0) {
    // Nothing to change: the adviser still sees the file, so the read is logged.
    await recordAccess(deps, auth, participantId, 'READ', PURPOSE, route);
    return { ...profileView(current), change: null };
  }

  const merged = { ...current, ...changes };
  if (merged.birthDate > merged.programStart)
    throw new BadRequestError('VALIDATION_FAILED', 'The programme cannot start before the birth date', [{ path: 'body.programStart', message: 'is before the birth date' }]);

  // A file made before the fact history existed (seeded, imported) gets its
  // current facts as the baseline first, so the history names every fact.
  const baseline: FactChange[] =
    (await deps.participants.listFactChanges(participantId)).length > 0
      ? []
      : [{ participantId, version: current.version, effectiveFrom: null, changes: factsOf(current), changedAt: current.updatedAt, changedByRef: 'system', changedByRole: auth.role }];

  const at = await recordAccess(deps, auth, participantId, 'WRITE', PURPOSE, route);
  const next: ParticipantProfile = { ...merged, version: current.version + 1, updatedAt: at };
  const change: FactChange = { participantId, version: next.version, effectiveFrom, changes, changedAt: at, changedByRef: auth.actorRef, changedByRole: auth.role };
  if (!(await deps.participants.saveProfileWithFacts(next, current.version, [...baseline, change]))) throw participantChanged();
  const { participantId: _pid, ...recorded } = change;
  return { ...profileView(next), change: recorded };
}
