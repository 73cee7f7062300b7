/**
 * Ids are injected (quality.md style 2): random in production, predictable in
 * tests. An id is a prefix and an opaque part, e.g. `rcpt-3f2c…`.
 */
import { randomUUID } from 'node:crypto';

export interface Ids {
  newId(prefix: string): string;
}

export const randomIds: Ids = { newId: (prefix) => `${prefix}-${randomUUID()}` };

/** `prefix-1`, `prefix-2`, …: one counter per prefix. */
export class SequentialIds implements Ids {
  readonly #counters = new Map<string, number>();
  newId(prefix: string): string {
    const n = (this.#counters.get(prefix) ?? 0) + 1;
    this.#counters.set(prefix, n);
    return `${prefix}-${n}`;
  }
}
