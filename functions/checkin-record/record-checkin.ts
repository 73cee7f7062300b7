/**
 * The check-in command (architecture.md flow 1; quality.md R1–R3):
 *
 *   caller checks → (kiosk: replay? by event id, before scrypt) → identify
 *   → device-time window (outside it: replay? else 400) → create-once write
 *   (its condition tells a replay) → receipt
 *
 * The event id is the permanent business key: the first request that writes
 * it wins (a conditional put); every later request with the same id and the
 * same request hash gets the same receipt with the same status, whenever it
 * comes; the same id with a different request is 409 EVENT_ID_CONFLICT and
 * writes nothing.
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { CheckinRecord } from '../../shared/adapters/attendance-repo.js';
import type { ParticipantIdentity } from '../../shared/adapters/participants-repo.js';
import { DEFAULT_ATTENDANCE_SETTINGS } from '../../shared/adapters/participants-repo.js';
import type { CheckinRequest } from '../../shared/domain/attendance/checkin.js';
import { MIN_REPLAY_WINDOW_HOURS, checkinRequestHash, initialOf, judgeDeviceTime } from '../../shared/domain/attendance/checkin.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { BadRequestError, ConflictError, ForbiddenError, UnauthenticatedError } from '../../shared/http/errors.js';
import type { RequestLog } from '../../shared/http/logger.js';
import { identifyAtKiosk, presented } from './identify.js';
import type { CheckinBody, CheckinReceipt } from './schema.js';

type Caller = { role: 'participant'; participantId: string } | { role: 'kiosk'; deviceId: string; credential: ReturnType<typeof presented> };

/** Who is asking, and whether the body fits that caller. */
async function callerOf(deps: Deps, auth: AuthContext, body: CheckinBody): Promise<Caller> {
  if (auth.role === 'participant') {
    if (body.kiosk !== undefined) throw new BadRequestError('KIOSK_FIELDS_NOT_ALLOWED', 'Kiosk identification is only for kiosk devices', [{ path: 'body.kiosk', message: 'not allowed for participants' }]);
    return { role: 'participant', participantId: auth.participantId! };
  }
  if (body.kiosk === undefined) throw new BadRequestError('VALIDATION_FAILED', 'A kiosk must identify the participant', [{ path: 'body.kiosk', message: 'required for kiosks' }]);
  if (body.deviceId !== auth.deviceId) throw new ForbiddenError('DEVICE_MISMATCH', 'deviceId does not match the device token');
  const device = await deps.participants.getDevice(body.deviceId);
  if (device === undefined || !device.active || device.municipality !== auth.municipality)
    throw new ForbiddenError('DEVICE_NOT_REGISTERED', 'This device is not registered as a kiosk');
  return { role: 'kiosk', deviceId: body.deviceId, credential: presented(body.kiosk) };
}

async function receiptOf(deps: Deps, r: CheckinRecord, known?: ParticipantIdentity): Promise<CheckinReceipt> {
  const identity = known ?? (await deps.participants.getIdentity(r.participantId));
  return {
    receiptId: r.receiptId,
    eventId: r.eventId,
    type: r.type,
    participantInitial: initialOf(identity?.givenName ?? ''),
    recordedAt: r.recordedAt,
    deviceTime: r.deviceTime,
  };
}

function replay(deps: Deps, recorded: CheckinRecord, requestHash: string, log: RequestLog): Promise<CheckinReceipt> {
  log.append({ participantRef: recorded.participantId, replay: true });
  return receiptOf(deps, sameRequest(recorded, requestHash));
}

function sameRequest(existing: CheckinRecord, requestHash: string): CheckinRecord {
  if (existing.requestHash !== requestHash) throw new ConflictError('EVENT_ID_CONFLICT', 'This eventId was already used for a different check-in');
  return existing;
}

export async function recordCheckin(deps: Deps, auth: AuthContext, body: CheckinBody, log: RequestLog): Promise<CheckinReceipt> {
  const caller = await callerOf(deps, auth, body);
  const request: CheckinRequest = {
    eventId: body.eventId,
    type: body.type,
    deviceId: body.deviceId,
    deviceTime: body.deviceTime,
    caller: caller.role === 'participant' ? { participantId: caller.participantId } : { kioskDeviceId: caller.deviceId, credential: { kind: caller.credential.kind, secretHash: caller.credential.secretHash } },
  };
  const requestHash = checkinRequestHash(request);

  // A kiosk replay is answered from its record before identification, so an offline
  // kiosk's queue does not run scrypt (and count PIN attempts) again.
  if (caller.role === 'kiosk') {
    const recorded = await deps.attendance.getEvent(body.eventId);
    if (recorded !== undefined) return replay(deps, recorded, requestHash, log);
  }

  const participantId = caller.role === 'participant' ? caller.participantId : await identifyAtKiosk(deps, auth.municipality, caller.deviceId, caller.credential);
  log.append({ participantRef: participantId });
  const now = deps.clock.now();
  // A live check-in (device time within the smallest window any policy allows) gets the same
  // verdict under every policy, so the policy is read only for an older device time.
  const quick = judgeDeviceTime(body.deviceTime, now.getTime(), MIN_REPLAY_WINDOW_HOURS);
  // Side by side: the identity (the receipt's initial; a participant login must have a file) and, when needed, the policy.
  const [identity, policy] = await Promise.all([
    deps.participants.getIdentity(participantId),
    quick === 'TOO_OLD' ? deps.participants.getPolicy(auth.municipality) : Promise.resolve(undefined),
  ]);
  if (identity === undefined) throw new UnauthenticatedError('UNKNOWN_PARTICIPANT', 'No participant file for this login');

  const settings = policy?.attendance ?? DEFAULT_ATTENDANCE_SETTINGS;
  const verdict = quick === 'TOO_OLD' ? judgeDeviceTime(body.deviceTime, now.getTime(), settings.replayWindowHours) : quick;
  if (verdict !== 'OK') {
    // The window applies to new events only: a recorded event is answered whenever its replay comes (R3).
    const recorded = caller.role === 'participant' ? await deps.attendance.getEvent(body.eventId) : undefined;
    if (recorded !== undefined) return replay(deps, recorded, requestHash, log);
    if (verdict === 'IN_FUTURE') throw new BadRequestError('DEVICE_TIME_IN_FUTURE', 'deviceTime is more than 5 minutes ahead of the server clock');
    throw new BadRequestError('DEVICE_TIME_TOO_OLD', `deviceTime is older than the replay window of ${settings.replayWindowHours} hours`);
  }

  const record: CheckinRecord = {
    eventId: body.eventId,
    participantId,
    municipality: auth.municipality,
    type: body.type,
    deviceId: body.deviceId,
    deviceTime: body.deviceTime,
    deviceTimeUtc: new Date(Date.parse(body.deviceTime)).toISOString(),
    recordedAt: now.toISOString(),
    receiptId: deps.ids.newId('rcpt'),
    requestHash,
    source: caller.role === 'kiosk' ? 'kiosk' : 'app',
  };
  // Create-once first (one write, no read before it): the condition tells a new event from a
  // replay or a concurrent duplicate, which are answered from the stored record.
  const put = await deps.attendance.putEventOnce(record);
  if (!put.created) log.append({ replay: true });
  return receiptOf(deps, put.created ? record : sameRequest(put.existing, requestHash), identity);
}
