/**
 * Who a staff member is, as the user directory says: their municipality, their
 * roles and whether their account is enabled (issue 8 item 6; quality.md S13).
 * An admin's request names advisers by `sub` only, which anyone can type; the
 * directory is what says whether that sub is an adviser of the admin's
 * municipality.
 *
 * - On AWS: the staff user pool (infra/constructs/user-directory.ts), whose
 *   `custom:municipality` is set when the account is made and never writable
 *   by the user; groups are the roles. `STAFF_DIRECTORY=cognito:<pool id>`.
 *   A user the municipality's directory signed in (federated, issue 13) has
 *   neither: their roles and municipality come from the directory's groups
 *   Cognito stored at their last sign-in (`custom:idpGroups`), through the
 *   same group table as their tokens (`STAFF_GROUPS`, token-step.ts), so an
 *   adviser is found exactly when their token would say adviser.
 * - Locally: a JSON file the local runtime keeps (infra/local/system.ts): the
 *   demo users and every staff user the local issuer has given a token, as
 *   the issuer stands in for the user pool. `STAFF_DIRECTORY=file:<path>`.
 *
 * Read on every call, never cached: an account disabled or moved a moment ago
 * counts at once.
 */
import { readFile } from 'node:fs/promises';
import { AdminListGroupsForUserCommand, CognitoIdentityProviderClient, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import * as z from 'zod';
import type { Role } from '../contract/roles.js';
import { parseGroups } from '../http/auth.js';
import { claimsFor, groupList, TokenStepRefusal, type StaffGroupRule } from '../identity/token-step.js';

export interface StaffMember {
  sub: string;
  municipality: string;
  groups: Role[];
  enabled: boolean;
}

export interface StaffDirectory {
  /** The member with this `sub`, or undefined if the directory has none. */
  find(sub: string): Promise<StaffMember | undefined>;
}

/** Subjects as Cognito issues them (UUIDs) and as tests use them; nothing that could leave a quoted filter. */
const SUB = /^[A-Za-z0-9_-]{1,128}$/;

/** A fixed list (tests, and the local file once read). */
export function staffDirectoryOf(members: readonly StaffMember[]): StaffDirectory {
  const bySub = new Map(members.map((m) => [m.sub, m]));
  return { find: async (sub) => bySub.get(sub) };
}

const fileSchema = z.strictObject({
  users: z.array(
    z.strictObject({
      sub: z.string().regex(SUB),
      municipality: z.string().regex(/^\d{4}$/),
      groups: z.array(z.string()),
      enabled: z.boolean().default(true),
    }),
  ),
});

export type StaffDirectoryFile = z.input<typeof fileSchema>;

/** The local runtime's directory: the file is read on each call (the local issuer adds users while it runs). */
export class FileStaffDirectory implements StaffDirectory {
  constructor(private readonly path: string) {}

  async find(sub: string): Promise<StaffMember | undefined> {
    const parsed = fileSchema.parse(JSON.parse(await readFile(this.path, 'utf8')));
    return staffDirectoryOf(parsed.users.map((u) => ({ ...u, groups: parseGroups(u.groups) }))).find(sub);
  }
}

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
      return { sub, municipality: derived?.municipality ?? '', groups: derived?.groups ?? [], enabled: user.Enabled !== false };
    }
    const groups = await this.client.send(new AdminListGroupsForUserCommand({ UserPoolId: this.userPoolId, Username: user.Username, Limit: 60 }));
    return {
      sub,
      municipality: attribute('custom:municipality') ?? '',
      groups: parseGroups((groups.Groups ?? []).flatMap((g) => (g.GroupName === undefined ? [] : [g.GroupName]))),
      enabled: user.Enabled !== false,
    };
  }
}

/** `cognito:<user pool id>` or `file:<absolute path>` (shared/config.ts checks the form). */
export function staffDirectoryFrom(setting: string, staffGroups: readonly StaffGroupRule[] = []): StaffDirectory {
  return setting.startsWith('cognito:') ? new CognitoStaffDirectory(setting.slice('cognito:'.length), undefined, staffGroups) : new FileStaffDirectory(setting.slice('file:'.length));
}
