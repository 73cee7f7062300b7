/**
 * The audit chain's rules, as pure functions (quality.md R7, S11): how a
 * sealed entry is hashed, what its MAC covers, and how a stored chain is
 * checked entry by entry. No I/O here: the MAC itself comes from
 * audit-mac.ts (KMS on AWS, a key file locally), the entries from the table,
 * the anchored heads from write-once storage (audit-anchors.ts).
 *
 * A sealed entry n of chain c (a participant id, or `RUN#<runId>`) stores
 *   prevHash = hash of entry n−1 (64 zeros for n = 1)
 *   hash     = sha256(canonical(entry without hash and mac) + prevHash)
 *   mac      = HMAC-SHA-256 under the audit key of `introflyt-audit-v1 c n hash`
 * so the hash of the last entry commits to every entry before it, and only
 * the holder of the audit key (the one sealing function) can make a MAC that
 * verifies. Someone who rewrites the table and recomputes hashes, with any
 * key they can guess, still fails the MAC of the entry they changed.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/canonical-json.js';

export const GENESIS_HASH = '0'.repeat(64);
export const MAC_DOMAIN = 'introflyt-audit-v1';

/** What an entry records: the `AuditEntryInput` of audit-log.ts plus any extra scalar fields a caller adds. */
export type AuditContent = Readonly<Record<string, unknown>> & { participantId: string; at: string };

/** The fields the sealer sets; an appended entry cannot carry them. */
export const SEALED_FIELDS = ['entryId', 'seq', 'prevHash', 'hash', 'mac', 'sealedAt', 'state'] as const;

export interface SealedFields {
  entryId: string;
  seq: number;
  prevHash: string;
  hash: string;
  mac: string;
  sealedAt: string;
}

export type SealedRecord = AuditContent & SealedFields;
/** A sealed entry before the audit key has MACed it. */
export type UnsignedRecord = AuditContent & Omit<SealedFields, 'mac'>;

/** sha256(canonical(entry without hash and mac) + prevHash), hex. */
export function hashSealed(entry: Readonly<Record<string, unknown>> & { prevHash: string }): string {
  const { hash: _h, mac: _m, ...unsigned } = entry;
  return createHash('sha256').update(canonicalJson(unsigned) + entry.prevHash).digest('hex');
}

/** The bytes the audit key MACs for entry `seq` of `chain`. */
export function macMessage(chain: string, seq: number, hash: string): string {
  return `${MAC_DOMAIN}\n${chain}\n${seq}\n${hash}`;
}

/** Entry n+1 of the chain whose head is `head`: everything but the MAC, which only the audit key can add. */
export function nextEntry(content: AuditContent, entryId: string, head: Pick<SealedFields, 'seq' | 'hash'> | undefined, sealedAt: string): UnsignedRecord {
  const unsigned = { ...content, entryId, seq: (head?.seq ?? 0) + 1, prevHash: head?.hash ?? GENESIS_HASH, sealedAt };
  return { ...unsigned, hash: hashSealed(unsigned) };
}

export type ChainProblem =
  /** The stored item is not a sealed entry (a field is missing or of the wrong type). */
  | 'MALFORMED'
  /** Sequence numbers are not 1, 2, 3, … in order: an entry was removed, inserted or moved. */
  | 'SEQUENCE_GAP'
  /** `prevHash` is not the previous entry's hash. */
  | 'BROKEN_LINK'
  /** The content no longer hashes to the stored hash: edited without recomputing. */
  | 'HASH_MISMATCH'
  /** The hash was recomputed but the audit key did not MAC it: forged, edited, renumbered or reordered. */
  | 'MAC_INVALID'
  /** The chain ends before an entry the outside anchor recorded: entries were cut off. */
  | 'TRUNCATED'
  /** The entry at an anchored position is not the one the anchor recorded: replaced after the anchor. */
  | 'ANCHOR_MISMATCH';

export interface ChainFinding {
  /** The chain: a participant id, or `RUN#<runId>` for a payroll run's own chain. */
  participantId: string;
  seq: number;
  problem: ChainProblem;
}

/** A stored item of a chain as read from the table, before it is trusted: its sort-key position and attributes. */
export interface StoredItem {
  /** From the sort key `SEQ#<10 digits>`. */
  position: number;
  attrs: Readonly<Record<string, unknown>>;
}

const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const HEX64 = /^[0-9a-f]{64}$/;

/** The item (table keys dropped) as a sealed entry of `chain`, or undefined when it cannot be one. */
export function asSealed(chain: string, attrs: Readonly<Record<string, unknown>>): SealedRecord | undefined {
  const { pk: _pk, sk: _sk, ...a } = attrs as Record<string, unknown>;
  if (a.participantId !== chain || !isNonEmptyString(a.at) || !isNonEmptyString(a.entryId) || !isNonEmptyString(a.sealedAt) || !isNonEmptyString(a.mac)) return undefined;
  if (typeof a.seq !== 'number' || !Number.isSafeInteger(a.seq) || a.seq < 1) return undefined;
  if (typeof a.prevHash !== 'string' || !HEX64.test(a.prevHash) || typeof a.hash !== 'string' || !HEX64.test(a.hash)) return undefined;
  return a as SealedRecord;
}

/**
 * The structural walk: entries in sort-key order must be 1..n, each linked to
 * the one before and hashing to its stored hash. Returns the sealed entries
 * of the consistent prefix and the first structural problem after it, if any.
 * The MAC check (which needs the key) runs on that prefix afterwards.
 */
export function walkChain(chain: string, items: readonly StoredItem[]): { prefix: SealedRecord[]; problem: ChainFinding | undefined } {
  const prefix: SealedRecord[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const found = (problem: ChainProblem, seq = item.position): { prefix: SealedRecord[]; problem: ChainFinding } => ({ prefix, problem: { participantId: chain, seq, problem } });
    const e = asSealed(chain, item.attrs);
    if (e === undefined) return found('MALFORMED');
    // A missing position (a deleted entry) or a moved one: the first position out of order is reported.
    if (item.position !== i + 1) return found('SEQUENCE_GAP', Math.min(item.position, i + 1));
    if (e.seq !== item.position) return found('SEQUENCE_GAP');
    if (e.prevHash !== prevHash) return found('BROKEN_LINK');
    if (hashSealed(e) !== e.hash) return found('HASH_MISMATCH');
    prefix.push(e);
    prevHash = e.hash;
  }
  return { prefix, problem: undefined };
}

/** A position and hash the outside anchor recorded for a chain. */
export type AnchorPoint = readonly [seq: number, hash: string];

/**
 * Compares the stored chain with what was anchored outside the table: every
 * anchored position must still hold the entry with the anchored hash. The
 * earliest problem is returned: a cut-off chain is TRUNCATED at its first
 * missing position, a replaced entry ANCHOR_MISMATCH at the anchored position.
 */
export function compareWithAnchor(chain: string, items: readonly StoredItem[], points: readonly AnchorPoint[]): ChainFinding | undefined {
  const bySeq = new Map<number, Readonly<Record<string, unknown>>>();
  let last = 0;
  for (const item of items) {
    bySeq.set(item.position, item.attrs);
    last = Math.max(last, item.position);
  }
  let first: ChainFinding | undefined;
  const consider = (f: ChainFinding) => {
    if (first === undefined || f.seq < first.seq) first = f;
  };
  for (const [seq, hash] of points) {
    if (seq > last) consider({ participantId: chain, seq: last + 1, problem: 'TRUNCATED' });
    else {
      const stored = bySeq.get(seq);
      // A hole below the end is a SEQUENCE_GAP, which the structural walk reports.
      if (stored !== undefined && stored.hash !== hash) consider({ participantId: chain, seq, problem: 'ANCHOR_MISMATCH' });
    }
  }
  return first;
}

/** The earlier of two findings (by position); on a tie the first given wins. */
export function earliest(a: ChainFinding | undefined, b: ChainFinding | undefined): ChainFinding | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return b.seq < a.seq ? b : a;
}
