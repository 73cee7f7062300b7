/**
 * The audit key behind one small interface (quality.md S11): a MAC only its
 * holder can make. On AWS it is a KMS HMAC key (KeySpec HMAC_256, usage
 * GENERATE_VERIFY_MAC): its material never leaves KMS; only the sealing
 * function may GenerateMac, verifiers may only VerifyMac (infra/constructs/
 * audit-trail.ts). Locally the stand-in is a 32-byte key in a file of the
 * data folder (mode 0600), used with HMAC-SHA-256, the same algorithm.
 *
 * HMAC is deterministic, so the sealer can check a stored MAC by making it
 * again; verifiers that may not make MACs ask VerifyMac.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type * as KmsSdk from '@aws-sdk/client-kms';
import type { KMSClient } from '@aws-sdk/client-kms';

// Loaded on first use: a function that only appends never pays for the KMS client at start (quality.md P4).
let kmsModule: Promise<typeof KmsSdk> | undefined;
const loadKms = () => (kmsModule ??= import('@aws-sdk/client-kms'));

export interface AuditMac {
  /** The MAC of `message`, base64. */
  generate(message: string): Promise<string>;
  /** True when `mac` (base64) is the audit key's MAC of `message`. */
  verify(message: string, mac: string): Promise<boolean>;
}

/** Constant-time comparison of two base64 MACs. */
export function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a, 'base64');
  const y = Buffer.from(b, 'base64');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

export class KmsAuditMac implements AuditMac {
  #client: Promise<KMSClient> | undefined;

  /** `kms`: a client, or the region to make one in when first needed. */
  constructor(
    private readonly kms: KMSClient | string,
    private readonly keyId: string,
  ) {}

  private client(): Promise<KMSClient> {
    const kms = this.kms;
    return (this.#client ??= typeof kms === 'string' ? loadKms().then((m) => new m.KMSClient({ region: kms, maxAttempts: 4 })) : Promise.resolve(kms));
  }

  async generate(message: string): Promise<string> {
    const [{ GenerateMacCommand }, kms] = await Promise.all([loadKms(), this.client()]);
    const r = await kms.send(new GenerateMacCommand({ KeyId: this.keyId, MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from(message, 'utf8') }));
    if (r.Mac === undefined) throw new Error('AUDIT_MAC_EMPTY: KMS returned no MAC');
    return Buffer.from(r.Mac).toString('base64');
  }

  async verify(message: string, mac: string): Promise<boolean> {
    const bytes = Buffer.from(mac, 'base64');
    if (bytes.length === 0) return false;
    const [{ VerifyMacCommand }, kms] = await Promise.all([loadKms(), this.client()]);
    try {
      const r = await kms.send(new VerifyMacCommand({ KeyId: this.keyId, MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from(message, 'utf8'), Mac: bytes }));
      return r.MacValid === true;
    } catch (err) {
      // KMS answers an invalid MAC with this exception; anything else (throttling, no access) is a failure to check, not a verdict.
      if (err instanceof Error && err.name === 'KMSInvalidMacException') return false;
      throw err;
    }
  }
}

export const LOCAL_KEY_BYTES = 32;

/** HMAC-SHA-256 under a key held in memory (read from the local key file). */
export class LocalAuditMac implements AuditMac {
  readonly #key: Buffer;
  constructor(key: Buffer) {
    if (key.length < LOCAL_KEY_BYTES) throw new Error(`AUDIT_KEY_TOO_SHORT: the audit key must be at least ${LOCAL_KEY_BYTES} bytes`);
    this.#key = Buffer.from(key);
  }

  generate(message: string): Promise<string> {
    return Promise.resolve(createHmac('sha256', this.#key).update(message, 'utf8').digest('base64'));
  }

  async verify(message: string, mac: string): Promise<boolean> {
    return sameMac(await this.generate(message), mac);
  }
}

/** Reads the local key file; a missing one is an error (a new key would make every stored MAC fail). */
export function readKeyFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`AUDIT_KEY_MISSING: no audit key at ${file}`);
    throw err;
  }
}

/** Reads the local key file, or creates it (random, mode 0600, its folder 0700) when it does not exist yet. */
export function loadOrCreateKeyFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(LOCAL_KEY_BYTES);
  try {
    // 'wx': never replace a key another process wrote meanwhile (that would orphan every MAC made with it).
    writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file);
    throw err;
  }
  chmodSync(file, 0o600);
  return key;
}
