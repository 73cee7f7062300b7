/**
 * The caller, from the claims API Gateway puts on the event: the JWT
 * authorizer's `requestContext.authorizer.jwt.claims`, or on the routes a
 * kiosk calls the kiosk authorizer's context (`requestContext.authorizer.lambda`,
 * functions/checkin-authorizer), which hands on the same names. API Gateway
 * hands every claim over as a string; a list claim such as `cognito:groups`
 * arrives as `"[adviser payroll]"`. The local runtime builds the same shapes
 * by running the same authorizers.
 *
 * The kiosk role is taken only from the kiosk authorizer, which grants it
 * for a kiosk's own client-credentials token (an active registered device);
 * a user token claiming the kiosk group is never a kiosk.
 */
import { createHash } from 'node:crypto';
import type { Role } from '../contract/roles.js';
import { ROLES } from '../contract/roles.js';
import { ForbiddenError, UnauthenticatedError } from './errors.js';

export interface AuthContext {
  /** The role this request acts in: the first of the route's roles the caller holds. */
  role: Role;
  /** Every known role the caller holds. */
  groups: Role[];
  /** Cognito subject: stable, opaque user id. */
  sub: string;
  /** Four-digit municipality number the caller belongs to. */
  municipality: string;
  /** Present for role `participant`. */
  participantId?: string;
  /** Present for role `kiosk`. */
  deviceId?: string;
  /** A participant signed in by a bound device (the activation path), not by ID-porten. */
  deviceBindingId?: string;
  /**
   * Pseudonymous reference for logs and the access log: the participant id,
   * `device:<id>` for a kiosk, `staff-<hash>` for staff (never a name or email).
   */
  actorRef: string;
}

export type Claims = Readonly<Record<string, unknown>>;

/** Which authorizer the claims came from. */
export type ClaimSource = 'jwt' | 'device';

interface AuthorizerContext {
  jwt?: { claims?: Claims };
  lambda?: Claims;
}

/** The claims on an API Gateway v2 event and the authorizer that put them there. */
export function claimsOf(authorizer: unknown): { claims: Claims | undefined; source: ClaimSource } {
  const a = authorizer as AuthorizerContext | undefined;
  const lambda = a?.lambda;
  if (typeof lambda === 'object' && lambda !== null) return { claims: lambda, source: 'device' };
  return { claims: a?.jwt?.claims, source: 'jwt' };
}

const MUNICIPALITY = /^\d{4}$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** `"[adviser payroll]"`, `"adviser,payroll"`, `"adviser"` or a real array → known roles. */
export function parseGroups(raw: unknown): Role[] {
  let names: string[];
  if (Array.isArray(raw)) names = raw.filter((g): g is string => typeof g === 'string');
  else if (typeof raw === 'string') names = raw.replace(/^\[/, '').replace(/\]$/, '').split(/[\s,]+/);
  else names = [];
  return ROLES.filter((r) => names.includes(r));
}

/** Staff are shown to participants (access log) and in logs only by this reference. */
export function staffRef(sub: string): string {
  return `staff-${createHash('sha256').update(`introflyt-staff:${sub}`).digest('hex').slice(0, 12)}`;
}

function claim(claims: Claims, name: string): string | undefined {
  const v = claims[name];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/**
 * Builds the auth context and checks the role against the route's roles.
 * No claims or no subject → 401; no allowed role → 403 FORBIDDEN_ROLE; a role
 * without the claim it needs (participant id, device id, municipality) → 403.
 */
export function authenticate(claims: Claims | undefined, allowed: readonly Role[], source: ClaimSource = 'jwt'): AuthContext {
  if (claims === undefined) throw new UnauthenticatedError();
  const sub = claim(claims, 'sub');
  if (sub === undefined) throw new UnauthenticatedError();
  const groups = parseGroups(claims['cognito:groups']).filter((g) => g !== 'kiosk' || source === 'device');
  const role = allowed.find((r) => groups.includes(r));
  if (role === undefined) throw new ForbiddenError('FORBIDDEN_ROLE', `This route is for: ${allowed.join(', ')}`);
  const municipality = claim(claims, 'custom:municipality');
  if (municipality === undefined || !MUNICIPALITY.test(municipality))
    throw new ForbiddenError('MISSING_CLAIM', 'The token carries no valid municipality');
  const ctx: AuthContext = { role, groups, sub, municipality, actorRef: staffRef(sub) };
  if (role === 'participant') {
    const participantId = claim(claims, 'custom:participantId');
    if (participantId === undefined || !ID.test(participantId))
      throw new ForbiddenError('MISSING_CLAIM', 'The token carries no valid participant id');
    ctx.participantId = participantId;
    ctx.actorRef = participantId;
    const binding = claim(claims, 'custom:deviceBinding');
    if (binding !== undefined) {
      if (!ID.test(binding)) throw new ForbiddenError('MISSING_CLAIM', 'The token carries no valid device binding');
      ctx.deviceBindingId = binding;
    }
  } else if (role === 'kiosk') {
    const deviceId = claim(claims, 'custom:deviceId');
    if (deviceId === undefined || !ID.test(deviceId)) throw new ForbiddenError('MISSING_CLAIM', 'The token carries no valid device id');
    ctx.deviceId = deviceId;
    ctx.actorRef = `device:${deviceId}`;
  }
  return ctx;
}
