/**
 * Rules for recording a check-in/out event (architecture.md flow 1). Pure:
 * the time now and the municipality's replay window are arguments.
 *
 * - Time comes from the server (quality.md S12). Only a registered kiosk's
 *   events may carry an earlier device time: at most 5 minutes ahead of the
 *   server (clock drift) and at most the replay window old (default 72 h: a
 *   kiosk offline over a long weekend still uploads its queue).
 * - An app's event counts at the server's time. Its device time is only a
 *   check: more than APP_TOLERANCE_MS off the server's clock, either way, and
 *   the event is refused (DEVICE_TIME_TOO_OLD / DEVICE_TIME_IN_FUTURE), so an
 *   app can neither backdate a day nor have a tap silently moved.
 * - These checks apply to NEW events only: a replay of a recorded event id is
 *   answered from the record, whenever it comes (quality.md R3).
 * - The request hash binds an event id to what was asked the first time
 *   (R2); it covers the caller and the credential used, never the PIN.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';
import type { CheckType } from './presence.js';

export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * The smallest replay window a municipality can set (the policy route's
 * schema bounds it from below). A device time judged OK or IN_FUTURE against
 * this window gets the same verdict under every policy, so only a TOO_OLD
 * verdict here needs the municipality's own window.
 */
export const MIN_REPLAY_WINDOW_HOURS = 1;

export type DeviceTimeVerdict = 'OK' | 'IN_FUTURE' | 'TOO_OLD';

/**
 * How far an app's clock may be from the server's. Chosen as the kiosk's
 * tolerance ahead: phones keep network time, so more than this is either a
 * wrong clock or a backdated event (issue 8 item 4), and the app is told to
 * check in now rather than having its time trusted.
 */
export const APP_TOLERANCE_MS = 5 * 60 * 1000;

/** An app's device time against the server's clock; the event itself counts at the server's time. */
export function judgeAppTime(deviceTime: string, nowMs: number): DeviceTimeVerdict {
  const t = Date.parse(deviceTime);
  if (t > nowMs + APP_TOLERANCE_MS) return 'IN_FUTURE';
  if (t < nowMs - APP_TOLERANCE_MS) return 'TOO_OLD';
  return 'OK';
}

export function judgeDeviceTime(deviceTime: string, nowMs: number, replayWindowHours: number): DeviceTimeVerdict {
  const t = Date.parse(deviceTime);
  if (t > nowMs + FUTURE_TOLERANCE_MS) return 'IN_FUTURE';
  if (t < nowMs - replayWindowHours * 3_600_000) return 'TOO_OLD';
  return 'OK';
}

export interface CheckinRequest {
  eventId: string;
  type: CheckType;
  deviceId: string;
  deviceTime: string;
  /** Who asked: the participant (app) or the kiosk device and the credential presented there. */
  caller: { participantId: string } | { kioskDeviceId: string; credential: { kind: 'CARD' | 'QR'; secretHash: string } };
}

export function checkinRequestHash(r: CheckinRequest): string {
  return `sha256:${createHash('sha256').update(canonicalJson(r)).digest('hex')}`;
}

/** The initial the kiosk shows on the receipt: the given name's first letter, upper case. */
export function initialOf(givenName: string): string {
  const first = Array.from(givenName.trim())[0];
  return first === undefined ? '?' : first.toLocaleUpperCase('nb-NO');
}
