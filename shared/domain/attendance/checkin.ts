/**
 * Rules for recording a check-in/out event (architecture.md flow 1). Pure:
 * the time now and the municipality's replay window are arguments.
 *
 * - A new event's device time may be at most 5 minutes ahead of the server
 *   (clock drift on a kiosk) and at most the replay window old (default 72 h:
 *   a kiosk offline over a long weekend still uploads its queue).
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
