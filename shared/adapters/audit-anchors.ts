/**
 * The audit log's outside anchor (quality.md S11): what was sealed is written
 * where nobody can change or delete it, so cutting entries off the end of a
 * chain, or replacing them, shows.
 *
 * - Every seal batch writes a *seal anchor*: the position and hash of each
 *   entry it sealed, per chain.
 * - A scheduled function folds the seal anchors daily into a *checkpoint*:
 *   the head (position, hash) of every chain ever anchored, plus every
 *   conflict seen (one position anchored with two hashes: a chain that was
 *   cut and sealed again). The checkpoint is computed from the anchor store
 *   alone, never from the table, so tampering with the table cannot reach it.
 * - Verification reads the latest checkpoint and the seal anchors after it.
 *
 * On AWS the store is an S3 bucket with Object Lock in compliance mode
 * (retention as policy; not even the account root can shorten it); locally an
 * append-only JSON-lines file beside the data (mode 0600).
 */
import { randomUUID } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type * as S3Sdk from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';

// Loaded on first use: functions that never touch the anchor do not load the S3 client (quality.md P4).
let s3Module: Promise<typeof S3Sdk> | undefined;
const loadS3 = () => (s3Module ??= import('@aws-sdk/client-s3'));
import type { AnchorPoint } from './audit-chain.js';

/** What one seal batch sealed: per chain, each entry's position and hash, in order. */
export interface SealAnchor {
  kind: 'seal';
  key: string;
  at: string;
  points: Readonly<Record<string, readonly AnchorPoint[]>>;
}

export interface Checkpoint {
  kind: 'checkpoint';
  key: string;
  at: string;
  /** The key of the last seal anchor folded in; null before any. */
  coveredUntil: string | null;
  /** Per chain: the highest anchored position and its hash (the first hash anchored there). */
  heads: Readonly<Record<string, AnchorPoint>>;
  /** Per chain: positions anchored with a second, different hash (kept forever). */
  conflicts: Readonly<Record<string, readonly AnchorPoint[]>>;
  /** Seal anchors folded into this checkpoint. */
  folded: number;
}

export interface AnchorStore {
  putSealAnchor(at: Date, points: Readonly<Record<string, readonly AnchorPoint[]>>): Promise<SealAnchor>;
  putCheckpoint(checkpoint: Omit<Checkpoint, 'kind' | 'key'>): Promise<Checkpoint>;
  latestCheckpoint(): Promise<Checkpoint | undefined>;
  /** Seal anchors with a key after `key` (all when null), in key order. */
  sealAnchorsAfter(key: string | null): Promise<SealAnchor[]>;
  /**
   * Keys written more than once among those read so far. Every writer uses a
   * new key, so a second version means someone holding a writer's role tried
   * to replace an anchor; the first version, which Object Lock keeps, is the
   * one read.
   */
  overwritten(): readonly string[];
}

const SEAL_PREFIX = 'anchors/';
const CHECKPOINT_PREFIX = 'checkpoints/';
const MAX_MS = 9_999_999_999_999;

/** `anchors/<ISO time>-<uuid>.json`: keys sort by time. */
export const sealAnchorKey = (at: Date): string => `${SEAL_PREFIX}${at.toISOString()}-${randomUUID()}.json`;
/** The smallest seal-anchor key of a moment, for "older than" comparisons. */
export const sealAnchorKeyFloor = (at: Date): string => `${SEAL_PREFIX}${at.toISOString()}`;
/** `checkpoints/<13 digits, inverted time>.json`: the newest sorts first, so one listed key finds it. */
export const checkpointKey = (at: Date): string => `${CHECKPOINT_PREFIX}${String(MAX_MS - at.getTime()).padStart(13, '0')}.json`;

/** What verification compares a chain with: every anchored point, by chain. */
export interface AnchoredState {
  points: Map<string, AnchorPoint[]>;
  checkpointAt: string | null;
  sealAnchorsRead: number;
  lastSealAnchorAt: string | null;
  /** ANCHOR_OVERWRITTEN, CHECKPOINT_INCONSISTENT: the anchor store holds something its writers never write. */
  warnings: string[];
}

/**
 * Folds seal anchors (in key order) into a checkpoint's heads: the highest
 * position per chain wins; a position seen again with another hash is a
 * conflict and the first hash stays.
 */
export function foldAnchors(
  previous: Pick<Checkpoint, 'heads' | 'conflicts'> | undefined,
  anchors: readonly SealAnchor[],
): Pick<Checkpoint, 'heads' | 'conflicts'> {
  const known = new Map<string, Map<number, string>>();
  const conflicts = new Map<string, AnchorPoint[]>(Object.entries(previous?.conflicts ?? {}).map(([c, p]) => [c, [...p]]));
  const see = (chain: string, [seq, hash]: AnchorPoint) => {
    const m = known.get(chain) ?? new Map<number, string>();
    known.set(chain, m);
    const had = m.get(seq);
    if (had === undefined) m.set(seq, hash);
    else if (had !== hash) {
      const list = conflicts.get(chain) ?? [];
      if (!list.some(([s, h]) => s === seq && h === hash)) list.push([seq, hash]);
      conflicts.set(chain, list);
    }
  };
  for (const [chain, head] of Object.entries(previous?.heads ?? {})) see(chain, head);
  for (const a of anchors) for (const [chain, points] of Object.entries(a.points)) for (const p of points) see(chain, p);
  const heads: Record<string, AnchorPoint> = {};
  for (const [chain, m] of known) {
    const top = Math.max(...m.keys());
    heads[chain] = [top, m.get(top)!];
  }
  return { heads, conflicts: Object.fromEntries(conflicts) };
}

/**
 * What is anchored, per chain: the latest checkpoint's heads and conflicts,
 * and every seal anchor after it. With `allSealAnchors` also the seal anchors
 * the checkpoint folded (every position ever sealed, so a chain cut and
 * sealed again is caught at the first replaced entry rather than at the
 * checkpoint's head; reads the whole store).
 */
export async function readAnchoredState(store: AnchorStore, opts: { allSealAnchors?: boolean } = {}): Promise<AnchoredState> {
  const checkpoint = await store.latestCheckpoint();
  const anchors = await store.sealAnchorsAfter(opts.allSealAnchors === true ? null : (checkpoint?.coveredUntil ?? null));
  const points = new Map<string, AnchorPoint[]>();
  const add = (chain: string, p: AnchorPoint) => {
    const list = points.get(chain) ?? [];
    list.push(p);
    points.set(chain, list);
  };
  for (const [chain, head] of Object.entries(checkpoint?.heads ?? {})) add(chain, head);
  for (const [chain, list] of Object.entries(checkpoint?.conflicts ?? {})) for (const p of list) add(chain, p);
  for (const a of anchors) for (const [chain, list] of Object.entries(a.points)) for (const p of list) add(chain, p);
  const warnings: string[] = [];
  if (store.overwritten().length > 0) warnings.push('ANCHOR_OVERWRITTEN');
  // With every seal anchor at hand, the checkpoint is recomputed: one that does not follow from them was not written by the fold.
  if (opts.allSealAnchors === true && checkpoint !== undefined) {
    const folded = foldAnchors(undefined, anchors.filter((a) => checkpoint.coveredUntil !== null && a.key <= checkpoint.coveredUntil));
    if (canonical(folded.heads) !== canonical(checkpoint.heads) || canonical(folded.conflicts) !== canonical(checkpoint.conflicts)) warnings.push('CHECKPOINT_INCONSISTENT');
  }
  return { points, checkpointAt: checkpoint?.at ?? null, sealAnchorsRead: anchors.length, lastSealAnchorAt: anchors.at(-1)?.at ?? null, warnings };
}

const canonical = (v: Readonly<Record<string, unknown>>): string => JSON.stringify(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)));

/** Seal anchors older than this are folded; younger ones may still be in flight from a slow writer. */
export const FOLD_DELAY_MS = 5 * 60_000;

/** The scheduled checkpoint: folds every seal anchor older than five minutes into a new checkpoint. */
export async function writeCheckpoint(store: AnchorStore, now: Date): Promise<Checkpoint> {
  const previous = await store.latestCheckpoint();
  const floor = sealAnchorKeyFloor(new Date(now.getTime() - FOLD_DELAY_MS));
  const anchors = (await store.sealAnchorsAfter(previous?.coveredUntil ?? null)).filter((a) => a.key < floor);
  const folded = foldAnchors(previous, anchors);
  return store.putCheckpoint({ at: now.toISOString(), coveredUntil: anchors.at(-1)?.key ?? previous?.coveredUntil ?? null, ...folded, folded: anchors.length });
}

// ---------------------------------------------------------------------------
// S3 with Object Lock (AWS)

export class S3AnchorStore implements AnchorStore {
  readonly #overwritten = new Set<string>();

  #client: Promise<S3Client> | undefined;

  /** `s3`: a client, or the region to make one in when first needed. */
  constructor(
    private readonly s3: S3Client | string,
    private readonly bucket: string,
  ) {}

  overwritten(): readonly string[] {
    return [...this.#overwritten];
  }

  /** Runs `call` with the SDK module and the client, both made on first use. */
  private async s3Call<T>(call: (m: typeof S3Sdk, client: S3Client) => Promise<T>): Promise<T> {
    const s3 = this.s3;
    const [m, client] = await Promise.all([loadS3(), (this.#client ??= typeof s3 === 'string' ? loadS3().then((x) => new x.S3Client({ region: s3, maxAttempts: 4 })) : Promise.resolve(s3))]);
    return call(m, client);
  }

  /** Each key under `prefix` after `after`, with its first version (the one Object Lock guarantees), in key order. */
  private async firstVersions(prefix: string, after: string | null, limit = Number.POSITIVE_INFINITY): Promise<{ key: string; versionId: string | undefined }[]> {
    const byKey = new Map<string, { versionId: string | undefined; at: number; count: number }>();
    let keyMarker = after ?? undefined;
    let versionMarker: string | undefined;
    do {
      const r = await this.s3Call((m, c) =>
        c.send(
          new m.ListObjectVersionsCommand({
            Bucket: this.bucket,
            Prefix: prefix,
            ...(keyMarker !== undefined ? { KeyMarker: keyMarker } : {}),
            ...(versionMarker !== undefined ? { VersionIdMarker: versionMarker } : {}),
          }),
        ),
      );
      for (const v of r.Versions ?? []) {
        if (v.Key === undefined) continue;
        const at = v.LastModified?.getTime() ?? 0;
        const had = byKey.get(v.Key);
        if (had === undefined) byKey.set(v.Key, { versionId: v.VersionId, at, count: 1 });
        else {
          had.count++;
          if (at < had.at) Object.assign(had, { versionId: v.VersionId, at });
        }
      }
      keyMarker = r.IsTruncated === true ? r.NextKeyMarker : undefined;
      versionMarker = r.IsTruncated === true ? r.NextVersionIdMarker : undefined;
    } while (keyMarker !== undefined && byKey.size <= limit);
    const keys = [...byKey.keys()].sort().slice(0, Number.isFinite(limit) ? limit : undefined);
    for (const k of keys) if (byKey.get(k)!.count > 1) this.#overwritten.add(k);
    return keys.map((key) => ({ key, versionId: byKey.get(key)!.versionId }));
  }

  private async put(key: string, body: unknown): Promise<void> {
    // The bucket's default retention (compliance mode) locks the object; the checksum is what Object Lock requires of a PUT.
    await this.s3Call((m, c) => c.send(new m.PutObjectCommand({ Bucket: this.bucket, Key: key, Body: JSON.stringify(body), ContentType: 'application/json', ChecksumAlgorithm: 'SHA256' })));
  }

  private async get<T>(key: string, versionId: string | undefined): Promise<T> {
    const r = await this.s3Call((m, c) => c.send(new m.GetObjectCommand({ Bucket: this.bucket, Key: key, ...(versionId !== undefined ? { VersionId: versionId } : {}) })));
    return JSON.parse(await r.Body!.transformToString('utf8')) as T;
  }

  async putSealAnchor(at: Date, points: Readonly<Record<string, readonly AnchorPoint[]>>): Promise<SealAnchor> {
    const anchor: SealAnchor = { kind: 'seal', key: sealAnchorKey(at), at: at.toISOString(), points };
    await this.put(anchor.key, anchor);
    return anchor;
  }

  async putCheckpoint(c: Omit<Checkpoint, 'kind' | 'key'>): Promise<Checkpoint> {
    const checkpoint: Checkpoint = { kind: 'checkpoint', key: checkpointKey(new Date(c.at)), ...c };
    await this.put(checkpoint.key, checkpoint);
    return checkpoint;
  }

  async latestCheckpoint(): Promise<Checkpoint | undefined> {
    // Checkpoint keys sort newest first: the first key listed is the latest.
    const [first] = await this.firstVersions(CHECKPOINT_PREFIX, null, 1);
    return first === undefined ? undefined : this.get<Checkpoint>(first.key, first.versionId);
  }

  async sealAnchorsAfter(after: string | null): Promise<SealAnchor[]> {
    const keys = await this.firstVersions(SEAL_PREFIX, after);
    const out: SealAnchor[] = new Array<SealAnchor>(keys.length);
    // A day of seal anchors is read at a bounded parallelism.
    for (let i = 0; i < keys.length; i += 32) {
      const got = await Promise.all(keys.slice(i, i + 32).map((k) => this.get<SealAnchor>(k.key, k.versionId)));
      got.forEach((a, j) => (out[i + j] = a));
    }
    return out;
  }
}

// ---------------------------------------------------------------------------
// Append-only file (local)

/**
 * One JSON object per line, only ever appended (O_APPEND). The local stand-in
 * for write-once storage: it keeps an honest record, but the machine's user
 * can edit it, which S3 Object Lock in compliance mode does not allow anyone.
 */
export class FileAnchorStore implements AnchorStore {
  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  }

  /** A key appended twice (the first line is the one read). */
  overwritten(): readonly string[] {
    return [...this.#overwritten];
  }

  readonly #overwritten = new Set<string>();

  private async append(record: SealAnchor | Checkpoint): Promise<void> {
    await appendFile(this.file, `${JSON.stringify(record)}\n`, { mode: 0o600, flag: 'a' });
  }

  private async records(): Promise<(SealAnchor | Checkpoint)[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const seen = new Map<string, SealAnchor | Checkpoint>();
    for (const line of text.split('\n')) {
      if (line.trim().length === 0) continue;
      const r = JSON.parse(line) as SealAnchor | Checkpoint;
      if (seen.has(r.key)) this.#overwritten.add(r.key);
      else seen.set(r.key, r);
    }
    return [...seen.values()];
  }

  async putSealAnchor(at: Date, points: Readonly<Record<string, readonly AnchorPoint[]>>): Promise<SealAnchor> {
    const anchor: SealAnchor = { kind: 'seal', key: sealAnchorKey(at), at: at.toISOString(), points };
    await this.append(anchor);
    return anchor;
  }

  async putCheckpoint(c: Omit<Checkpoint, 'kind' | 'key'>): Promise<Checkpoint> {
    const checkpoint: Checkpoint = { kind: 'checkpoint', key: checkpointKey(new Date(c.at)), ...c };
    await this.append(checkpoint);
    return checkpoint;
  }

  async latestCheckpoint(): Promise<Checkpoint | undefined> {
    return (await this.records()).filter((r): r is Checkpoint => r.kind === 'checkpoint').sort((a, b) => (a.key < b.key ? -1 : 1))[0];
  }

  async sealAnchorsAfter(after: string | null): Promise<SealAnchor[]> {
    return (await this.records())
      .filter((r): r is SealAnchor => r.kind === 'seal' && (after === null || r.key > after))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
  }
}
