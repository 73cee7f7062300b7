/**
 * A complaint about a month's decision (issue 12 item 2;
 * shared/domain/rights/complaint.ts): from the participant's page (received
 * today, Oslo) or recorded by an adviser from paper (received on the date the
 * adviser gives, not after today). It is about the month's decision version in
 * force when it is received.
 *
 * The deadline (shared/domain/rights/complaint-deadline.ts) runs from the
 * release of the payroll run that carried that version; a late complaint is
 * recorded with `late: true` and handled like any other, never refused.
 *
 * Refused: no decision for the month: 404 NO_DECISION; a paper complaint
 * received after today: 400 RECEIVED_IN_FUTURE; the same request id for
 * another complaint: 409 REQUEST_ID_CONFLICT (the same complaint again
 * returns the stored one).
 */
import type { DecisionDeps } from '../../adapters/deps.js';
import type { Deps } from '../../adapters/deps.js';
import type { ComplaintRecord } from '../../adapters/rights-repo.js';
import { osloDateOf, osloTime } from '../../domain/attendance/oslo-time.js';
import { complaintTimeliness } from '../../domain/rights/complaint-deadline.js';
import type { AuthContext } from '../../http/auth.js';
import { BadRequestError, NotFoundError } from '../../http/errors.js';
import { releaseOf } from '../decisions/decision-view.js';
import type { RightsCaseView } from '../../features/rights/rights-view.js';
import type { ComplaintBody } from './schema.js';
import { createCase, requestHashOf } from './file-request.js';

export interface ComplaintSource {
  participantId: string;
  receivedOn: string;
  /** Paper complaints: the adviser who recorded it. */
  recordedBy?: AuthContext;
  /** Runs after every check and before the write (a staff write's access-log entry). */
  beforeWrite?: () => Promise<unknown>;
}

/** When the month's version in force was made known: the Oslo date of the release that carried it, or null. */
export async function madeKnownOn(dd: DecisionDeps, decision: Parameters<typeof releaseOf>[1]): Promise<string | null> {
  const release = await releaseOf(dd, decision);
  return release.released && release.releasedAt !== null ? osloDateOf(release.releasedAt) : null;
}

export async function fileComplaint(deps: Deps, auth: AuthContext, source: ComplaintSource, body: ComplaintBody): Promise<{ view: RightsCaseView; created: boolean }> {
  const now = deps.clock.now();
  if (source.receivedOn > osloTime(now.getTime()).date) throw new BadRequestError('RECEIVED_IN_FUTURE', 'A complaint cannot have been received after today');
  const decision = await deps.decisions.getLatest(source.participantId, body.period);
  if (decision === undefined) throw new NotFoundError('No decision for this month', 'NO_DECISION');
  const known = await madeKnownOn(deps, decision);
  const timeliness = complaintTimeliness(source.receivedOn, known);
  await source.beforeWrite?.();
  const createdAt = now.toISOString();
  const paper = source.recordedBy !== undefined;
  const record: ComplaintRecord = {
    kind: 'COMPLAINT',
    caseId: `kl-${body.requestId}`,
    participantId: source.participantId,
    municipality: auth.municipality,
    period: body.period,
    version: 1,
    createdAt,
    requestHash: requestHashOf('COMPLAINT', source.participantId, body),
    text: body.text,
    history: [{ status: 'RECEIVED', at: createdAt, byRole: auth.role }],
    status: 'RECEIVED',
    channel: paper ? 'PAPER' : 'PAGE',
    decisionId: decision.decisionId,
    decisionVersion: decision.version,
    receivedOn: source.receivedOn,
    madeKnownOn: known,
    deadline: timeliness.deadline,
    late: timeliness.late,
    ...(source.recordedBy === undefined ? {} : { recordedByRef: source.recordedBy.actorRef }),
  };
  return createCase(deps.rights, record);
}
