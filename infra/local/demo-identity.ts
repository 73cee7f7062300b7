/**
 * The demo users as the local OpenID Connect provider knows them
 * (infra/local/oidc-provider.ts): participants as ID-porten knows a person
 * (a national identity number), staff as the municipality's directory does
 * (group memberships). The token step (shared/identity/token-step.ts) turns
 * them into roles and ownership claims with the same lookups as on AWS: the
 * participant's file through the national-id index, staff groups through the
 * group table, here `DEMO_STAFF_GROUPS` (on AWS CDK context `introflyt:staffGroups`).
 */
import type { StaffGroupRule, StaffRole } from '../../shared/identity/token-step.js';
import type { LocalIdentity } from './oidc-provider.js';
import { DEMO_MUNICIPALITY, DEMO_PARTICIPANTS, DEMO_USERS } from './seed.js';

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
