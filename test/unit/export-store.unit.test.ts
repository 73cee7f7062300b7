/**
 * The export file stores (shared/adapters/export-store.ts): locally a
 * create-only file (0600 in 0700 folders) and a signed link that is refused
 * when any part of it changed or it expired; on AWS a create-only PutObject
 * (If-None-Match) and a presigned GetObject that expires. The S3 client is
 * a stub here (no network); the presigned URL is signed offline.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { createDeps } from '../../shared/adapters/deps.js';
import { ConfigError, parseConfig } from '../../shared/config.js';
import { LocalFileExportStore, S3ExportStore, exportStoreFromEnv, serveLocalLink } from '../../shared/adapters/export-store.js';

const KEY = 'exports/5001/2026-10/run-abc.csv';
const NOW = Date.parse('2026-11-10T09:00:00Z');
let dir: string;
let store: LocalFileExportStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'export-store-test-'));
  store = new LocalFileExportStore(join(dir, 'exports-root'), 'http://127.0.0.1:3000');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const queryOf = (url: string) => new URL(url).searchParams;
const keyOf = (url: string) => new URL(url).pathname.slice('/local/exports/'.length);

test('local: written once (0600 in 0700 folders); a second write keeps the first bytes', async () => {
  expect(await store.putOnce(KEY, Buffer.from('first\r\n'))).toBe('created');
  expect(await store.putOnce(KEY, Buffer.from('second\r\n'))).toBe('exists');
  const file = join(store.dir, 'exports', '5001', '2026-10', 'run-abc.csv');
  expect(readFileSync(file, 'utf8')).toBe('first\r\n');
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(statSync(join(store.dir, 'exports', '5001')).mode & 0o777).toBe(0o700);
  expect(await store.head(KEY)).toEqual({ sha256: createHash('sha256').update('first\r\n').digest('hex'), bytes: 7 });
  expect(await store.head('exports/5001/2026-10/none.csv')).toBeUndefined();
  // Ten writers at once: one file, the others find it.
  const many = await Promise.all(Array.from({ length: 10 }, (_, i) => store.putOnce('exports/5001/2026-11/run-b.csv', Buffer.from(`w${i}`))));
  expect(many.filter((r) => r === 'created')).toHaveLength(1);
});

test('local: only export keys, never a path out of the folder', async () => {
  for (const bad of ['../x.csv', 'exports/5001/2026-10/../../../etc.csv', 'exports/5001/2026-10/a.txt', '/etc/passwd', 'exports/50011/2026-10/a.csv']) {
    await expect(store.putOnce(bad, Buffer.from('x'))).rejects.toThrow(RangeError);
    expect(store.check(bad, new URLSearchParams(), NOW)).toEqual({ ok: false, code: 'LINK_INVALID' });
  }
  await expect(store.link(KEY, 'bad name.csv', NOW, NOW / 1000 + 60)).rejects.toThrow(RangeError);
  await expect(store.link(KEY, 'a.csv', NOW, NOW / 1000)).rejects.toThrow(RangeError);
});

test('local: a link downloads until it expires; any changed part, or another key, is refused', async () => {
  await store.putOnce(KEY, Buffer.from('a,b\r\n'));
  const url = await store.link(KEY, 'introflyt.csv', NOW, NOW / 1000 + 120);
  expect(url.startsWith('http://127.0.0.1:3000/local/exports/exports/5001/2026-10/run-abc.csv?')).toBe(true);
  const q = queryOf(url);
  expect(store.check(keyOf(url), q, NOW + 119_000)).toMatchObject({ ok: true, filename: 'introflyt.csv' });
  expect(store.check(keyOf(url), q, NOW + 120_000)).toEqual({ ok: false, code: 'LINK_EXPIRED' });
  const changed = (name: string, value: string) => {
    const c = new URLSearchParams(q);
    c.set(name, value);
    return store.check(keyOf(url), c, NOW);
  };
  expect(changed('expires', String(NOW / 1000 + 99_999))).toEqual({ ok: false, code: 'LINK_INVALID' });
  expect(changed('filename', 'other.csv')).toEqual({ ok: false, code: 'LINK_INVALID' });
  expect(changed('sig', `${q.get('sig')!.slice(0, -1)}${q.get('sig')!.endsWith('A') ? 'B' : 'A'}`)).toEqual({ ok: false, code: 'LINK_INVALID' });
  expect(changed('sig', 'short')).toEqual({ ok: false, code: 'LINK_INVALID' });
  expect(changed('expires', 'soon')).toEqual({ ok: false, code: 'LINK_INVALID' });
  expect(store.check('exports/5001/2026-10/run-other.csv', q, NOW)).toEqual({ ok: false, code: 'LINK_INVALID' });
  // A store with another key (another installation) does not accept it.
  const other = new LocalFileExportStore(join(dir, 'other-root'), 'http://127.0.0.1:3000');
  expect(other.check(keyOf(url), q, NOW)).toEqual({ ok: false, code: 'LINK_INVALID' });
  expect(statSync(join(store.dir, '.link-key')).mode & 0o777).toBe(0o600);

  const served = serveLocalLink(store, keyOf(url), q, NOW);
  expect(served).toMatchObject({ status: 200, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="introflyt.csv"', 'cache-control': 'no-store' } });
  expect(served.body.toString()).toBe('a,b\r\n');
  expect(JSON.parse(serveLocalLink(store, keyOf(url), q, NOW + 200_000).body.toString())).toMatchObject({ code: 'LINK_EXPIRED' });
  expect(serveLocalLink(store, keyOf(url), new URLSearchParams(), NOW).status).toBe(403);
  const missing = await store.link('exports/5001/2026-10/run-gone.csv', 'x.csv', NOW, NOW / 1000 + 60);
  expect(serveLocalLink(store, keyOf(missing), queryOf(missing), NOW).status).toBe(404);
});

/** A stub S3 client: records the commands it is sent and answers with `answer`. */
function stubS3(answer: (name: string, input: Record<string, unknown>, call: number) => unknown): { client: S3Client; sent: { name: string; input: Record<string, unknown> }[] } {
  const sent: { name: string; input: Record<string, unknown> }[] = [];
  const client = {
    config: {},
    send: async (cmd: { constructor: { name: string }; input: Record<string, unknown> }) => {
      sent.push({ name: cmd.constructor.name, input: cmd.input });
      const r = answer(cmd.constructor.name, cmd.input, sent.length);
      if (r instanceof Error) throw r;
      return r;
    },
  } as unknown as S3Client;
  return { client, sent };
}
const s3Error = (name: string, status: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

test('S3: create-only PutObject with the checksum; 412 means the file is there; a conflicting write is retried', async () => {
  const created = stubS3(() => ({}));
  expect(await new S3ExportStore('exports-bucket', created.client).putOnce(KEY, Buffer.from('a'))).toBe('created');
  expect(created.sent[0]).toMatchObject({ name: 'PutObjectCommand', input: { Bucket: 'exports-bucket', Key: KEY, IfNoneMatch: '*', ContentType: 'text/csv; charset=utf-8', Metadata: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } } });
  expect(await new S3ExportStore('b', stubS3(() => s3Error('PreconditionFailed', 412)).client).putOnce(KEY, Buffer.from('a'))).toBe('exists');
  const conflict = stubS3((_n, _i, call) => (call === 1 ? s3Error('ConditionalRequestConflict', 409) : {}));
  expect(await new S3ExportStore('b', conflict.client).putOnce(KEY, Buffer.from('a'))).toBe('created');
  expect(conflict.sent).toHaveLength(2);
  await expect(new S3ExportStore('b', stubS3(() => s3Error('AccessDenied', 403)).client).putOnce(KEY, Buffer.from('a'))).rejects.toThrow('AccessDenied');
  await expect(new S3ExportStore('b', stubS3(() => ({})).client).putOnce('../k', Buffer.from('a'))).rejects.toThrow(RangeError);
});

test('S3: head reads the stored checksum; a missing object is undefined', async () => {
  expect(await new S3ExportStore('b', stubS3(() => ({ Metadata: { sha256: 'f'.repeat(64) }, ContentLength: 9 })).client).head(KEY)).toEqual({ sha256: 'f'.repeat(64), bytes: 9 });
  expect(await new S3ExportStore('b', stubS3(() => s3Error('NotFound', 404)).client).head(KEY)).toBeUndefined();
  await expect(new S3ExportStore('b', stubS3(() => s3Error('Forbidden', 403)).client).head(KEY)).rejects.toThrow('Forbidden');
});

test('S3: a presigned GetObject that expires when the link does and downloads under the file name', async () => {
  const { S3Client: Client } = await import('@aws-sdk/client-s3');
  const client = new Client({ region: 'eu-north-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
  try {
    const url = new URL(await new S3ExportStore('exports-bucket', client).link(KEY, 'introflyt-5001.csv', NOW, NOW / 1000 + 120));
    expect(url.hostname).toBe('exports-bucket.s3.eu-north-1.amazonaws.com');
    expect(url.pathname).toBe(`/${KEY}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('120');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20261110T090000Z');
    expect(url.searchParams.get('response-content-disposition')).toBe('attachment; filename="introflyt-5001.csv"');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    await expect(new S3ExportStore('exports-bucket', client).link(KEY, 'x.csv', NOW, NOW / 1000)).rejects.toThrow(RangeError);
    await expect(new S3ExportStore('exports-bucket', client).link(KEY, 'a b.csv', NOW, NOW / 1000 + 5)).rejects.toThrow(RangeError);
  } finally {
    client.destroy();
  }
});

test('the store comes from the environment: a bucket on AWS, a folder and the server’s origin locally, else a clear error', () => {
  expect(exportStoreFromEnv({ EXPORT_BUCKET: 'introflyt-exports-1' })).toBeInstanceOf(S3ExportStore);
  expect(exportStoreFromEnv({ EXPORT_DIR: dir, EXPORT_LINK_BASE_URL: 'http://127.0.0.1:3000' })).toBeInstanceOf(LocalFileExportStore);
  expect(() => exportStoreFromEnv({ EXPORT_BUCKET: 'Bad_Bucket' })).toThrow(ConfigError);
  expect(() => exportStoreFromEnv({ EXPORT_DIR: dir })).toThrow(ConfigError);
  expect(() => exportStoreFromEnv({})).toThrow('EXPORT_BUCKET');
  // The dependency object builds its store from the environment on first use; a replaced one is used as given.
  const fixed = new LocalFileExportStore(dir, 'http://x');
  expect(createDeps(parseConfig({}), { exportStore: fixed }).exportStore).toBe(fixed);
});
