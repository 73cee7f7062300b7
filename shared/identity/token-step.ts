/**
 * The token step: from the identity an identity provider vouched for to the
 * claims the handlers read (shared/http/auth.ts): `cognito:groups`,
 * `custom:municipality` and, for a participant, `custom:participantId`.
 *
 * One code path for both runtimes: on AWS the user pools' pre-token-generation
 * trigger (functions/pre-token) calls `claimsFor` with what Cognito mapped
 * from ID-porten or the municipality's directory; locally the OpenID Connect
 * provider that stands in for both (infra/local/oidc-provider.ts) calls it for
 * its demo users. Handlers never see the provider's own claims.
 *
 * - Participant (ID-porten): the national id (`pid`) must belong to exactly
 *   one participant's file in one of the deployment's municipalities; the file
 *   is found through the national-id index (participant-files-repo
 *   `nationalIdHolder`). No file, or files in two municipalities: no token
 *   (the adviser registers the participant first; two municipalities at once
 *   is a data error an adviser must settle, never a guess).
 * - Staff (the municipality's directory): the directory's group ids map to
 *   roles and a municipality by the deployment's group table (CDK context
 *   `introflyt:staffGroups`, never code). Groups the table does not name are
 *   ignored; no known group, or groups of two municipalities: no token.
 */
// Namespace import (zod 4's advice): lets the bundler drop what is unused.
import * as z from 'zod';
import type { Role } from '../contract/roles.js';

export type StaffRole = 'adviser' | 'payroll' | 'admin';

/** One row of the deployment's group table: members of `group` hold `role` in `municipality`. */
export interface StaffGroupRule {
  group: string;
  role: StaffRole;
  municipality: string;
}

export const staffGroupRulesSchema = z
  .array(
    z.strictObject({
      group: z.string().min(1).max(256),
      role: z.enum(['adviser', 'payroll', 'admin']),
      municipality: z.string().regex(/^\d{4}$/, 'a four-digit municipality number'),
    }),
  )
  .min(1);

/** Parses the group table (JSON text from CDK context or the environment); throws a message naming the bad entry. */
export function parseStaffGroupRules(json: string): StaffGroupRule[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('STAFF_GROUPS_INVALID: not JSON; expected [{"group":"<directory group id>","role":"adviser","municipality":"5001"}, …]');
  }
  const parsed = staffGroupRulesSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`STAFF_GROUPS_INVALID: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'list'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export type Identity =
  | { kind: 'participant'; nationalId: string }
  | { kind: 'staff'; groups: readonly string[] };

export interface TokenStepDeps {
  /** Municipalities this deployment serves (four-digit numbers). */
  municipalities: readonly string[];
  staffGroups: readonly StaffGroupRule[];
  /** The participant whose file holds this national id in this municipality (participant-files-repo `nationalIdHolder`). */
  nationalIdHolder(municipality: string, nationalId: string): Promise<string | undefined>;
  /**
   * Ends the participant's device bindings (the activation path for those without ID-porten,
   * shared/identity/device-activation.ts): their first ID-porten sign-in ends it.
   */
  endDeviceBindings?(participantId: string): Promise<void>;
}

export interface TokenClaims {
  groups: Role[];
  municipality: string;
  participantId?: string;
}

export type RefusalCode = 'DEVICE_BINDING_ENDED' | 'NO_NATIONAL_ID' | 'NOT_A_PARTICIPANT' | 'PARTICIPANT_IN_MANY_MUNICIPALITIES' | 'NO_STAFF_GROUP' | 'STAFF_IN_MANY_MUNICIPALITIES' | 'NO_SECOND_FACTOR';

/** No token for this identity; the code is logged (never the national id) and shown to the person as a plain message. */
export class TokenStepRefusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'TokenStepRefusal';
  }
}

/** Norwegian national identity number (fødselsnummer or D-number): eleven digits. ID-porten's `pid`. */
const NATIONAL_ID = /^\d{11}$/;

/**
 * Group claims as they arrive: a real list (the local provider), or the string
 * Cognito makes of a multi-valued IdP claim (`["a","b"]` or `[a, b]`).
 */
export function groupList(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.filter((g): g is string => typeof g === 'string' && g.length > 0);
  if (typeof raw !== 'string' || raw.trim() === '') return [];
  const text = raw.trim();
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return groupList(parsed);
    } catch {
      // Not JSON: Cognito's `[a, b]` form, split below.
    }
  }
  return text
    .replace(/^\[/, '')
    .replace(/\]$/, '')
    .split(/[\s,]+/)
    .map((g) => g.replace(/^"|"$/g, ''))
    .filter((g) => g.length > 0);
}

async function participantClaims(nationalId: string, deps: TokenStepDeps): Promise<TokenClaims> {
  if (!NATIONAL_ID.test(nationalId)) throw new TokenStepRefusal('NO_NATIONAL_ID', 'the identity provider sent no national identity number');
  const found: { municipality: string; participantId: string }[] = [];
  for (const municipality of deps.municipalities) {
    const participantId = await deps.nationalIdHolder(municipality, nationalId);
    if (participantId !== undefined) found.push({ municipality, participantId });
  }
  if (found.length === 0) throw new TokenStepRefusal('NOT_A_PARTICIPANT', 'no participant file holds this national identity number; the adviser registers the participant first');
  if (found.length > 1) throw new TokenStepRefusal('PARTICIPANT_IN_MANY_MUNICIPALITIES', 'participant files in more than one municipality hold this national identity number');
  await deps.endDeviceBindings?.(found[0]!.participantId);
  return { groups: ['participant'], municipality: found[0]!.municipality, participantId: found[0]!.participantId };
}

function staffClaims(groups: readonly string[], rules: readonly StaffGroupRule[]): TokenClaims {
  const held = rules.filter((r) => groups.includes(r.group));
  const municipalities = [...new Set(held.map((r) => r.municipality))];
  if (held.length === 0) throw new TokenStepRefusal('NO_STAFF_GROUP', 'the directory puts this user in no Introflyt group');
  if (municipalities.length > 1) throw new TokenStepRefusal('STAFF_IN_MANY_MUNICIPALITIES', 'the directory puts this user in groups of more than one municipality');
  const roles = new Set(held.map((r) => r.role));
  // In the order of shared/contract/roles.ts, so the same groups always give the same claim.
  const ordered = (['adviser', 'payroll', 'admin'] as const).filter((r) => roles.has(r));
  return { groups: [...ordered], municipality: municipalities[0]! };
}

export async function claimsFor(identity: Identity, deps: TokenStepDeps): Promise<TokenClaims> {
  return identity.kind === 'participant' ? participantClaims(identity.nationalId, deps) : staffClaims(identity.groups, deps.staffGroups);
}

/** The claims as the handlers read them (the names Cognito's tokens carry). */
export function tokenClaimNames(c: TokenClaims): Record<string, string | string[]> {
  return {
    'cognito:groups': [...c.groups],
    'custom:municipality': c.municipality,
    ...(c.participantId !== undefined ? { 'custom:participantId': c.participantId } : {}),
  };
}
