/**
 * The month as a calendar picture, each day coloured by status, with a
 * legend. Colour is never the only signal: each day also says its status in
 * words (and screen readers get the full label).
 *
 * Two sources: a stored decision's calendar layer (the status the payout was
 * computed from), or, before the month has a decision, a provisional status
 * from the check-ins and absences (GET /me/attendance). The provisional
 * reading follows benefit-rules.md's calendar statuses as far as the
 * attendance data can tell: a pending document is WITHHELD, an approved
 * absence EXCUSED, missing minutes without an absence UNEXCUSED.
 */
import { catalogOf } from '../catalogs/index.js';
import { h } from './dom.js';
import type { AbsenceView, MonthAttendanceResponse } from '../../../shared/contract/responses.js';
import type { Lang } from './i18n.js';

export type CalStatus = 'PRESENT' | 'EXCUSED' | 'UNEXCUSED' | 'WITHHELD' | 'UNPAID_LEAVE' | 'NOT_ENROLLED' | 'NONE' | 'FUTURE';

export interface CalCell {
  date: string;
  status: CalStatus;
  category?: string;
  plannedMinutes?: number;
  presentMinutes?: number | null;
}

/** The month's days and absences as the attendance routes answer them. */
export type MonthAttendance = Pick<MonthAttendanceResponse, 'days' | 'absences'>;
export type { AbsenceView };

export interface DecisionCalendarDay {
  date: string;
  plannedMinutes: number;
  presentMinutes: number;
  status: Exclude<CalStatus, 'NONE' | 'FUTURE'>;
  segments: { minutes: number; outcome: string; category?: string }[];
}

export function cellsFromAttendance(m: MonthAttendance, today: string): CalCell[] {
  return m.days.map((d) => {
    const base = { date: d.date, plannedMinutes: d.plannedMinutes, presentMinutes: d.presentMinutes };
    const absences = m.absences.filter((a) => a.date === d.date && a.status !== 'REJECTED');
    const pending = absences.find((a) => a.status === 'PENDING');
    const approved = absences.find((a) => a.status === 'APPROVED');
    const full = d.presentMinutes !== null && d.presentMinutes >= d.plannedMinutes;
    if (full) return { ...base, status: 'PRESENT' };
    if (approved?.category === 'UNPAID_LEAVE') return { ...base, status: 'UNPAID_LEAVE' };
    if (pending !== undefined) return { ...base, status: 'WITHHELD', category: pending.category };
    if (approved !== undefined) return { ...base, status: 'EXCUSED', category: approved.category };
    if (d.date >= today) return { ...base, status: 'FUTURE' };
    return { ...base, status: 'UNEXCUSED' };
  });
}

export function cellsFromDecision(days: readonly DecisionCalendarDay[]): CalCell[] {
  return days.map((d) => {
    const cat = d.segments.find((s) => s.category !== undefined)?.category;
    return { date: d.date, status: d.status, plannedMinutes: d.plannedMinutes, presentMinutes: d.presentMinutes, ...(cat !== undefined ? { category: cat } : {}) };
  });
}

/** Categories in the reader's words (the catalog's); an unknown one is left unnamed rather than shown as a code. */
export const CATEGORY = new Proxy({} as Record<Lang, Record<string, string>>, { get: (_t, lang: string) => catalogOf(lang).calendar.category });

export function statusLabel(s: CalStatus, lang: Lang): string {
  return catalogOf(lang).calendar.status[s];
}

/** The month grid (Monday first) and its legend. */
export function renderCalendar(month: string, cells: readonly CalCell[], lang: Lang, caption: string): HTMLElement {
  const [y, mo] = month.split('-').map(Number);
  const daysIn = new Date(Date.UTC(y!, mo!, 0)).getUTCDate();
  const firstDow = (new Date(Date.UTC(y!, mo! - 1, 1)).getUTCDay() + 6) % 7;
  const byDate = new Map(cells.map((c) => [c.date, c]));
  const grid: HTMLElement[] = catalogOf(lang).calendar.dow.map((d) => h('div', { class: 'dow', 'aria-hidden': 'true' }, d));
  for (let i = 0; i < firstDow; i++) grid.push(h('div', { class: 'day blank', 'aria-hidden': 'true' }));
  for (let d = 1; d <= daysIn; d++) {
    const date = `${month}-${String(d).padStart(2, '0')}`;
    const cell = byDate.get(date) ?? { date, status: 'NONE' as const };
    const cat = cell.category !== undefined ? (CATEGORY[lang][cell.category] ?? cell.category) : undefined;
    const label = `${d}. ${statusLabel(cell.status, lang)}${cat !== undefined ? ` (${cat})` : ''}`;
    grid.push(
      h(
        'div',
        { class: `day st-${cell.status}`, role: 'listitem', 'aria-label': label, title: label, 'data-date': date, 'data-status': cell.status },
        h('span', { class: 'n', 'aria-hidden': 'true' }, d),
        h('span', { class: 's', 'aria-hidden': 'true' }, catalogOf(lang).calendar.short[cell.status]),
        cat !== undefined ? h('span', { class: 's', 'aria-hidden': 'true' }, cat) : '',
      ),
    );
  }
  const order: CalStatus[] = ['PRESENT', 'EXCUSED', 'UNEXCUSED', 'WITHHELD', 'UNPAID_LEAVE', 'NOT_ENROLLED', 'FUTURE', 'NONE'];
  return h(
    'figure',
    { class: 'month' },
    h('figcaption', { class: 'muted' }, caption),
    h('div', { class: 'calendar', role: 'list', 'aria-label': caption }, grid),
    h(
      'ul',
      { class: 'legend', 'aria-label': catalogOf(lang).calendar.legend },
      order.map((s) => h('li', {}, h('span', { class: `sw st-${s}`, 'aria-hidden': 'true' }), statusLabel(s, lang))),
    ),
  );
}
