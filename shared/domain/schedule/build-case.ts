/**
 * Assembles the engine's case (case-format.md) for one participant and month
 * from what the database holds: profile facts, schedule, raw check-in/out
 * events and absence records. The payroll workflow calls it; the engine then
 * judges the case. Pure: `computedAt` and every record are arguments.
 *
 * - `days`: every programme day of the month (schedule.ts), each with its
 *   present minutes from the day's events (presence.ts), or from the
 *   adviser's correction in force on that day (day-correction.ts): a
 *   corrected day counts what the adviser stated, whatever the events say.
 * - `absences`: records dated in the month; `history.absences`: records in
 *   the year before the month (the quota windows of benefit-rules.md §§ 5–6
 *   reach one year back from the month's first day).
 * - A whole-day record (`minutes: null`) covers the day's planned minutes; on
 *   a date that is no programme day it covers nothing and is left out (the
 *   engine would ignore it anyway, and it must count towards no quota).
 */
import type { Case, CaseInput } from '../case.js';
import { caseOf } from '../case.js';
import { monthInfo, oneYearBefore } from '../calendar.js';
import type { AbsenceStatus, Category, Documentation } from '../decision.js';
import type { PolicyOverrides } from '../policy.js';
import { osloDateOf } from '../attendance/oslo-time.js';
import type { DayCorrection } from '../attendance/day-correction.js';
import { correctedPresentMinutes, correctionsInForce } from '../attendance/day-correction.js';
import type { PresenceEvent, PresencePolicy } from '../attendance/presence.js';
import { dayPresence } from '../attendance/presence.js';
import type { Schedule } from './schedule.js';
import { programmeDays, scheduleOn } from './schedule.js';

export interface AbsenceRecord {
  date: string;
  /** null: the whole day. */
  minutes: number | null;
  category: Category;
  documentation: Documentation;
  status: AbsenceStatus;
}

export interface BuildCaseInput {
  period: string;
  computedAt: string;
  municipality: { code: string; policy?: PolicyOverrides };
  presencePolicy: PresencePolicy;
  participant: CaseInput['participant'];
  schedule: Schedule;
  /** Check-in/out events; any dates (only the month's programme days are used). */
  events: readonly PresenceEvent[];
  /** Absence records; any dates (the month's and the year before are used), in recorded order. */
  absences: readonly AbsenceRecord[];
  /** Advisers' corrections of days; any dates, every version (the latest of a date decides it). */
  corrections?: readonly DayCorrection[];
  isHoliday: (date: string) => boolean;
}

export function buildCase(input: BuildCaseInput): Case {
  const m = monthInfo(input.period);
  const historyFrom = oneYearBefore(m.first);

  const eventsByDate = new Map<string, PresenceEvent[]>();
  for (const e of input.events) {
    const date = osloDateOf(e.deviceTime);
    eventsByDate.set(date, [...(eventsByDate.get(date) ?? []), e]);
  }

  const corrected = correctionsInForce(input.corrections ?? []);
  const days = programmeDays(input.period, input.schedule, input.isHoliday).map((d) => {
    const correction = corrected.get(d.date);
    return {
      date: d.date,
      plannedMinutes: d.plannedMinutes,
      presentMinutes:
        correction === undefined ? dayPresence(eventsByDate.get(d.date) ?? [], d.sessions, input.presencePolicy).presentMinutes : correctedPresentMinutes(correction.present, d.sessions),
    };
  });

  const toCaseAbsence = (a: AbsenceRecord) => {
    const minutes = a.minutes ?? scheduleOn(a.date, input.schedule, input.isHoliday).plannedMinutes;
    return { date: a.date, minutes, category: a.category, documentation: a.documentation, status: a.status };
  };
  const byDate = [...input.absences].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const resolved = byDate.map(toCaseAbsence).filter((a) => a.minutes > 0);

  // Built here from stored records, typed: checked by hand, as strictly as the schema (case.ts `caseOf`).
  return caseOf({
    caseVersion: 1,
    period: input.period,
    computedAt: input.computedAt,
    municipality: input.municipality.policy === undefined ? { code: input.municipality.code } : input.municipality,
    participant: input.participant,
    days,
    absences: resolved.filter((a) => a.date >= m.first && a.date <= m.last),
    history: { absences: resolved.filter((a) => a.date >= historyFrom && a.date < m.first) },
  } satisfies CaseInput);
}
