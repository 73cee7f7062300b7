/**
 * Time is injected (quality.md style 2): handlers read it from their deps, so
 * tests can fix it or move it days ahead (R3).
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told to move; for tests and demos. */
export class FixedClock implements Clock {
  #ms: number;
  constructor(start: string | Date) {
    this.#ms = new Date(start).getTime();
    if (Number.isNaN(this.#ms)) throw new Error('FixedClock: invalid start time');
  }
  now(): Date {
    return new Date(this.#ms);
  }
  set(to: string | Date): void {
    const ms = new Date(to).getTime();
    if (Number.isNaN(ms)) throw new Error('FixedClock: invalid time');
    this.#ms = ms;
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
}
