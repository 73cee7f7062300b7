/**
 * Grunnbeløpet (G), the national insurance base amount, set every 1 May.
 * Source: NAV (nav.no/grunnbelopet); folketrygdloven § 1-4 (legal-basis.ts
 * row G). The amounts are the dated parameter `g` (parameters.ts): adding
 * next year's G is adding one dated value.
 */
import { oneYearBefore } from '../calendar.js';
import type { RuleMeta } from './legal-basis.js';
import { PARAMETERS, valueOn } from './parameters.js';

export const RULE = { id: 'G', reasons: [] } as const satisfies RuleMeta;

export interface GEntry {
  effectiveFrom: string;
  gOre: number;
}

export interface GLookup {
  entry: GEntry;
  /** Id of the dated value used (`g@2026-05-01`). */
  id: string;
  /**
   * True when the month lies a year or more after the entry's effective date:
   * the next G is due but not yet in the table (G_NOT_YET_REGULATED).
   */
  provisional: boolean;
}

/**
 * The G in force on `firstOfMonth`, or null when the month is before the first
 * value (an input error for the caller). Each value is valid until the next
 * 1 May; past that the latest G is used provisionally (benefit-rules.md §2).
 */
export function lookupG(firstOfMonth: string): GLookup | null {
  const found = valueOn(PARAMETERS.g, firstOfMonth);
  if (found === null) return null;
  return {
    entry: { effectiveFrom: found.from, gOre: found.value },
    id: found.id,
    provisional: oneYearBefore(firstOfMonth) >= found.from,
  };
}
