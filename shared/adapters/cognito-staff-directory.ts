/**
 * The staff user pool as the directory of staff on AWS (staff-directory.ts
 * says what a directory answers): a member by `sub` (ListUsers filter), then
 * their groups; a federated member's roles and municipality through the
 * deployment's group table, as the token step derives them. Loaded only when
 * a function first looks staff up (staff-directory.ts `staffDirectoryFrom`).
 */
import { AdminListGroupsForUserCommand, CognitoIdentityProviderClient, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Role } from '../contract/roles.js';
import { parseGroups } from '../http/auth.js';
import { claimsFor, groupList, TokenStepRefusal, type StaffGroupRule } from '../identity/token-step.js';
import { labelsOf, SUB, type StaffDirectory, type StaffMember } from './staff-directory.js';

type CognitoSend = Pick<CognitoIdentityProviderClient, 'send'>;

/** The staff user pool on AWS: the user by `sub` (ListUsers filter), then their groups. */
export class CognitoStaffDirectory implements StaffDirectory {
  constructor(
    private readonly userPoolId: string,
    private readonly client: CognitoSend = new CognitoIdentityProviderClient({}),
    /** The deployment's group table (federated staff); empty: only pool-made accounts count. */
    private readonly staffGroups: readonly StaffGroupRule[] = [],
  ) {}

  /** A federated user's roles and municipality, as the token step derives them; undefined when it gives none. */
  private async federated(idpGroups: string): Promise<{ municipality: string; groups: Role[] } | undefined> {
    try {
      const c = await claimsFor({ kind: 'staff', groups: groupList(idpGroups) }, { municipalities: [], staffGroups: this.staffGroups, nationalIdHolder: async () => undefined });
      return { municipality: c.municipality, groups: c.groups };
    } catch (err) {
      if (err instanceof TokenStepRefusal) return undefined;
      throw err;
    }
  }

  async find(sub: string): Promise<StaffMember | undefined> {
    if (!SUB.test(sub)) return undefined;
    const listed = await this.client.send(new ListUsersCommand({ UserPoolId: this.userPoolId, Filter: `sub = "${sub}"`, Limit: 1 }));
    const user = listed.Users?.[0];
    const attribute = (name: string) => user?.Attributes?.find((a) => a.Name === name)?.Value;
    if (user?.Username === undefined || attribute('sub') !== sub) return undefined;
    const idpGroups = attribute('custom:idpGroups');
    if (idpGroups !== undefined) {
      const derived = await this.federated(idpGroups);
      return { sub, municipality: derived?.municipality ?? '', groups: derived?.groups ?? [], enabled: user.Enabled !== false, ...labelsOf(attribute('name'), attribute('custom:staffUnit')) };
    }
    const groups = await this.client.send(new AdminListGroupsForUserCommand({ UserPoolId: this.userPoolId, Username: user.Username, Limit: 60 }));
    return {
      sub,
      municipality: attribute('custom:municipality') ?? '',
      groups: parseGroups((groups.Groups ?? []).flatMap((g) => (g.GroupName === undefined ? [] : [g.GroupName]))),
      enabled: user.Enabled !== false,
      ...labelsOf(attribute('name'), attribute('custom:staffUnit')),
    };
  }

  /**
   * Every user of the pool (pages of 60; a staff pool holds the staff of the
   * deployment's municipalities, some hundreds), kept to `municipality`: the
   * pool attribute for pool-made accounts, the group table for federated ones.
   */
  async list(municipality: string): Promise<StaffMember[]> {
    const out: StaffMember[] = [];
    let token: string | undefined;
    for (let page = 0; page < MAX_LIST_PAGES; page++) {
      const r = await this.client.send(new ListUsersCommand({ UserPoolId: this.userPoolId, Limit: 60, ...(token === undefined ? {} : { PaginationToken: token }) }));
      for (const user of r.Users ?? []) {
        const attribute = (name: string) => user.Attributes?.find((a) => a.Name === name)?.Value;
        const sub = attribute('sub');
        if (sub === undefined) continue;
        const idpGroups = attribute('custom:idpGroups');
        const derived = idpGroups === undefined ? undefined : await this.federated(idpGroups);
        const m = idpGroups === undefined ? attribute('custom:municipality') : derived?.municipality;
        if (m !== municipality) continue;
        out.push({ sub, municipality: m, groups: derived?.groups ?? [], enabled: user.Enabled !== false, ...labelsOf(attribute('name'), attribute('custom:staffUnit')) });
      }
      token = r.PaginationToken;
      if (token === undefined) break;
    }
    return out;
  }
}

/** 50 pages of 60: 3 000 staff accounts, well above a deployment's; the rest would show by role. */
const MAX_LIST_PAGES = 50;
