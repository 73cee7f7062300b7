/**
 * Grunnbeløpet (G), the national insurance base amount, set every 1 May.
 * Source: NAV (nav.no/grunnbelopet); folketrygdloven § 1-4 (legal-basis.ts
 * row G). The table is data:
 * adding next year's G is adding one row. Amounts in øre.
 */
import type { Sourced } from '../sourced.js';
import { sourced } from '../sourced.js';
import { oneYearBefore } from '../calendar.js';
import type { RuleMeta } from './legal-basis.js';

export const RULE = { id: 'G', reasons: [] } as const satisfies RuleMeta;

export interface GEntry {
  effectiveFrom: string;
  gOre: number;
}

export const G_TABLE: readonly Sourced<GEntry>[] = [
  sourced({ effectiveFrom: '2022-05-01', gOre: 11_147_700 }, 'NAV: grunnbeløpet fra 1. mai 2022', '2026-11-24'),
  sourced({ effectiveFrom: '2023-05-01', gOre: 11_862_000 }, 'NAV: grunnbeløpet fra 1. mai 2023', '2026-11-24'),
  sourced({ effectiveFrom: '2024-05-01', gOre: 12_402_800 }, 'NAV: grunnbeløpet fra 1. mai 2024', '2026-11-24'),
  sourced({ effectiveFrom: '2025-05-01', gOre: 13_016_000 }, 'NAV: grunnbeløpet fra 1. mai 2025', '2026-11-24'),
  // Secondary source (benefit-rules.md §2): NAV's published code, not the regulation text.
  sourced({ effectiveFrom: '2026-05-01', gOre: 13_654_900 }, 'NAV: grunnbeløpet fra 1. mai 2026 (NAVs publiserte kode, sekundærkilde)', '2026-11-24'),
];

export interface GLookup {
  entry: GEntry;
  /**
   * True when the month lies a year or more after the entry's effective date:
   * the next G is due but not yet in the table (G_NOT_YET_REGULATED).
   */
  provisional: boolean;
}

/**
 * The G in force on `firstOfMonth`, or null when the month is before the first
 * entry (an input error for the caller). Each entry is valid until the next
 * 1 May; past that the latest G is used provisionally (benefit-rules.md §2).
 */
export function lookupG(firstOfMonth: string, table: readonly Sourced<GEntry>[] = G_TABLE): GLookup | null {
  let found: GEntry | null = null;
  for (const row of table) if (row.value.effectiveFrom <= firstOfMonth) found = row.value;
  if (found === null) return null;
  return { entry: found, provisional: oneYearBefore(firstOfMonth) >= found.effectiveFrom };
}
