/**
 * The demo identity (`npm start` only, never on AWS), in two parts:
 * - demo sign-in: the seeded demo users, the body of `POST /local/token`, and
 *   the rule that demo sign-in listens on this machine only unless
 *   `allowDemoOnNetwork` says otherwise;
 * - the demo users as the local OpenID Connect provider knows them
 *   (infra/local/oidc-provider.ts): participants as ID-porten knows a person
 *   (a national identity number), staff as the municipality's directory does
 *   (group memberships). The token step (shared/identity/token-step.ts) turns
 *   them into roles and ownership claims with the same lookups as on AWS: the
 *   participant's file through the national-id index, staff groups through the
 *   group table, here `DEMO_STAFF_GROUPS` (on AWS CDK context `introflyt:staffGroups`).
 */
import { isIPv4, isIPv6 } from 'node:net';
// Namespace import (zod 4's advice): lets the bundler drop what is unused (a named `z` import carries all of zod, locales included).
import * as z from 'zod';
import type { Role } from '../../shared/contract/roles.js';
import type { StaffGroupRule, StaffRole } from '../../shared/identity/token-step.js';
import type { LocalIdentity } from './oidc-provider.js';
import { DEMO_MUNICIPALITY, DEMO_PARTICIPANTS, DEMO_USERS } from './seed.js';

/** A seeded demo user that `POST /local/token` may sign in by username. */
export interface DemoUser {
  username: string;
  sub: string;
  groups: readonly Role[];
  municipality: string;
  participantId?: string;
  deviceId?: string;
  /** Staff: the name and unit the municipality shows for them (the local staff directory's `displayName`, `unit`). */
  displayName?: string;
  unit?: string;
}

/** 127.0.0.0/8, ::1 (and its IPv4-mapped form) or `localhost`: reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost') return true;
  if (isIPv4(h)) return h.startsWith('127.');
  if (isIPv6(h)) {
    // The URL parser writes an IPv6 address in one canonical form: ::1, and ::ffff:7f00:1 for ::ffff:127.0.0.1.
    const canonical = new URL(`http://[${h}]/`).hostname;
    return canonical === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(canonical);
  }
  return false;
}

export class DemoOnNetworkError extends Error {
  readonly code = 'LOCAL_DEMO_ON_NETWORK';
  constructor(host: string) {
    super(
      `LOCAL_DEMO_ON_NETWORK: HOST=${host} is not a loopback address, and demo sign-in is on (POST /local/token gives anyone who can reach it ` +
        'a token for any demo user, without a password). Use HOST=127.0.0.1, or set INTROFLYT_ALLOW_DEMO_ON_NETWORK=1 if every machine that can reach this one may act as any demo user.',
    );
    this.name = 'DemoOnNetworkError';
  }
}

/** Throws DemoOnNetworkError when demo sign-in would be served beyond this machine without the explicit flag. */
export function checkDemoHost(host: string, demo: boolean, allowDemoOnNetwork: boolean): void {
  if (demo && !allowDemoOnNetwork && !isLoopbackHost(host)) throw new DemoOnNetworkError(host);
}


export const tokenBody = z.strictObject({
  username: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'must be a demo username such as adviser1' }),
  ttlSeconds: z
    .number()
    .int()
    .min(60)
    .max(12 * 3600)
    .optional(),
});

const STAFF: readonly StaffRole[] = ['adviser', 'payroll', 'admin'];

/** The demo directory's group names (an Entra ID tenant would send group object ids). */
export const demoGroupName = (role: StaffRole, municipality: string = DEMO_MUNICIPALITY): string => `introflyt-${municipality}-${role}`;

export const DEMO_STAFF_GROUPS: readonly StaffGroupRule[] = STAFF.map((role) => ({ group: demoGroupName(role), role, municipality: DEMO_MUNICIPALITY }));

export const DEMO_IDENTITIES: readonly LocalIdentity[] = DEMO_USERS.map((u): LocalIdentity => {
  const participant = DEMO_PARTICIPANTS.find((p) => p.username === u.username);
  if (participant !== undefined) return { sub: u.sub, username: u.username, kind: 'participant', nationalId: participant.nationalId };
  return {
    sub: u.sub,
    username: u.username,
    kind: 'staff',
    directoryGroups: u.groups.filter((g): g is StaffRole => (STAFF as readonly string[]).includes(g)).map((g) => demoGroupName(g, u.municipality)),
  };
});
