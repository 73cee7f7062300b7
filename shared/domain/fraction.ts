/**
 * Exact rational arithmetic for money (benefit-rules.md §1): rates are exact
 * fractions and every ledger line is rounded half up to whole øre from the
 * exact value, never from an already-rounded rate.
 */

export interface Fraction {
  readonly n: bigint;
  /** Always > 0. */
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function frac(n: bigint | number, d: bigint | number = 1n): Fraction {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new RangeError('denominator is zero');
  if (dd < 0n) [nn, dd] = [-nn, -dd];
  const g = gcd(nn, dd);
  return g > 1n ? { n: nn / g, d: dd / g } : { n: nn, d: dd };
}

export const ONE = frac(1);

export function mul(a: Fraction, b: Fraction): Fraction {
  return frac(a.n * b.n, a.d * b.d);
}

export function div(a: Fraction, b: Fraction): Fraction {
  return frac(a.n * b.d, a.d * b.n);
}

export function min(a: Fraction, b: Fraction): Fraction {
  return a.n * b.d <= b.n * a.d ? a : b;
}

/**
 * Half up to an integer. Only sizes are rounded (a deduction is rounded as a
 * positive size, then made negative: benefit-rules.md §4), so a negative value
 * here is a programming error.
 */
export function roundHalfUp(a: Fraction): number {
  if (a.n < 0n) throw new RangeError('roundHalfUp takes a non-negative size');
  return Number((2n * a.n + a.d) / (2n * a.d));
}

/** "2/3", or "1" for integers. */
export function toFractionString(a: Fraction): string {
  return a.d === 1n ? `${a.n}` : `${a.n}/${a.d}`;
}
