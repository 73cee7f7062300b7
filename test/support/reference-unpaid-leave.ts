/**
 * A second, deliberately plain implementation of the base amount and the
 * unpaid-leave lines of benefit-rules.md §3, for the property tests: BigInt
 * arithmetic straight from the spec's formulas, day by day over the calendar,
 * sharing no code with shared/domain beyond the parsed case. The engine must
 * agree with it to the øre.
 */
import type { Case } from '../../shared/domain/case.js';

const inRanges = (date: string, ranges: readonly { from: string; to: string | null }[]) =>
  ranges.some((r) => r.from <= date && (r.to === null || date <= r.to));

/** n / d rounded half up, for n, d > 0. */
const roundHalfUp = (n: bigint, d: bigint) => Number((2n * n + d) / (2n * d));

export interface ReferenceLeave {
  baseOre: number;
  /** [date, amountOre] of each UNPAID_LEAVE line, in date order. */
  leave: [string, number][];
  everyEnrolledDayOnLeave: boolean;
}

export function referenceBaseAndLeave(c: Case, gOre: number, factor: string): ReferenceLeave {
  const [year, month] = c.period.split('-').map(Number) as [number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const dates = Array.from({ length: daysInMonth }, (_, i) => `${c.period}-${String(i + 1).padStart(2, '0')}`);
  const enrolled = dates.filter((d) => inRanges(d, c.participant.enrolments));
  const onLeave = enrolled.filter((d) => inRanges(d, c.participant.unpaidLeave));

  const [fn, fd] = factor.includes('/') ? factor.split('/').map(BigInt) : [BigInt(factor), 1n];
  // A = 2 · G · f; M = A / 12; D = M / 30.
  const mN = 2n * BigInt(gOre) * fn!;
  const mD = 12n * fd!;
  const dD = mD * 30n;
  const n = BigInt(enrolled.length);
  let baseOre: number;
  if (enrolled.length === daysInMonth) baseOre = roundHalfUp(mN, mD);
  else if (c.municipality.policy.proration === 'P1') baseOre = mN * n * mD < mN * dD ? roundHalfUp(mN * n, dD) : roundHalfUp(mN, mD);
  else baseOre = roundHalfUp(mN * n, mD * BigInt(daysInMonth));

  const dayOre = roundHalfUp(mN, dD);
  const every = onLeave.length > 0 && onLeave.length === enrolled.length;
  let left = baseOre;
  const leave = onLeave.map((date, i): [string, number] => {
    const size = every && i === onLeave.length - 1 ? left : Math.min(dayOre, left);
    left -= size;
    return [date, size === 0 ? 0 : -size];
  });
  return { baseOre, leave, everyEnrolledDayOnLeave: every };
}
