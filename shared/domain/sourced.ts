/**
 * Every rate, quota and cap carries its legal source and the date someone last
 * checked it against that source (quality.md "Correctness"), so that a
 * municipality's lawyer can verify each one.
 */
export interface Sourced<T> {
  readonly value: T;
  readonly source: string;
  /** ISO date the value was last checked against its source. */
  readonly lastVerified: string;
}

export function sourced<T>(value: T, source: string, lastVerified: string): Sourced<T> {
  return { value, source, lastVerified };
}
