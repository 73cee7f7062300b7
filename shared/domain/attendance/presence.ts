/**
 * Present minutes of one programme day (benefit-rules.md §4: R, from
 * check-ins, capped at P): the overlap of the day's IN–OUT intervals with its
 * scheduled sessions. Time outside the sessions (arriving early, staying
 * late, the lunch break between sessions) does not count, so R ≤ P holds by
 * construction.
 *
 * Policy for imperfect event streams, each flagged so advisers can see it:
 * - Out-of-order arrival: events are judged in device-time order (a kiosk
 *   that was offline uploads late; the order it happened is what counts),
 *   ties broken by event id so the result never depends on arrival order.
 * - Duplicate IN (IN while already in): the first IN is kept (`DUPLICATE_IN`).
 * - Duplicate OUT (OUT after an OUT with no IN between): the last OUT is kept,
 *   extending the interval the first OUT closed (`DUPLICATE_OUT`).
 * - OUT without any earlier IN: ignored (`OUT_WITHOUT_IN`).
 * - Missing check-out (still IN at the end): `MISSING_CHECKOUT`, and the
 *   municipality's `missingCheckout` policy decides: `END_OF_SESSION`
 *   (default) counts until the end of the session in progress at the IN (or
 *   the next session, when the IN came before it); `COUNT_NOTHING` counts none
 *   of the open interval. For a day still in progress the caller may pass
 *   `openUntil` (now): an open interval then runs until then, flagged
 *   `CHECKED_IN` instead.
 *
 * Times are seconds since local midnight (Europe/Oslo); the total is rounded
 * to whole minutes at the end, half up.
 */
import type { Interval } from '../schedule/schedule.js';
import { osloTime } from './oslo-time.js';

export type CheckType = 'IN' | 'OUT';

export interface PresenceEvent {
  eventId: string;
  type: CheckType;
  /** Device time, ISO 8601 with offset. */
  deviceTime: string;
}

export type MissingCheckoutPolicy = 'END_OF_SESSION' | 'COUNT_NOTHING';

export interface PresencePolicy {
  missingCheckout: MissingCheckoutPolicy;
}

export const DEFAULT_PRESENCE_POLICY: PresencePolicy = { missingCheckout: 'END_OF_SESSION' };

export type PresenceFlagCode = 'MISSING_CHECKOUT' | 'CHECKED_IN' | 'DUPLICATE_IN' | 'DUPLICATE_OUT' | 'OUT_WITHOUT_IN';

export interface PresenceFlag {
  code: PresenceFlagCode;
  eventId: string;
}

export interface DayPresence {
  plannedMinutes: number;
  presentMinutes: number;
  /** IN–OUT intervals in seconds since local midnight, as judged (before overlap with sessions). */
  intervals: { from: number; to: number }[];
  flags: PresenceFlag[];
}

interface Timed {
  eventId: string;
  type: CheckType;
  ms: number;
  second: number;
}

function overlapSeconds(a: { from: number; to: number }, s: Interval): number {
  return Math.max(0, Math.min(a.to, s.end * 60) - Math.max(a.from, s.start * 60));
}

/**
 * @param events the day's events (Europe/Oslo date of their device time), any order
 * @param sessions the day's merged sessions (schedule.ts `mergeSessions`)
 * @param openUntil second of day up to which an open interval counts, for a day in progress
 */
export function dayPresence(events: readonly PresenceEvent[], sessions: readonly Interval[], policy: PresencePolicy, openUntil?: number): DayPresence {
  const timed: Timed[] = events
    .map((e) => {
      const ms = Date.parse(e.deviceTime);
      return { eventId: e.eventId, type: e.type, ms, second: osloTime(ms).secondOfDay };
    })
    .sort((a, b) => a.ms - b.ms || (a.eventId < b.eventId ? -1 : 1));

  const intervals: { from: number; to: number }[] = [];
  const flags: PresenceFlag[] = [];
  let open: Timed | undefined;
  let lastClosed: { from: number; to: number } | undefined;
  for (const e of timed) {
    if (e.type === 'IN') {
      if (open === undefined) open = e;
      else flags.push({ code: 'DUPLICATE_IN', eventId: e.eventId });
    } else if (open !== undefined) {
      lastClosed = { from: open.second, to: e.second };
      intervals.push(lastClosed);
      open = undefined;
    } else if (lastClosed !== undefined) {
      lastClosed.to = e.second;
      flags.push({ code: 'DUPLICATE_OUT', eventId: e.eventId });
    } else flags.push({ code: 'OUT_WITHOUT_IN', eventId: e.eventId });
  }

  if (open !== undefined) {
    const from = open.second;
    if (openUntil !== undefined) {
      flags.push({ code: 'CHECKED_IN', eventId: open.eventId });
      intervals.push({ from, to: Math.max(from, openUntil) });
    } else {
      flags.push({ code: 'MISSING_CHECKOUT', eventId: open.eventId });
      // The session in progress at the IN, or the next one: the first that ends after it.
      const session = sessions.find((s) => s.end * 60 > from);
      if (policy.missingCheckout === 'END_OF_SESSION' && session !== undefined) intervals.push({ from, to: session.end * 60 });
    }
  }

  const plannedMinutes = sessions.reduce((n, s) => n + s.end - s.start, 0);
  let seconds = 0;
  for (const i of intervals) for (const s of sessions) seconds += overlapSeconds(i, s);
  return { plannedMinutes, presentMinutes: Math.round(seconds / 60), intervals, flags };
}
