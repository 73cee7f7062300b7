/**
 * Where the audit key and the outside anchor are, from the environment
 * (parsed once with zod, quality.md style 6). Only the functions that need
 * them get the variables (infra/constructs/audit-trail.ts):
 *
 *   AUDIT_MAC_KEY_ID     the KMS HMAC key (AWS): the sealer and verifiers
 *   AUDIT_MAC_KEY_FILE   the local stand-in: a key file in the data folder
 *   AUDIT_ANCHOR_BUCKET  the Object Lock bucket (AWS): sealer, checkpoint, admin verification
 *   AUDIT_ANCHOR_FILE    the local stand-in: an append-only file beside the data
 *
 * A function without them can still append and list entries; it reports the
 * chain as UNVERIFIED rather than pretending to have checked it.
 */
import * as z from 'zod';
import { ConfigError } from '../config.js';
import { FileAnchorStore, S3AnchorStore, type AnchorStore } from './audit-anchors.js';
import { KmsAuditMac, LocalAuditMac, readKeyFile, type AuditMac } from './audit-mac.js';

const envSchema = z.object({
  AWS_REGION: z.string().min(1).default('eu-north-1'),
  AUDIT_MAC_KEY_ID: z.string().regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/, { message: 'must be a KMS key ARN' }).optional(),
  AUDIT_MAC_KEY_FILE: z.string().min(1).optional(),
  AUDIT_ANCHOR_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be an S3 bucket name' }).optional(),
  AUDIT_ANCHOR_FILE: z.string().min(1).optional(),
});

export interface AuditConfig {
  region: string;
  mac: { kind: 'kms'; keyId: string } | { kind: 'file'; file: string } | undefined;
  anchors: { kind: 's3'; bucket: string } | { kind: 'file'; file: string } | undefined;
}

export function parseAuditConfig(env: Readonly<Record<string, string | undefined>>): AuditConfig {
  const r = envSchema.safeParse(env);
  if (!r.success) throw new ConfigError(`Invalid environment: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const e = r.data;
  if (e.AUDIT_MAC_KEY_ID !== undefined && e.AUDIT_MAC_KEY_FILE !== undefined) throw new ConfigError('Invalid environment: AUDIT_MAC_KEY_ID and AUDIT_MAC_KEY_FILE exclude each other');
  if (e.AUDIT_ANCHOR_BUCKET !== undefined && e.AUDIT_ANCHOR_FILE !== undefined) throw new ConfigError('Invalid environment: AUDIT_ANCHOR_BUCKET and AUDIT_ANCHOR_FILE exclude each other');
  return {
    region: e.AWS_REGION,
    mac: e.AUDIT_MAC_KEY_ID !== undefined ? { kind: 'kms', keyId: e.AUDIT_MAC_KEY_ID } : e.AUDIT_MAC_KEY_FILE !== undefined ? { kind: 'file', file: e.AUDIT_MAC_KEY_FILE } : undefined,
    anchors:
      e.AUDIT_ANCHOR_BUCKET !== undefined ? { kind: 's3', bucket: e.AUDIT_ANCHOR_BUCKET } : e.AUDIT_ANCHOR_FILE !== undefined ? { kind: 'file', file: e.AUDIT_ANCHOR_FILE } : undefined,
  };
}

export function macFor(config: AuditConfig): AuditMac | undefined {
  const m = config.mac;
  if (m === undefined) return undefined;
  return m.kind === 'kms' ? new KmsAuditMac(config.region, m.keyId) : new LocalAuditMac(readKeyFile(m.file));
}

export function anchorStoreFor(config: AuditConfig): AnchorStore | undefined {
  const a = config.anchors;
  if (a === undefined) return undefined;
  return a.kind === 's3' ? new S3AnchorStore(config.region, a.bucket) : new FileAnchorStore(a.file);
}

/** The audit key and the anchor store (either absent where the function has no access to it). */
export interface AuditServices {
  mac: AuditMac | undefined;
  anchors: AnchorStore | undefined;
}

/** The audit key and anchor store of an environment (the dependency object reads process.env's on first use, shared/adapters/deps.ts). */
export function auditServicesOf(env: Readonly<Record<string, string | undefined>>): AuditServices {
  const config = parseAuditConfig(env);
  return { mac: macFor(config), anchors: anchorStoreFor(config) };
}
