/**
 * The local stand-in for the staff user pool (shared/adapters/staff-directory.ts
 * `FileStaffDirectory` reads it): the local issuer is this machine's identity
 * provider, so a staff user exists once it knows them, as a demo user or as
 * anyone it has issued a token to (tests). Each user's municipality and groups
 * are those of their latest token, as an account's are in Cognito.
 *
 * Kept in `<dataDir>/staff-directory.json` (mode 0600), or in a private
 * temporary folder (0700, removed by `close`) when the system runs in memory.
 * Written whole and renamed into place, so a handler never reads half a file.
 */
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StaffDirectoryFile } from '../../shared/adapters/staff-directory.js';

const STAFF_GROUPS = new Set(['adviser', 'payroll', 'admin']);

export interface LocalStaffUser {
  sub: string;
  municipality: string;
  groups: readonly string[];
  /** The name and unit the municipality shows (demo users); a sign-in keeps those already set. */
  displayName?: string;
  unit?: string;
}

export interface LocalStaffDirectory {
  /** For STAFF_DIRECTORY=file:<path>. */
  readonly path: string;
  /** Adds or updates a user; users in no staff group are not staff and are left out. */
  add(user: LocalStaffUser): void;
  close(): void;
}

export function createLocalStaffDirectory(dataDir: string | null, initial: readonly LocalStaffUser[]): LocalStaffDirectory {
  const temp = dataDir === null ? mkdtempSync(join(tmpdir(), 'introflyt-staff-')) : undefined;
  const path = join(dataDir ?? temp!, 'staff-directory.json');
  const users = new Map<string, StaffDirectoryFile['users'][number]>();
  try {
    const kept = JSON.parse(readFileSync(path, 'utf8')) as StaffDirectoryFile;
    for (const u of kept.users) users.set(u.sub, u);
  } catch {
    // None yet (or unreadable): it is made below from what this run knows.
  }
  const save = (): void => {
    const next = `${path}.${process.pid}.tmp`;
    writeFileSync(next, `${JSON.stringify({ users: [...users.values()] } satisfies StaffDirectoryFile, null, 1)}\n`, { mode: 0o600 });
    renameSync(next, path);
  };
  const add = (u: LocalStaffUser): void => {
    const groups = u.groups.filter((g) => STAFF_GROUPS.has(g));
    if (groups.length === 0) return;
    const known = users.get(u.sub);
    const displayName = u.displayName ?? known?.displayName;
    const unit = u.unit ?? known?.unit;
    users.set(u.sub, { sub: u.sub, municipality: u.municipality, groups, enabled: true, ...(displayName === undefined ? {} : { displayName }), ...(unit === undefined ? {} : { unit }) });
    save();
  };
  for (const u of initial) add(u);
  save();
  return {
    path,
    add,
    close: () => {
      if (temp !== undefined) rmSync(temp, { recursive: true, force: true });
    },
  };
}
