/**
 * Anonymised statistics per municipality and month (issue 12 item 4):
 * participants, attendance rate, absence hours by group, deduction totals,
 * decisions per review class, complaints and their outcomes. No ids leave
 * this function: its input is the month's decisions and complaints, its
 * output numbers only, every cell under 5 people suppressed with the totals
 * that would give it back (small-cell-suppression.ts).
 *
 * A month's figures are the same whatever period is asked for (each month is
 * computed alone), so asking for overlapping periods gives no differences to
 * subtract.
 */
import type { CalendarDay, ReviewClass } from '../decision.js';
import { ABSENCE_GROUPS, absenceExtent, hoursOf, percentOf, type AbsenceGroup } from './absence-extent.js';
import { COMPLAINT_OUTCOMES, type ComplaintOutcome } from './complaint-facts.js';
import { MIN_PEOPLE, suppressCells, type CellInput, type Relation } from './small-cell-suppression.js';

export interface StatisticsDecision {
  calendar: readonly CalendarDay[];
  deductionOre: number;
  review: ReviewClass;
}

export interface MonthInput {
  period: string;
  /** The latest decision of each participant of the month (one per participant). */
  decisions: readonly StatisticsDecision[];
  /** Outcomes of the complaints received in the month (one per complaint). */
  complaints: readonly ComplaintOutcome[];
}

const REVIEW_CLASSES: readonly ReviewClass[] = ['AUTOMATIC', 'REVIEW', 'VEDTAK_REQUIRED'];

export const STATISTICS_COLUMNS = [
  'participants',
  'attendance_rate_percent',
  ...ABSENCE_GROUPS.map((g) => `absence_hours_${g.toLowerCase()}`),
  'deductions_nok',
  ...REVIEW_CLASSES.map((c) => `decisions_${c.toLowerCase()}`),
  'complaints',
  ...COMPLAINT_OUTCOMES.map((o) => `complaints_${o.toLowerCase()}`),
] as const;

export interface MonthStatistics {
  period: string;
  /** Column → published value (a decimal string), or null when suppressed. */
  cells: Record<string, string | null>;
}

const RELATIONS: readonly Relation[] = [
  { total: 'participants', parts: REVIEW_CLASSES.map((c) => `decisions_${c.toLowerCase()}`) },
  { total: 'complaints', parts: COMPLAINT_OUTCOMES.map((o) => `complaints_${o.toLowerCase()}`) },
];

const count = (n: number): CellInput => ({ value: n, contributors: n });
const nok = (ore: number) => `${ore < 0 ? '-' : ''}${Math.floor(Math.abs(ore) / 100)}.${String(Math.abs(ore) % 100).padStart(2, '0')}`;

export function monthStatistics(m: MonthInput): MonthStatistics {
  const n = m.decisions.length;
  const extents = m.decisions.map((d) => absenceExtent(d.calendar));
  const planned = extents.reduce((s, e) => s + e.plannedMinutes, 0);
  const present = extents.reduce((s, e) => s + e.presentMinutes, 0);
  const cells: Record<string, CellInput> = { participants: count(n), attendance_rate_percent: { value: 0, contributors: n } };
  const shown: Record<string, string> = { participants: String(n), attendance_rate_percent: n === 0 ? '' : percentOf(present, planned) };
  for (const g of ABSENCE_GROUPS) {
    const minutes = extents.reduce((s, e) => s + e.byGroup[g as AbsenceGroup], 0);
    cells[`absence_hours_${g.toLowerCase()}`] = { value: minutes, contributors: extents.filter((e) => e.byGroup[g] > 0).length };
    shown[`absence_hours_${g.toLowerCase()}`] = hoursOf(minutes);
  }
  const deduction = m.decisions.reduce((s, d) => s + d.deductionOre, 0);
  cells.deductions_nok = { value: deduction, contributors: m.decisions.filter((d) => d.deductionOre !== 0).length };
  shown.deductions_nok = nok(deduction);
  for (const c of REVIEW_CLASSES) {
    const k = m.decisions.filter((d) => d.review === c).length;
    cells[`decisions_${c.toLowerCase()}`] = count(k);
    shown[`decisions_${c.toLowerCase()}`] = String(k);
  }
  cells.complaints = count(m.complaints.length);
  shown.complaints = String(m.complaints.length);
  for (const o of COMPLAINT_OUTCOMES) {
    const k = m.complaints.filter((c) => c === o).length;
    cells[`complaints_${o.toLowerCase()}`] = count(k);
    shown[`complaints_${o.toLowerCase()}`] = String(k);
  }
  // Fewer than 5 participants: every figure of the month describes fewer than 5 people.
  const hidden = suppressCells(cells, RELATIONS, n > 0 && n < MIN_PEOPLE);
  return { period: m.period, cells: Object.fromEntries(STATISTICS_COLUMNS.map((c) => [c, hidden.has(c) ? null : shown[c]!])) };
}

export const STATISTICS_RELATIONS = RELATIONS;

/** CSV records: a header, then one line per month; a suppressed cell is ":" (SSB's sign for "not shown for confidentiality"). */
export function statisticsRecords(months: readonly MonthStatistics[]): string[][] {
  return [['month', ...STATISTICS_COLUMNS], ...months.map((m) => [m.period, ...STATISTICS_COLUMNS.map((c) => m.cells[c] ?? ':')])];
}
