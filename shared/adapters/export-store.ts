/**
 * Where payroll export files live (architecture.md flow 4; issue: the export
 * is written once and handed out as short-lived links):
 *
 * - On AWS: the exports bucket (EXPORT_BUCKET; KMS with the data key, no
 *   public access, TLS only, access-logged). The file is written with
 *   `If-None-Match: *` (create-only), and a link is a presigned GetObject
 *   URL that expires after the job's link lifetime.
 * - Locally: a folder beside the data (EXPORT_DIR, set by infra/local: under
 *   the data folder, or a temporary one for an in-memory system), files mode
 *   0600 in folders mode 0700, written create-only (a hard link of a
 *   finished temporary file, so a reader never sees half a file). A link is
 *   the local HTTP server's `/local/exports/<key>` with an expiry and an
 *   HMAC-SHA256 signature over key, expiry and file name, under a random key
 *   kept in that folder (mode 0600): a changed or expired link is refused.
 *
 * Either way the bytes are the ones written first: nothing here replaces a file.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { ConfigError } from '../config.js';

export interface StoredFile {
  sha256: string;
  bytes: number;
}

export interface ExportFileStore {
  /** Writes `body` under `key` unless a file is there already ('exists': nothing written; compare with `head`). */
  putOnce(key: string, body: Buffer): Promise<'created' | 'exists'>;
  /** The stored file's sha256 (hex) and size, or undefined when there is none. */
  head(key: string): Promise<StoredFile | undefined>;
  /** A link that downloads the file as `filename` until `expiresAtSec` (epoch seconds), signed at `nowMs`. */
  link(key: string, filename: string, nowMs: number, expiresAtSec: number): Promise<string>;
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const ZIP_CONTENT_TYPE = 'application/zip';
/** A payroll export is CSV; an archive package (shared/domain/reports/archive-job.ts) is a ZIP. */
const contentTypeOf = (name: string): string => (name.endsWith('.zip') ? ZIP_CONTENT_TYPE : CSV_CONTENT_TYPE);

const sha256Hex = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const attachment = (filename: string): string => `attachment; filename="${filename}"`;

/** Keys the exports use (shared/domain/payroll/export-job.ts exportObjectKey): no other path is ever read or written. */
const KEY = /^exports\/[0-9]{4}\/[0-9]{4}-[0-9]{2}\/[A-Za-z0-9_.-]{1,100}\.csv$/;
/** Keys of archive packages (shared/domain/reports/archive-job.ts archiveObjectKey), under the same prefix. */
const ARCHIVE_KEY = /^exports\/archive\/[0-9]{4}\/[0-9]{4}-[0-9]{2}\/archive-[0-9]{4}-[0-9]{4}-[0-9]{2}-[0-9]{1,6}\.zip$/;
/** File names the links may carry (exportFilename, archiveFilename). */
const FILENAME = /^[A-Za-z0-9_.-]{1,160}\.(csv|zip)$/;

function checkKey(key: string): void {
  if (!(KEY.test(key) || ARCHIVE_KEY.test(key)) || key.includes('..')) throw new RangeError('not an export file key');
}

// ---------------------------------------------------------------------------
// AWS

// Loaded on first use: the local runtime and the functions that never touch S3 do not pay for the SDK's import.
const s3Sdk = () => import('@aws-sdk/client-s3');

export class S3ExportStore implements ExportFileStore {
  #client: S3Client | undefined;

  constructor(
    private readonly bucket: string,
    client?: S3Client,
  ) {
    this.#client = client;
  }

  private async client(): Promise<S3Client> {
    this.#client ??= new (await s3Sdk()).S3Client({ maxAttempts: 4 });
    return this.#client;
  }

  async putOnce(key: string, body: Buffer): Promise<'created' | 'exists'> {
    checkKey(key);
    const [{ PutObjectCommand }, s3] = await Promise.all([s3Sdk(), this.client()]);
    for (let attempt = 0; ; attempt++) {
      try {
        await s3.send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key: key,
            Body: body,
            ContentType: contentTypeOf(key),
            Metadata: { sha256: sha256Hex(body) },
            ChecksumSHA256: createHash('sha256').update(body).digest('base64'),
            // Create-only: S3 answers 412 when the object exists, so the first file stays the file.
            IfNoneMatch: '*',
          }),
        );
        return 'created';
      } catch (err) {
        const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        if (status === 412 || (err as Error).name === 'PreconditionFailed') return 'exists';
        // 409 ConditionalRequestConflict: another conditional write of the same key is in flight; try again.
        if (status === 409 && attempt < 5) continue;
        throw err;
      }
    }
  }

  async head(key: string): Promise<StoredFile | undefined> {
    checkKey(key);
    const [{ HeadObjectCommand }, s3] = await Promise.all([s3Sdk(), this.client()]);
    try {
      const r = await s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { sha256: r.Metadata?.sha256 ?? '', bytes: r.ContentLength ?? 0 };
    } catch (err) {
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404 || (err as Error).name === 'NotFound') return undefined;
      throw err;
    }
  }

  async link(key: string, filename: string, nowMs: number, expiresAtSec: number): Promise<string> {
    checkKey(key);
    if (!FILENAME.test(filename)) throw new RangeError('not an export file name');
    const expiresIn = expiresAtSec - Math.floor(nowMs / 1000);
    if (expiresIn < 1) throw new RangeError('a link must expire in the future');
    const [{ GetObjectCommand }, { getSignedUrl }, s3] = await Promise.all([s3Sdk(), import('@aws-sdk/s3-request-presigner'), this.client()]);
    return getSignedUrl(
      s3,
      new GetObjectCommand({ Bucket: this.bucket, Key: key, ResponseContentDisposition: attachment(filename), ResponseContentType: contentTypeOf(filename) }),
      { expiresIn, signingDate: new Date(nowMs) },
    );
  }
}

// ---------------------------------------------------------------------------
// Local

export const LOCAL_EXPORT_PATH = '/local/exports/';

export type LinkCheck = { ok: true; file: string; filename: string } | { ok: false; code: 'LINK_INVALID' | 'LINK_EXPIRED' | 'EXPORT_NOT_FOUND' };

export class LocalFileExportStore implements ExportFileStore {
  #secret: Buffer | undefined;

  constructor(
    /** The export folder (created 0700 when missing). */
    readonly dir: string,
    /** The local HTTP server's origin, e.g. http://127.0.0.1:3000. */
    private readonly baseUrl: string,
  ) {}

  private pathOf(key: string): string {
    checkKey(key);
    const p = join(this.dir, ...key.split('/'));
    if (!p.startsWith(this.dir + sep)) throw new RangeError('not an export file key');
    return p;
  }

  /** The signing key: 32 random bytes in `<dir>/.link-key` (0600), made on first use; a racing maker's key wins. */
  private secret(): Buffer {
    if (this.#secret !== undefined) return this.#secret;
    const file = join(this.dir, '.link-key');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    try {
      writeFileSync(file, randomBytes(32), { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const key = readFileSync(file);
    if (key.length !== 32) throw new Error('export link key is damaged');
    this.#secret = key;
    return key;
  }

  private sign(key: string, expires: number, filename: string): string {
    return createHmac('sha256', this.secret()).update(`${key}\n${expires}\n${filename}`).digest('base64url');
  }

  async putOnce(key: string, body: Buffer): Promise<'created' | 'exists'> {
    const path = this.pathOf(key);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(temp, body, { flag: 'wx', mode: 0o600 });
    try {
      // link(2) fails when the name exists: create-only, and the file appears complete or not at all.
      linkSync(temp, path);
      return 'created';
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
      throw err;
    } finally {
      unlinkSync(temp);
    }
  }

  async head(key: string): Promise<StoredFile | undefined> {
    try {
      const body = readFileSync(this.pathOf(key));
      return { sha256: sha256Hex(body), bytes: body.length };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async link(key: string, filename: string, nowMs: number, expiresAtSec: number): Promise<string> {
    this.pathOf(key);
    if (!FILENAME.test(filename)) throw new RangeError('not an export file name');
    if (expiresAtSec <= Math.floor(nowMs / 1000)) throw new RangeError('a link must expire in the future');
    const q = new URLSearchParams({ expires: String(expiresAtSec), filename, sig: this.sign(key, expiresAtSec, filename) });
    return `${this.baseUrl}${LOCAL_EXPORT_PATH}${key}?${q.toString()}`;
  }

  /**
   * Checks a link the local HTTP server received: `key` is the path after
   * /local/exports/, `query` its query string. Refused: a bad key or
   * signature (any changed part), a missing or past expiry (at `nowMs`).
   */
  check(key: string, query: URLSearchParams, nowMs: number): LinkCheck {
    let path: string;
    try {
      path = this.pathOf(key);
    } catch {
      return { ok: false, code: 'LINK_INVALID' };
    }
    const expires = query.get('expires') ?? '';
    const filename = query.get('filename') ?? '';
    const sig = query.get('sig') ?? '';
    if (!/^\d{1,12}$/.test(expires) || !FILENAME.test(filename) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return { ok: false, code: 'LINK_INVALID' };
    const want = Buffer.from(this.sign(key, Number(expires), filename));
    const got = Buffer.from(sig);
    if (got.length !== want.length || !timingSafeEqual(got, want)) return { ok: false, code: 'LINK_INVALID' };
    if (Number(expires) <= Math.floor(nowMs / 1000)) return { ok: false, code: 'LINK_EXPIRED' };
    return { ok: true, file: path, filename };
  }

  /** Removes the whole folder (a temporary one of an in-memory system). */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The HTTP answer to a local link: the file's bytes, or a JSON refusal with a code (403 for a bad or expired link). */
export function serveLocalLink(store: LocalFileExportStore, key: string, query: URLSearchParams, nowMs: number): { status: number; headers: Record<string, string>; body: Buffer } {
  const json = (status: number, code: string, message: string) => ({
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
    body: Buffer.from(JSON.stringify({ code, message })),
  });
  const c = store.check(key, query, nowMs);
  if (!c.ok && c.code === 'LINK_EXPIRED') return json(403, c.code, 'This download link has expired; ask the page it came from for a new one');
  if (!c.ok) return json(403, c.code, 'This download link is not valid');
  let body: Buffer;
  try {
    body = readFileSync(c.file);
  } catch {
    return json(404, 'EXPORT_NOT_FOUND', 'The export file is not there');
  }
  return {
    status: 200,
    headers: {
      'content-type': contentTypeOf(c.filename),
      'content-disposition': attachment(c.filename),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-export-sha256': sha256Hex(body),
    },
    body,
  };
}

// ---------------------------------------------------------------------------
// The process's store

/** EXPORT_BUCKET (AWS), else EXPORT_DIR with EXPORT_LINK_BASE_URL (local). */
export function exportStoreFromEnv(env: Readonly<Record<string, string | undefined>>): ExportFileStore {
  const bucket = env.EXPORT_BUCKET;
  if (bucket !== undefined && bucket !== '') {
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new ConfigError('EXPORT_BUCKET must be an S3 bucket name');
    return new S3ExportStore(bucket);
  }
  const dir = env.EXPORT_DIR;
  const base = env.EXPORT_LINK_BASE_URL;
  if (dir === undefined || dir === '' || base === undefined || !/^https?:\/\/[^/\s]+$/.test(base))
    throw new ConfigError('Set EXPORT_BUCKET (AWS), or EXPORT_DIR and EXPORT_LINK_BASE_URL (local runtime)');
  return new LocalFileExportStore(dir, base);
}
