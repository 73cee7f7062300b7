/**
 * Participants without an ID-porten login yet (issue 13 item 3; the design in
 * docs/deploy.md, "Participants without ID-porten yet"): the adviser makes a
 * one-time activation code, the participant types it on their phone, which
 * makes a device key pair (WebCrypto ECDSA P-256, private key not
 * extractable) and sends the public key; the code binds that one device. From
 * then on the device signs a fresh challenge to get participant tokens with
 * the same claims the token step gives an ID-porten sign-in (the handlers
 * cannot tell the difference), plus `custom:deviceBinding`, which the API
 * checks on every request (shared/http/participant-guard.ts), so a revoked
 * binding's tokens stop at once.
 *
 * The same code runs locally and on AWS: redemption at the API's public route
 * POST /device-activations (functions/participant-device-access) in both;
 * signing in at the local provider's device endpoints (infra/local/device-sign-in.ts)
 * or the participant pool's custom-auth trigger (functions/pre-token/device-auth.ts).
 *
 * Limits (constants here, one place):
 * - a code: 12 characters from a 31-letter alphabet without look-alikes
 *   (4 for looking it up, 8 secret: 31^8 ≈ 8.5·10^11), valid 15 minutes,
 *   single use, at most 5 tries (counted before the comparison), stored only as its SHA-256;
 * - at most 5 codes a day per participant (each new code ends the earlier ones);
 * - at most 20 redemption attempts an hour per source address;
 * - a binding lives at most 90 days, ends when the adviser revokes it and when
 *   the participant first signs in with ID-porten (token-step.ts).
 */
import { createHash, randomInt, timingSafeEqual, webcrypto } from 'node:crypto';

export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ2345679'; // 31: no 0/O, 1/I/L, 8/B look-alikes kept apart
export const CODE_LOOKUP_LENGTH = 4;
export const CODE_LENGTH = 12;
export const CODE_VALID_SECONDS = 15 * 60;
export const CODE_MAX_TRIES = 5;
export const CODES_PER_PARTICIPANT_PER_DAY = 5;
export const REDEEM_PER_SOURCE_PER_HOUR = 20;
/** The longest a device binding lives (the municipality's policy for the activation path). */
export const BINDING_MAX_DAYS = 90;
export const CHALLENGE_VALID_SECONDS = 120;

export interface StoredCode {
  lookup: string;
  codeHash: string;
  municipality: string;
  participantId: string;
  /** epoch seconds */
  expiresAt: number;
  tries: number;
  used: boolean;
}

export interface DeviceBinding {
  bindingId: string;
  participantId: string;
  municipality: string;
  /** The device's public key (JWK, EC P-256). */
  publicKey: JsonWebKey;
  createdAt: string;
  /** ISO: createdAt + BINDING_MAX_DAYS */
  expiresAt: string;
  revokedAt?: string;
  /** Why it ended: ADVISER, ID_PORTEN. */
  revokedBy?: 'ADVISER' | 'ID_PORTEN';
}

export class ActivationRefusal extends Error {
  constructor(
    readonly code: 'ACTIVATION_CODE_INVALID' | 'TOO_MANY_ATTEMPTS' | 'DEVICE_BINDING_INVALID' | 'CHALLENGE_INVALID' | 'PUBLIC_KEY_INVALID',
    message: string,
  ) {
    super(message);
    this.name = 'ActivationRefusal';
  }
}

/** A new code, drawn uniformly from the alphabet (crypto.randomInt). */
export function newActivationCode(): string {
  let out = '';
  for (let i = 0; i < CODE_LENGTH; i++) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return out;
}

/** As a person types it: case, spaces and dashes do not matter. Undefined when it cannot be a code. */
export function normalizeCode(input: string): string | undefined {
  const c = input.toUpperCase().replace(/[\s-]/g, '');
  if (c.length !== CODE_LENGTH || [...c].some((ch) => !CODE_ALPHABET.includes(ch))) return undefined;
  return c;
}

/** `ABCD-EFGH-JKLM`, for showing. */
export const formatCode = (code: string): string => code.match(/.{4}/g)!.join('-');

export const codeLookup = (code: string): string => code.slice(0, CODE_LOOKUP_LENGTH);
export const codeHash = (code: string): string => createHash('sha256').update(`introflyt-activation:${code}`).digest('hex');

export function hashesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The source address as stored for the rate limit: hashed, never the address itself. */
export const sourceRef = (source: string): string => createHash('sha256').update(`introflyt-activation-source:${source}`).digest('hex').slice(0, 32);

export function bindingActive(b: DeviceBinding | undefined, now: Date): b is DeviceBinding {
  return b !== undefined && b.revokedAt === undefined && now.getTime() < Date.parse(b.expiresAt);
}

export function bindingExpiry(createdAt: Date): string {
  return new Date(createdAt.getTime() + BINDING_MAX_DAYS * 24 * 3600 * 1000).toISOString();
}

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** Only a public EC P-256 key with nothing else in it is accepted (no private part, ever). */
export async function checkedPublicKey(jwk: unknown): Promise<JsonWebKey> {
  const j = jwk as Record<string, unknown> | null;
  const ok =
    typeof j === 'object' &&
    j !== null &&
    j.kty === 'EC' &&
    j.crv === 'P-256' &&
    typeof j.x === 'string' &&
    typeof j.y === 'string' &&
    Object.keys(j).every((k) => ['kty', 'crv', 'x', 'y', 'ext', 'key_ops'].includes(k));
  if (!ok) throw new ActivationRefusal('PUBLIC_KEY_INVALID', 'the device key must be a public EC P-256 key');
  const clean: JsonWebKey = { kty: 'EC', crv: 'P-256', x: j.x as string, y: j.y as string };
  try {
    await webcrypto.subtle.importKey('jwk', clean, EC, true, ['verify']);
  } catch {
    throw new ActivationRefusal('PUBLIC_KEY_INVALID', 'the device key is not a point on P-256');
  }
  return clean;
}

/**
 * The device's answer to a challenge: ECDSA P-256 / SHA-256 over the UTF-8
 * of `introflyt-device:<bindingId>:<challenge>`, signature in WebCrypto's raw
 * (r‖s) form, base64url. The binding id in the signed text keeps one binding's
 * answer from being replayed for another.
 */
export function signedText(bindingId: string, challenge: string): string {
  return `introflyt-device:${bindingId}:${challenge}`;
}

export async function signatureValid(publicKey: JsonWebKey, bindingId: string, challenge: string, signatureB64url: string): Promise<boolean> {
  try {
    const key = await webcrypto.subtle.importKey('jwk', publicKey, EC, false, ['verify']);
    const sig = Buffer.from(signatureB64url, 'base64url');
    if (sig.length !== 64) return false;
    return await webcrypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, sig, Buffer.from(signedText(bindingId, challenge), 'utf8'));
  } catch {
    return false;
  }
}

/** The claims of a bound device's token: the token step's participant claims plus the binding. */
export function deviceTokenClaims(b: DeviceBinding): Record<string, string | string[]> {
  return {
    'cognito:groups': ['participant'],
    'custom:municipality': b.municipality,
    'custom:participantId': b.participantId,
    'custom:deviceBinding': b.bindingId,
  };
}

/** The subject of a bound device's tokens: one per binding, never the participant's ID-porten subject. */
export const deviceSubject = (bindingId: string): string => `device-binding-${bindingId}`;
