/**
 * Which minutes of each programme day the absence records cover
 * (benefit-rules.md §4). Records of one date cover its missing minutes in the
 * order given; minutes beyond what is missing are ignored with a warning. A
 * record that covers nothing, or falls on a date that is not a listed
 * programme day, outside enrolment or on unpaid leave, is ignored entirely.
 */
import type { Absence, Case, ScheduledDay } from './case.js';
import type { DateRange } from './calendar.js';
import { inAnyRange } from './calendar.js';
import type { EngineWarning } from './decision.js';

export interface Portion {
  absenceIndex: number;
  absence: Absence;
  minutes: number;
}

export type DayState = 'JUDGED' | 'NOT_ENROLLED' | 'UNPAID_LEAVE';

export interface DayCoverage {
  day: ScheduledDay;
  state: DayState;
  present: number;
  missing: number;
  portions: Portion[];
  /** Missing minutes no record covers. */
  uncovered: number;
}

export interface Coverage {
  days: DayCoverage[];
  warnings: EngineWarning[];
}

export function coverDays(c: Case, onUnpaidLeave: (date: string) => boolean): Coverage {
  const enrolments: readonly DateRange[] = c.participant.enrolments;
  const warnings: EngineWarning[] = [];
  const byDate = new Map<string, { absence: Absence; index: number }[]>();
  c.absences.forEach((absence, index) => {
    const list = byDate.get(absence.date) ?? [];
    list.push({ absence, index });
    byDate.set(absence.date, list);
  });
  const warn = (code: EngineWarning['code'], r: { absence: Absence; index: number }, minutes: number) =>
    warnings.push({ code, date: r.absence.date, absenceIndex: r.index, minutes });

  const days = [...c.days]
    .sort((a, b) => (a.date < b.date ? -1 : 1))
    .map((day): DayCoverage => {
      const records = byDate.get(day.date) ?? [];
      byDate.delete(day.date);
      const present = Math.min(day.presentMinutes, day.plannedMinutes);
      const missing = day.plannedMinutes - present;
      const state: DayState = !inAnyRange(day.date, enrolments) ? 'NOT_ENROLLED' : onUnpaidLeave(day.date) ? 'UNPAID_LEAVE' : 'JUDGED';
      if (state !== 'JUDGED') {
        const code = state === 'NOT_ENROLLED' ? 'ABSENCE_IGNORED_NOT_ENROLLED' : 'ABSENCE_IGNORED_UNPAID_LEAVE';
        for (const r of records) warn(code, r, r.absence.minutes);
        return { day, state, present, missing, portions: [], uncovered: 0 };
      }
      let remaining = missing;
      const portions: Portion[] = [];
      for (const r of records) {
        // Unpaid leave is handled as calendar days (§3), never as a record covering minutes.
        if (r.absence.category === 'UNPAID_LEAVE') {
          warn('ABSENCE_IGNORED_UNPAID_LEAVE_CATEGORY', r, r.absence.minutes);
          continue;
        }
        const covered = Math.min(r.absence.minutes, remaining);
        if (covered === 0) {
          warn('ABSENCE_IGNORED_NO_MISSING_MINUTES', r, r.absence.minutes);
          continue;
        }
        if (covered < r.absence.minutes) warn('ABSENCE_MINUTES_EXCEED_MISSING', r, r.absence.minutes - covered);
        portions.push({ absenceIndex: r.index, absence: r.absence, minutes: covered });
        remaining -= covered;
      }
      return { day, state, present, missing, portions, uncovered: remaining };
    });

  for (const records of byDate.values())
    for (const r of records) warn('ABSENCE_IGNORED_NOT_PROGRAMME_DAY', r, r.absence.minutes);
  warnings.sort((a, b) => a.absenceIndex - b.absenceIndex);
  return { days, warnings };
}
