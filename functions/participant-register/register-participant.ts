/**
 * Registers a participant (architecture.md "Data": Participants). One
 * transaction writes the profile, the identity (names and national id, kept
 * only here), the baseline facts, the registering adviser's assignment, the
 * national-id uniqueness item and the request item (shared/adapters/
 * participant-files-repo.ts `registerParticipant`), so a failure leaves nothing.
 *
 * Idempotent on the client's request id, per municipality and for ever: the
 * same id with the same body returns the first result (same participant id
 * and payrollRef), the same id with another body is 409 REQUEST_ID_CONFLICT.
 * A national id is registered once per municipality: 409 NATIONAL_ID_EXISTS,
 * without naming the existing file (the adviser may not be assigned to it).
 * That answer tells the adviser the person has a file, so it is a read of
 * personal data: it is written on that person's access log first (purpose
 * `national-id-check`), and without the entry there is no answer (503).
 * Uniqueness is per municipality, so nothing about another municipality's
 * participants can be learnt here: the same id there is simply registered
 * anew (issue 8 item 8).
 *
 * The payrollRef is pseudonymous (an opaque id, no name or national id): it is
 * what the payroll export names the participant by.
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../../shared/adapters/deps.js';
import type { ParticipantFacts } from '../../shared/domain/participant-facts.js';
import type { RegistrationRequest } from '../../shared/adapters/participant-files-repo.js';
import { canonicalJson } from '../../shared/domain/canonical-json.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { ConflictError } from '../../shared/http/errors.js';
import type { RequestLog } from '../../shared/http/logger.js';
import { recordAccess } from '../../shared/http/staff-access.js';
import type { RegisterBody } from '../../shared/features/participants/register-schema.js';

export const PURPOSE = 'participant-register';
/** The access-log purpose of a registration refused because the person already has a file. */
export const NATIONAL_ID_CHECK = 'national-id-check';

export interface Registered {
  participantId: string;
  payrollRef: string;
  registeredAt: string;
}

const view = (r: RegistrationRequest): Registered => ({ participantId: r.participantId, payrollRef: r.payrollRef, registeredAt: r.registeredAt });

function requestHashOf(body: RegisterBody): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function replay(existing: RegistrationRequest, requestHash: string): Registered {
  if (existing.requestHash !== requestHash) throw new ConflictError('REQUEST_ID_CONFLICT', 'This request id was used for another registration; use a new request id');
  return view(existing);
}

export async function registerParticipant(deps: Deps, auth: AuthContext, body: RegisterBody, route: string, log: RequestLog): Promise<Registered> {
  const requestHash = requestHashOf(body);
  const earlier = await deps.participants.getRegistrationRequest(auth.municipality, body.requestId);
  if (earlier !== undefined) return replay(earlier, requestHash);

  const at = deps.clock.now().toISOString();
  const participantId = deps.ids.newId('p');
  const payrollRef = deps.ids.newId('pr');
  const facts: ParticipantFacts = {
    birthDate: body.birthDate,
    regime: body.regime,
    livesWithParent: body.livesWithParent,
    coupleReduction: body.coupleReduction,
    children: body.children,
    soleCarer: body.soleCarer,
    programStart: body.programStart,
    enrolments: body.enrolments ?? [{ from: body.programStart, to: null }],
    unpaidLeave: body.unpaidLeave,
  };
  const result = await deps.participants.registerParticipant({
    profile: { participantId, municipality: auth.municipality, payrollRef, ...facts, schedule: body.schedule, version: 1, updatedAt: at },
    identity: { participantId, givenName: body.givenName, familyName: body.familyName, nationalId: body.nationalId },
    baseline: { participantId, version: 1, effectiveFrom: null, changes: facts, changedAt: at, changedByRef: auth.actorRef, changedByRole: auth.role },
    adviserSub: auth.sub,
    requestId: body.requestId,
    requestHash,
    at,
  });
  if (result === 'national-id-exists') {
    const holder = await deps.participants.nationalIdHolder(auth.municipality, body.nationalId);
    if (holder !== undefined) await recordAccess(deps, auth, holder, 'READ', NATIONAL_ID_CHECK, route);
    throw new ConflictError('NATIONAL_ID_EXISTS', 'A participant with this national identity number is already registered in the municipality');
  }
  if (result === 'request-exists') {
    // A concurrent retry of the same request won the race: answer as a replay.
    const winner = await deps.participants.getRegistrationRequest(auth.municipality, body.requestId);
    return replay(winner!, requestHash);
  }
  // The participant's access log shows who opened the file. Written after the
  // transaction (the id is new, so a rejected registration leaves no entry);
  // if it cannot be written the registration still stands and the gap is
  // logged by ids for follow-up, since refusing now would hide a stored file.
  try {
    await deps.audit.append({ participantId, at, actorRef: auth.actorRef, actorRole: auth.role, action: 'WRITE', purpose: PURPOSE, route });
  } catch {
    log.error('access-log entry for a registration not written', { participantRef: participantId });
  }
  return { participantId, payrollRef, registeredAt: at };
}
