/**
 * What a participant may report as an absence (POST /absences): only what the
 * benefit rules can use (benefit-rules.md §§ 3–7). A report the rules would
 * ignore is refused at once with a code and a plain message, instead of being
 * stored and then silently ignored by the payroll run.
 *
 * - `UNPAID_LEAVE` is a period on the participant's file, set by an adviser
 *   (§3); §4 says an absence record of that category is ignored and the API
 *   refuses to create one.
 * - Child's illness (§6) needs a child: a participant whose file lists no
 *   child cannot have one ill. The file is read as the payroll reads it (the
 *   facts in force on the 1st of the month) and as it stands now, so a child
 *   registered this month already counts.
 * - A record on a date that is not a programme day of the participant (no
 *   sessions in the plan that weekday, a public holiday, a cancelled day),
 *   outside enrolment or on unpaid leave is ignored entirely (§4).
 * - Minutes beyond the day's planned minutes can never be missing minutes
 *   (§4: minutes beyond what is missing are ignored).
 * - A date whose planned minutes are already covered by reports that are not
 *   rejected: a further record covers nothing (§4, records of one date cover
 *   its missing minutes in the order given).
 *
 * Messages never echo the request (shared/http/errors.ts).
 */
import type { DateRange } from '../calendar.js';
import { inAnyRange } from '../calendar.js';
import type { AbsenceStatus, Category } from '../decision.js';
import type { ScheduledDate } from '../schedule/schedule.js';

export type ReportRefusalCode =
  | 'UNPAID_LEAVE_NOT_REPORTABLE'
  | 'NO_CHILD_ON_FILE'
  | 'NOT_A_PROGRAMME_DAY'
  | 'NOT_ENROLLED_ON_DATE'
  | 'ON_UNPAID_LEAVE_ON_DATE'
  | 'MINUTES_EXCEED_PLANNED'
  | 'ALREADY_REPORTED';

export interface ReportRefusal {
  code: ReportRefusalCode;
  message: string;
  /** The body field the refusal is about. */
  field: 'category' | 'date' | 'minutes';
}

export interface AbsenceReportInput {
  category: Category;
  date: string;
  /** null: the whole day. */
  minutes: number | null;
}

export interface ReportContext {
  /** What the schedule says about the date (schedule.ts `scheduleOn`). */
  day: ScheduledDate;
  /** The facts the payroll reads for the date's month (on its 1st). */
  facts: { children: number; enrolments: readonly DateRange[]; unpaidLeave: readonly DateRange[] };
  /** Children on the file as it stands now. */
  childrenNow: number;
  /** Earlier reports of the same date (any status). */
  sameDate: readonly { minutes: number | null; status: AbsenceStatus }[];
}

const NOT_A_PROGRAMME_DAY: Readonly<Record<Exclude<ScheduledDate['kind'], 'PLANNED' | 'CHANGED'>, string>> = {
  PUBLIC_HOLIDAY: 'The date is a public holiday, not a programme day: there is no absence to report',
  CANCELLED: 'The programme day on this date is cancelled in your plan: there is no absence to report',
  NO_SESSIONS: 'Your plan has no programme sessions on this weekday: there is no absence to report',
  NO_PLAN: 'Your programme plan does not cover this date: there is no absence to report',
};

export function checkAbsenceReport(r: AbsenceReportInput, ctx: ReportContext): ReportRefusal | null {
  if (r.category === 'UNPAID_LEAVE')
    return { code: 'UNPAID_LEAVE_NOT_REPORTABLE', field: 'category', message: 'Unpaid leave is not reported as an absence: your adviser records it as a period on your file' };
  if (r.category === 'CHILD_ILLNESS' && ctx.facts.children === 0 && ctx.childrenNow === 0)
    return { code: 'NO_CHILD_ON_FILE', field: 'category', message: 'Your file lists no children, so child illness cannot be reported; ask your adviser to update your file' };
  const day = ctx.day;
  if (day.kind !== 'PLANNED' && day.kind !== 'CHANGED') return { code: 'NOT_A_PROGRAMME_DAY', field: 'date', message: NOT_A_PROGRAMME_DAY[day.kind] };
  if (!inAnyRange(r.date, ctx.facts.enrolments))
    return { code: 'NOT_ENROLLED_ON_DATE', field: 'date', message: 'You are not enrolled in the programme on this date: there is no absence to report' };
  if (inAnyRange(r.date, ctx.facts.unpaidLeave))
    return { code: 'ON_UNPAID_LEAVE_ON_DATE', field: 'date', message: 'You are on unpaid leave on this date: there is no absence to report' };
  if (r.minutes !== null && r.minutes > day.plannedMinutes)
    return { code: 'MINUTES_EXCEED_PLANNED', field: 'minutes', message: `The day has ${day.plannedMinutes} planned minutes; report at most that many, or the whole day` };
  const covered = ctx.sameDate.filter((a) => a.status !== 'REJECTED').reduce((n, a) => n + (a.minutes ?? day.plannedMinutes), 0);
  if (covered >= day.plannedMinutes)
    return { code: 'ALREADY_REPORTED', field: 'date', message: 'Absence for the whole of this day is already reported; a rejected report can be replaced by a new one' };
  return null;
}
