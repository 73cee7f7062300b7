/**
 * A participant's kiosk credentials (issue 8 item 2): at most one card and
 * one QR token, each known only by the hash of its secret, and one PIN for
 * both. The hashes here are the stored form of a secret (deterministic, so the
 * kiosk's number finds its record); kiosk devices' own secrets are hashed the
 * same way.
 */
import { createHash } from 'node:crypto';

export type CredentialKind = 'CARD' | 'QR';
export const CREDENTIAL_KINDS: readonly CredentialKind[] = ['CARD', 'QR'];

/** A card or QR token by kind and the hash of its secret. */
export interface NewKioskCredential {
  kind: CredentialKind;
  secretHash: string;
}

/** The stored form of a card number or QR token. */
export function credentialSecretHash(kind: CredentialKind, secret: string): string {
  return createHash('sha256').update(`${kind}:${secret}`).digest('hex');
}

/**
 * The stored form of a kiosk device's secret. One sha256 is enough here (unlike
 * PINs): the secret is 256 random bits, so there is nothing to guess.
 */
export function deviceSecretHash(secret: string): string {
  return createHash('sha256').update(`DEVICE:${secret}`).digest('hex');
}

export interface CredentialChange {
  /** The participant's hashes by kind after the change. */
  next: Partial<Record<CredentialKind, string>>;
  /** Old credentials a new one of their kind replaces: they stop working (a lost card). */
  replaced: NewKioskCredential[];
  /** Old credentials of a kind not issued now: they keep working, with the new PIN (one PIN per participant). */
  kept: NewKioskCredential[];
}

/** What issuing `issued` does to a participant who holds `old` (in CARD, QR order). */
export function credentialChange(old: Partial<Record<CredentialKind, string>>, issued: readonly NewKioskCredential[]): CredentialChange {
  const next: Partial<Record<CredentialKind, string>> = { ...old };
  for (const c of issued) next[c.kind] = c.secretHash;
  const replaced: NewKioskCredential[] = [];
  const kept: NewKioskCredential[] = [];
  for (const kind of CREDENTIAL_KINDS) {
    const previous = old[kind];
    if (previous === undefined) continue;
    // The same card issued again is no replacement: its record is rewritten with the new PIN.
    if (issued.some((c) => c.kind === kind)) {
      if (previous !== next[kind]) replaced.push({ kind, secretHash: previous });
    } else kept.push({ kind, secretHash: previous });
  }
  return { next, replaced, kept };
}
