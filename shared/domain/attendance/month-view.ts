/**
 * A participant's month as they see it (GET /me/attendance): each programme
 * day with planned and present minutes and the presence flags. Days after
 * today have no present minutes yet (null); today counts an open check-in
 * until now. A day an adviser corrected (day-correction.ts) counts the
 * corrected time instead of the check-ins, flagged CORRECTED, with the
 * correction beside it so the participant sees what was changed and why.
 * Pure: "now" is an argument.
 */
import type { Schedule } from '../schedule/schedule.js';
import { programmeDays } from '../schedule/schedule.js';
import { osloDateOf } from './oslo-time.js';
import type { DayCorrection } from './day-correction.js';
import { correctedPresentMinutes, correctionsInForce } from './day-correction.js';
import type { PresenceEvent, PresenceFlagCode, PresencePolicy } from './presence.js';
import { dayPresence } from './presence.js';

export type DayFlagCode = PresenceFlagCode | 'CORRECTED';

export interface AttendanceDay {
  date: string;
  plannedMinutes: number;
  /** null for a day that has not come yet. */
  presentMinutes: number | null;
  flags: DayFlagCode[];
  /** The adviser's correction in force on this day, if any. */
  correction?: DayCorrection;
}

export interface MonthViewInput {
  period: string;
  schedule: Schedule;
  isHoliday: (date: string) => boolean;
  events: readonly PresenceEvent[];
  policy: PresencePolicy;
  /** Europe/Oslo date and second of day now. */
  now: { date: string; secondOfDay: number };
  /** Advisers' corrections (any dates, every version). */
  corrections?: readonly DayCorrection[];
}

export function monthAttendance(input: MonthViewInput): AttendanceDay[] {
  const byDate = new Map<string, PresenceEvent[]>();
  for (const e of input.events) {
    const d = osloDateOf(e.deviceTime);
    byDate.set(d, [...(byDate.get(d) ?? []), e]);
  }
  const corrected = correctionsInForce(input.corrections ?? []);
  return programmeDays(input.period, input.schedule, input.isHoliday).map((day): AttendanceDay => {
    if (day.date > input.now.date) return { date: day.date, plannedMinutes: day.plannedMinutes, presentMinutes: null, flags: [] };
    const correction = corrected.get(day.date);
    if (correction !== undefined)
      return { date: day.date, plannedMinutes: day.plannedMinutes, presentMinutes: correctedPresentMinutes(correction.present, day.sessions), flags: ['CORRECTED'], correction };
    const openUntil = day.date === input.now.date ? input.now.secondOfDay : undefined;
    const p = dayPresence(byDate.get(day.date) ?? [], day.sessions, input.policy, openUntil);
    return { date: day.date, plannedMinutes: p.plannedMinutes, presentMinutes: p.presentMinutes, flags: p.flags.map((f) => f.code) };
  });
}
