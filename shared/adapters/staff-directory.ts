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
 *
 * How staff are shown to others (issue 11): the name or unit the municipality
 * chooses for each account, never what the user types. On AWS the pool's
 * standard `name` attribute and `custom:staffUnit`, which only an admin (or,
 * for federated staff, the municipality's directory at sign-in) writes: no
 * client may write them (infra/constructs/user-directory.ts). Locally the
 * directory file's `displayName` and `unit`. `staffLabel` is the one place
 * that decides what another person sees, and never across municipalities.
 */
import { readFile } from 'node:fs/promises';
import { ONE_LINE_TEXT } from '../domain/explanation/render.js';
import * as z from 'zod';
import type { Role } from '../contract/roles.js';
import type { Config } from '../config.js';
import { parseGroups, staffRef } from '../http/auth.js';
import { parseStaffGroupRules, type StaffGroupRule } from '../identity/token-step.js';

export interface StaffMember {
  sub: string;
  municipality: string;
  groups: Role[];
  enabled: boolean;
  /** The name the municipality shows for this person ("Kari Nordmann"). */
  displayName?: string;
  /** The unit the municipality shows instead of or beside the name ("Introsenteret, team 2"). */
  unit?: string;
}

/** Longest display name or unit: longer values from a directory are not shown. */
const MAX_LABEL = 100;

/** A directory value fit to show: one line without bidirectional controls (render.ts ONE_LINE_TEXT), 1–100 characters. */
function label(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v !== undefined && v !== '' && v.length <= MAX_LABEL && ONE_LINE_TEXT.test(v) ? v : undefined;
}

/**
 * What a viewer of `municipality` may see of a staff member: the display
 * name, else the unit; undefined for a member of another municipality, one
 * with neither, or one the directory does not know (the page then says the
 * role). Names never cross municipalities.
 */
export function staffLabel(member: StaffMember | undefined, municipality: string): string | undefined {
  if (member === undefined || member.municipality !== municipality) return undefined;
  return label(member.displayName) ?? label(member.unit);
}

/** Looks each distinct sub up once (a batch or a page names the same few staff many times). */
export function memoisedDirectory(directory: StaffDirectory): StaffDirectory {
  const seen = new Map<string, Promise<StaffMember | undefined>>();
  return {
    list: (municipality) => directory.list(municipality),
    find: (sub) => {
      let m = seen.get(sub);
      if (m === undefined) {
        m = directory.find(sub);
        seen.set(sub, m);
      }
      return m;
    },
  };
}

export interface StaffDirectory {
  /** The member with this `sub`, or undefined if the directory has none. */
  find(sub: string): Promise<StaffMember | undefined>;
  /**
   * The staff of one municipality with their names and units (`groups` may
   * be empty: listing does not read them). Logs and runs name staff by
   * pseudonymous ref only, so a page that shows names finds the ref's member
   * among these (`staffNamesByRef`).
   */
  list(municipality: string): Promise<StaffMember[]>;
}

/** Subjects as Cognito issues them (UUIDs) and as tests use them; nothing that could leave a quoted filter. */
export const SUB = /^[A-Za-z0-9_-]{1,128}$/;

/** A fixed list (tests, and the local file once read). */
export function staffDirectoryOf(members: readonly StaffMember[]): StaffDirectory {
  const bySub = new Map(members.map((m) => [m.sub, m]));
  return { find: async (sub) => bySub.get(sub), list: async (municipality) => members.filter((m) => m.municipality === municipality) };
}

const fileSchema = z.strictObject({
  users: z.array(
    z.strictObject({
      sub: z.string().regex(SUB),
      municipality: z.string().regex(/^\d{4}$/),
      groups: z.array(z.string()),
      enabled: z.boolean().default(true),
      displayName: z.string().min(1).max(MAX_LABEL).regex(ONE_LINE_TEXT).optional(),
      unit: z.string().min(1).max(MAX_LABEL).regex(ONE_LINE_TEXT).optional(),
    }),
  ),
});

export type StaffDirectoryFile = z.input<typeof fileSchema>;

/** The local runtime's directory: the file is read on each call (the local issuer adds users while it runs). */
export class FileStaffDirectory implements StaffDirectory {
  constructor(private readonly path: string) {}

  private async read(): Promise<StaffDirectory> {
    const parsed = fileSchema.parse(JSON.parse(await readFile(this.path, 'utf8')));
    return staffDirectoryOf(parsed.users.map(({ displayName, unit, ...u }) => ({ ...u, groups: parseGroups(u.groups), ...labelsOf(displayName, unit) })));
  }

  async find(sub: string): Promise<StaffMember | undefined> {
    return (await this.read()).find(sub);
  }

  async list(municipality: string): Promise<StaffMember[]> {
    return (await this.read()).list(municipality);
  }
}

/** The optional labels, present only when set (exactOptionalPropertyTypes). */
export function labelsOf(displayName: string | undefined, unit: string | undefined): Pick<StaffMember, 'displayName' | 'unit'> {
  const name = label(displayName);
  const u = label(unit);
  return { ...(name === undefined ? {} : { displayName: name }), ...(u === undefined ? {} : { unit: u }) };
}

/**
 * The staff user pool on AWS (cognito-staff-directory.ts), loaded on its first
 * lookup: the functions that may name staff carry the Cognito client in their
 * bundle, but only a lookup pays for evaluating it (P4's import time).
 */
class LazyCognitoStaffDirectory implements StaffDirectory {
  private loaded: Promise<StaffDirectory> | undefined;
  constructor(
    private readonly userPoolId: string,
    private readonly staffGroups: readonly StaffGroupRule[],
  ) {}
  private directory(): Promise<StaffDirectory> {
    return (this.loaded ??= import('./cognito-staff-directory.js').then((m) => new m.CognitoStaffDirectory(this.userPoolId, undefined, this.staffGroups)));
  }
  async find(sub: string): Promise<StaffMember | undefined> {
    return (await this.directory()).find(sub);
  }
  async list(municipality: string): Promise<StaffMember[]> {
    return (await this.directory()).list(municipality);
  }
}


/**
 * The names (or units) a viewer of `municipality` may see for these
 * pseudonymous staff refs (`staffRef(sub)`, as logs and runs record them):
 * only members of that municipality with a name or unit; others are left out
 * and the page says their role. No directory: none.
 */
export async function staffNamesByRef(directory: StaffDirectory | undefined, municipality: string, refs: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (directory === undefined || refs.length === 0) return names;
  const wanted = new Set(refs);
  for (const member of await directory.list(municipality)) {
    const ref = staffRef(member.sub);
    const name = wanted.has(ref) ? staffLabel(member, municipality) : undefined;
    if (name !== undefined) names.set(ref, name);
  }
  return names;
}

/** `cognito:<user pool id>` or `file:<absolute path>` (shared/config.ts checks the form). */
export function staffDirectoryFrom(setting: string, staffGroups: readonly StaffGroupRule[] = []): StaffDirectory {
  return setting.startsWith('cognito:') ? new LazyCognitoStaffDirectory(setting.slice('cognito:'.length), staffGroups) : new FileStaffDirectory(setting.slice('file:'.length));
}

/** One directory per configuration, made on first use. */
const configured = new WeakMap<Config, StaffDirectory>();

/**
 * The directory of STAFF_DIRECTORY (with STAFF_GROUPS on AWS: the group table
 * federated staff are read through, as their tokens are), made once per
 * configuration; `deps.staff` replaces it (tests). Undefined where the function has
 * no directory: pages then say the role instead of a name.
 */
export function configuredStaffDirectory(deps: { staff?: StaffDirectory | undefined; config: Config }): StaffDirectory | undefined {
  if (deps.staff !== undefined) return deps.staff;
  const setting = deps.config.staffDirectory;
  if (setting === undefined) return undefined;
  let directory = configured.get(deps.config);
  if (directory === undefined) {
    const table = process.env.STAFF_GROUPS;
    directory = staffDirectoryFrom(setting, table === undefined ? [] : parseStaffGroupRules(table));
    configured.set(deps.config, directory);
  }
  return directory;
}
