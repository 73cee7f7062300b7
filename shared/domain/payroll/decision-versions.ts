/**
 * Decisions are immutable and versioned per participant and month (R5): a
 * correction is a new version that supersedes the old one. Readers want the
 * latest version of each month, and the adviser's review queue wants the
 * decisions still waiting for a formal decision first. Pure.
 */

export interface VersionRef {
  participantId: string;
  period: string;
  version: number;
}

/** `pid#period#version`: names one decision version (and its resolution). */
export const versionKey = (r: VersionRef): string => `${r.participantId}#${r.period}#${r.version}`;

/** The highest version of each participant and month, ordered by participant, then newest month first. */
export function latestPerPeriod<T extends VersionRef>(items: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const item of items) {
    const k = `${item.participantId}#${item.period}`;
    const seen = latest.get(k);
    if (seen === undefined || item.version > seen.version) latest.set(k, item);
  }
  return [...latest.values()].sort((a, b) => compareText(a.participantId, b.participantId) || compareText(b.period, a.period));
}

/** One month's versions, oldest first. */
export function versionsOf<T extends VersionRef>(items: readonly T[], period: string): T[] {
  return items.filter((i) => i.period === period).sort((a, b) => a.version - b.version);
}

export interface ReviewItem extends VersionRef {
  resolved: boolean;
}

/**
 * The adviser's queue: unresolved first (a payroll run waits for them), the
 * oldest month first within each group (the longest waiting), then by
 * participant and version so the order is stable.
 */
export function orderReviews<T extends ReviewItem>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) => Number(a.resolved) - Number(b.resolved) || compareText(a.period, b.period) || compareText(a.participantId, b.participantId) || a.version - b.version,
  );
}

/** Code-unit order (stable across locales). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
