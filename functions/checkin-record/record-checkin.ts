/**
 * The check-in command (architecture.md flow 1; quality.md R1–R3, S10, S12):
 *
 *   (app: the participant's file, from deps.fileChecks) → caller checks
 *   → (kiosk: replay? by event id, before any PIN check)
 *   → who: the app's participant, the kiosk's identification, or card + PIN
 *     (kiosk: the file, read now)
 *   → time: the app's event counts at the server's time (its device time
 *     only checked); a kiosk's may be up to the policy window old
 *   → create-once write (its condition tells a replay) → receipt
 *
 * The event id is the permanent business key: the first request that writes
 * it wins (a conditional put); every later request with the same id and the
 * same request hash gets the same receipt with the same status, whenever it
 * comes; the same id with a different request is 409 EVENT_ID_CONFLICT and
 * writes nothing. A kiosk's request hash covers the credential used (kind and
 * hash of the card or QR), whether it came as card + PIN or as an
 * identification, so a tap whose answer was lost replays as the same event.
 *
 * A kiosk's queued tap (`queued: true`) that is refused for good (wrong PIN,
 * too old) is kept as a refused replay on the card holder's file, where the
 * adviser sees it (issue 8 item 10); the kiosk shows it to the next person
 * with that card.
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { CheckinRecord } from '../../shared/adapters/attendance-repo.js';
import type { Identification } from '../../shared/adapters/kiosk-repo.js';
import type { CheckedFile } from '../../shared/adapters/file-checks.js';
import { DEFAULT_ATTENDANCE_SETTINGS } from '../../shared/adapters/policy-repo.js';
import type { CheckinRequest, DeviceTimeVerdict } from '../../shared/domain/attendance/checkin.js';
import { MIN_REPLAY_WINDOW_HOURS, checkinRequestHash, initialOf, judgeAppTime, judgeDeviceTime } from '../../shared/domain/attendance/checkin.js';
import type { AuthContext } from '../../shared/http/auth.js';
import type { AppError } from '../../shared/http/errors.js';
import { BadRequestError, ConflictError, ForbiddenError, UnauthenticatedError } from '../../shared/http/errors.js';
import type { RequestLog } from '../../shared/http/logger.js';
import type { PresentedCredential } from '../../shared/features/checkin/identify.js';
import { identifyAtKiosk, presented, requireActiveKiosk } from '../../shared/features/checkin/identify.js';
import { requireActiveParticipantForCheckin } from '../../shared/http/participant-guard.js';
import type { CheckinBody, CheckinReceipt } from '../../shared/features/checkin/schema.js';

const ROUTE = 'POST /checkins';

type Caller =
  | { role: 'participant'; participantId: string }
  | { role: 'kiosk'; credential: PresentedCredential; identification?: undefined }
  | { role: 'kiosk'; credential: Omit<PresentedCredential, 'pin'>; identification: Identification };

/** Who is asking, and whether the body fits that caller. */
async function callerOf(deps: Deps, auth: AuthContext, body: CheckinBody): Promise<Caller> {
  if (auth.role === 'participant') {
    const kioskField = (['kiosk', 'identification', 'queued'] as const).find((f) => body[f] !== undefined);
    if (kioskField !== undefined) throw new BadRequestError('KIOSK_FIELDS_NOT_ALLOWED', 'Kiosk identification is only for kiosk devices', [{ path: `body.${kioskField}`, message: 'not allowed for participants' }]);
    return { role: 'participant', participantId: auth.participantId! };
  }
  if (body.kiosk === undefined && body.identification === undefined)
    throw new BadRequestError('VALIDATION_FAILED', 'A kiosk must identify the participant', [{ path: 'body.kiosk', message: 'required for kiosks (or body.identification)' }]);
  await requireActiveKiosk(deps, auth, body.deviceId);
  if (body.kiosk !== undefined) return { role: 'kiosk', credential: presented(body.kiosk) };
  const nowSeconds = Math.floor(deps.clock.now().getTime() / 1000);
  const identification = await deps.kiosk.getIdentification(body.identification!, nowSeconds);
  if (identification === undefined || identification.deviceId !== body.deviceId || identification.municipality !== auth.municipality)
    throw new UnauthenticatedError('IDENTIFICATION_EXPIRED', 'The identification has expired or is not for this kiosk: identify again with card and PIN');
  return { role: 'kiosk', credential: { kind: identification.kind, secretHash: identification.secretHash }, identification };
}

function receiptOf(r: CheckinRecord, initial: string): CheckinReceipt {
  return { receiptId: r.receiptId, eventId: r.eventId, type: r.type, participantInitial: initial, recordedAt: r.recordedAt, deviceTime: r.deviceTime };
}

function replay(recorded: CheckinRecord, requestHash: string, initial: string, log: RequestLog): CheckinReceipt {
  log.append({ participantRef: recorded.participantId, replay: true });
  return receiptOf(sameRequest(recorded, requestHash), initial);
}

function sameRequest(existing: CheckinRecord, requestHash: string): CheckinRecord {
  if (existing.requestHash !== requestHash) throw new ConflictError('EVENT_ID_CONFLICT', 'This eventId was already used for a different check-in');
  return existing;
}

/** A queued tap refused for good is kept for the card holder's adviser, then the refusal is answered. */
async function refuse(deps: Deps, auth: AuthContext, body: CheckinBody, participantId: string | undefined, error: AppError, log: RequestLog): Promise<never> {
  if (body.queued === true && participantId !== undefined && auth.role === 'kiosk') {
    await deps.attendance.recordRefusedReplay({
      eventId: body.eventId,
      participantId,
      municipality: auth.municipality,
      deviceId: body.deviceId,
      type: body.type,
      deviceTime: body.deviceTime,
      code: error.code,
      refusedAt: deps.clock.now().toISOString(),
    });
    log.append({ refusedReplayKept: true });
  }
  throw error;
}

export async function recordCheckin(deps: Deps, auth: AuthContext, body: CheckinBody, log: RequestLog): Promise<CheckinReceipt> {
  // An app's file first (issue 8 item 7), before anything else about the request, as the middleware checks it for
  // every other participant route: from deps.fileChecks, which reads nothing when it remembers the file (quality.md
  // P3; shared/adapters/file-checks.ts: a change made past this process counts within CHECKIN_FILE_CHECK_MAX_AGE_SECONDS).
  const appFile = auth.role === 'participant' ? await requireActiveParticipantForCheckin(deps, auth) : undefined;
  const caller = await callerOf(deps, auth, body);
  const request: CheckinRequest = {
    eventId: body.eventId,
    type: body.type,
    deviceId: body.deviceId,
    deviceTime: body.deviceTime,
    caller: caller.role === 'participant' ? { participantId: caller.participantId } : { kioskDeviceId: body.deviceId, credential: { kind: caller.credential.kind, secretHash: caller.credential.secretHash } },
  };
  const requestHash = checkinRequestHash(request);

  // A kiosk replay is answered from its record before identification, so an offline
  // kiosk's queue does not run scrypt (and count PIN attempts) again.
  if (caller.role === 'kiosk') {
    const recorded = await deps.attendance.getEvent(body.eventId);
    if (recorded !== undefined) return replay(recorded, requestHash, (await deps.fileChecks.check(recorded.participantId)).file?.initial ?? initialOf(''), log);
  }

  let participantId: string;
  if (caller.role === 'participant') participantId = caller.participantId;
  else if (caller.identification !== undefined) participantId = caller.identification.participantId;
  else {
    const identified = await identifyAtKiosk(deps, auth, caller.credential, log, ROUTE);
    // 429s are not final (the kiosk tries the tap again later): only final refusals are kept.
    if (!identified.ok) return refuse(deps, auth, body, identified.error.status === 429 ? undefined : identified.participantId, identified.error, log);
    participantId = identified.participantId;
  }
  log.append({ participantRef: participantId });
  // A kiosk names the participant by card, not by token: its file is read now, never taken from what is remembered
  // (after card + PIN's scrypt, one read costs little), and that read gives the receipt's initial too.
  let file: CheckedFile;
  if (caller.role === 'kiosk') {
    try {
      file = await requireActiveParticipantForCheckin(deps, { participantId, municipality: auth.municipality }, true);
    } catch (error) {
      if (error instanceof ForbiddenError) return refuse(deps, auth, body, participantId, error, log);
      throw error;
    }
  } else file = appFile!;
  if (file.initial === undefined) throw new UnauthenticatedError('UNKNOWN_PARTICIPANT', 'No participant file for this login');
  const initial = file.initial;

  const now = deps.clock.now();
  const verdict = await judgeTime(deps, auth, body, now.getTime());
  if (verdict.verdict !== 'OK') {
    // The window applies to new events only: a recorded event is answered whenever its replay comes (R3).
    const recorded = caller.role === 'participant' ? await deps.attendance.getEvent(body.eventId) : undefined;
    if (recorded !== undefined) return replay(recorded, requestHash, initial, log);
    const error =
      verdict.verdict === 'IN_FUTURE'
        ? new BadRequestError('DEVICE_TIME_IN_FUTURE', 'deviceTime is more than 5 minutes ahead of the server clock')
        : caller.role === 'participant'
          ? new BadRequestError('DEVICE_TIME_TOO_OLD', 'An app check-in is recorded when it is sent: deviceTime must be within 5 minutes of the server clock (check in now; an earlier day is corrected by your adviser)')
          : new BadRequestError('DEVICE_TIME_TOO_OLD', `deviceTime is older than the replay window of ${verdict.windowHours} hours`);
    return refuse(deps, auth, body, participantId, error, log);
  }

  if (caller.role === 'kiosk' && caller.identification !== undefined && (await deps.kiosk.claimIdentification(caller.identification.identificationId, body.eventId)) === 'used')
    throw new ConflictError('IDENTIFICATION_USED', 'This identification was used for another check-in or check-out: identify again');

  // S12: the app's event counts at the server's time; only a kiosk's device time is taken as sent.
  const app = caller.role === 'participant';
  const counted = app ? now.toISOString() : body.deviceTime;
  const record: CheckinRecord = {
    eventId: body.eventId,
    participantId,
    municipality: auth.municipality,
    type: body.type,
    deviceId: body.deviceId,
    deviceTime: counted,
    deviceTimeUtc: new Date(Date.parse(counted)).toISOString(),
    ...(app ? { sentDeviceTime: body.deviceTime } : {}),
    recordedAt: now.toISOString(),
    receiptId: deps.ids.newId('rcpt'),
    requestHash,
    source: app ? 'app' : 'kiosk',
  };
  // Create-once (one conditional PutItem, no read before it on a remembered file): the condition tells a new
  // event from a replay or a concurrent duplicate, which are answered from the stored record.
  const put = await deps.attendance.putEventOnce(record);
  if (!put.created) log.append({ replay: true });
  return receiptOf(put.created ? record : sameRequest(put.existing, requestHash), initial);
}

/**
 * S12: an app's device time is only checked (within 5 minutes of the server);
 * a registered kiosk's may be as old as the municipality's replay window. A
 * live kiosk tap gets the same verdict under every policy, so the policy is
 * read only for an older device time.
 */
async function judgeTime(deps: Deps, auth: AuthContext, body: CheckinBody, nowMs: number): Promise<{ verdict: DeviceTimeVerdict; windowHours: number }> {
  if (auth.role === 'participant') return { verdict: judgeAppTime(body.deviceTime, nowMs), windowHours: 0 };
  const quick = judgeDeviceTime(body.deviceTime, nowMs, MIN_REPLAY_WINDOW_HOURS);
  if (quick !== 'TOO_OLD') return { verdict: quick, windowHours: MIN_REPLAY_WINDOW_HOURS };
  const settings = (await deps.policies.getPolicy(auth.municipality))?.attendance ?? DEFAULT_ATTENDANCE_SETTINGS;
  return { verdict: judgeDeviceTime(body.deviceTime, nowMs, settings.replayWindowHours), windowHours: settings.replayWindowHours };
}
