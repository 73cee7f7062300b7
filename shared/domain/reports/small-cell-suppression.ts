/**
 * Small-cell suppression for the anonymised statistics (issue 12 item 4;
 * GDPR art. 89 and the privacy notices: data used for statistics only
 * anonymised). A cell is "under 5 people" when 1 to 4 people contribute to
 * it; it is not published (primary suppression). A cell no one contributes to
 * (0) describes no person and is published.
 *
 * Secondary suppression: a table also publishes totals (a total and its parts
 * form a relation `total = Σ parts`). The attacker model: someone who knows
 * every published value, every relation, and the rules above, so that a
 * suppressed cell is at least 1 (zeros are published). A suppressed cell is
 * recoverable when a relation pins it down: it is the only suppressed member,
 * or the published total leaves exactly 1 for each suppressed part. Until no
 * relation does, the smallest published non-zero part is suppressed too, or,
 * when there is none, the total.
 */

import { compare } from './leave-periods.js';

export interface CellInput {
  value: number;
  /** How many people contribute to the value. */
  contributors: number;
}

export interface Relation {
  total: string;
  parts: readonly string[];
}

export const MIN_PEOPLE = 5;

const isSmall = (c: CellInput) => c.contributors > 0 && c.contributors < MIN_PEOPLE;

/** Why a relation would give a suppressed member back, or undefined when it does not. */
export function relationLeak(values: Readonly<Record<string, number>>, suppressed: ReadonlySet<string>, r: Relation): 'ONE_UNKNOWN' | 'ALL_ONES' | undefined {
  const members = [r.total, ...r.parts];
  const hidden = members.filter((m) => suppressed.has(m));
  if (hidden.length === 0) return undefined;
  if (hidden.length === 1) return 'ONE_UNKNOWN';
  if (suppressed.has(r.total)) return undefined;
  const rest = values[r.total]! - r.parts.filter((p) => !suppressed.has(p)).reduce((s, p) => s + values[p]!, 0);
  return rest === hidden.length ? 'ALL_ONES' : undefined;
}

/**
 * The names of the cells not to publish. `allSuppressed` (fewer than 5 people
 * in the whole table) hides every cell.
 */
export function suppressCells(cells: Readonly<Record<string, CellInput>>, relations: readonly Relation[], allSuppressed: boolean): Set<string> {
  const names = Object.keys(cells);
  if (allSuppressed) return new Set(names);
  const suppressed = new Set(names.filter((n) => isSmall(cells[n]!)));
  const values = Object.fromEntries(names.map((n) => [n, cells[n]!.value]));
  // Each round hides one more cell of a leaking relation; a relation with its total hidden and
  // two members hidden leaks nothing, so this ends after at most all cells.
  for (;;) {
    const leaking = relations.find((r) => relationLeak(values, suppressed, r) !== undefined);
    if (leaking === undefined) return suppressed;
    const candidates = leaking.parts.filter((p) => !suppressed.has(p) && values[p]! > 0).sort((a, b) => values[a]! - values[b]! || compare(a, b));
    suppressed.add(candidates[0] ?? leaking.total);
  }
}
