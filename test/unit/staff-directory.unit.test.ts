/**
 * The staff directory (shared/adapters/staff-directory.ts): how the system
 * knows a staff member's municipality and roles. On AWS the staff user pool
 * (the Cognito calls are checked against a fake client: the user by `sub`,
 * then their groups), locally a file the local runtime keeps; the setting
 * STAFF_DIRECTORY says which, checked with the rest of the environment.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminListGroupsForUserCommand, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createLocalStaffDirectory } from '../../infra/local/staff-directory-file.js';
import { CognitoStaffDirectory } from '../../shared/adapters/cognito-staff-directory.js';
import { FileStaffDirectory, memoisedDirectory, staffDirectoryFrom, staffDirectoryOf, staffLabel, staffNamesByRef } from '../../shared/adapters/staff-directory.js';
import { staffRef } from '../../shared/http/auth.js';
import { ConfigError, parseConfig, staffDirectoryOf as settingOf } from '../../shared/config.js';

function fakeCognito(users: { Username: string; sub: string; municipality?: string; enabled?: boolean; groups: string[]; idpGroups?: string; name?: string; unit?: string }[]) {
  const calls: unknown[] = [];
  const send = async (command: unknown): Promise<unknown> => {
    calls.push(command);
    if (command instanceof ListUsersCommand) {
      const wanted = /^sub = "(.*)"$/.exec(command.input.Filter ?? '')?.[1];
      const u = users.find((x) => x.sub === wanted);
      return {
        Users:
          u === undefined
            ? []
            : [{ Username: u.Username, Enabled: u.enabled ?? true, Attributes: [{ Name: 'sub', Value: u.sub }, ...(u.municipality ? [{ Name: 'custom:municipality', Value: u.municipality }] : []), ...(u.idpGroups ? [{ Name: 'custom:idpGroups', Value: u.idpGroups }] : []), ...(u.name ? [{ Name: 'name', Value: u.name }] : []), ...(u.unit ? [{ Name: 'custom:staffUnit', Value: u.unit }] : [])] }],
      };
    }
    if (command instanceof AdminListGroupsForUserCommand) return { Groups: users.find((x) => x.Username === command.input.Username)!.groups.map((GroupName) => ({ GroupName })) };
    throw new Error('unexpected command');
  };
  return { client: { send } as never, calls };
}

describe('Cognito (AWS), staff signed in by the municipality’s directory (federated)', () => {
  const table = [
    { group: 'g-adv', role: 'adviser' as const, municipality: '5001' },
    { group: 'g-pay', role: 'payroll' as const, municipality: '5001' },
    { group: 'g-adv-other', role: 'adviser' as const, municipality: '3201' },
  ];
  const { client, calls } = fakeCognito([
    // Cognito's own groups are ignored for a federated user: a pool group cannot add a role the directory does not give.
    { Username: 'StaffDirectory_kari', sub: 'b1b2c3d4-0000-4000-8000-000000000001', groups: ['admin'], idpGroups: '["g-adv","unrelated"]' },
    { Username: 'StaffDirectory_ola', sub: 'b1b2c3d4-0000-4000-8000-000000000002', groups: [], idpGroups: '[g-adv, g-adv-other]' },
    { Username: 'StaffDirectory_nils', sub: 'b1b2c3d4-0000-4000-8000-000000000003', groups: [], idpGroups: '["adviser"]' },
  ]);
  const dir = new CognitoStaffDirectory('eu-north-1_AbC123', client, table);

  test('roles and municipality come from the directory’s groups through the deployment’s group table, as in their tokens', async () => {
    expect(await dir.find('b1b2c3d4-0000-4000-8000-000000000001')).toEqual({ sub: 'b1b2c3d4-0000-4000-8000-000000000001', municipality: '5001', groups: ['adviser'], enabled: true });
    expect(calls.some((c) => c instanceof AdminListGroupsForUserCommand)).toBe(false);
  });

  test('groups of two municipalities, or a group merely named like a role, make nobody an adviser', async () => {
    expect(await dir.find('b1b2c3d4-0000-4000-8000-000000000002')).toMatchObject({ municipality: '', groups: [] });
    expect(await dir.find('b1b2c3d4-0000-4000-8000-000000000003')).toMatchObject({ municipality: '', groups: [] });
  });
});

describe('Cognito (AWS)', () => {
  const { client, calls } = fakeCognito([
    { Username: 'anna', sub: 'a1b2c3d4-0000-4000-8000-000000000001', municipality: '5001', groups: ['adviser'] },
    { Username: 'per', sub: 'a1b2c3d4-0000-4000-8000-000000000002', municipality: '5002', groups: ['adviser', 'payroll', 'not-a-role'] },
    { Username: 'gone', sub: 'a1b2c3d4-0000-4000-8000-000000000003', municipality: '5001', enabled: false, groups: ['adviser'] },
  ]);
  const dir = new CognitoStaffDirectory('eu-north-1_AbC123', client);

  test('finds the user by sub in the pool, with the immutable municipality attribute and the groups as roles', async () => {
    expect(await dir.find('a1b2c3d4-0000-4000-8000-000000000001')).toEqual({ sub: 'a1b2c3d4-0000-4000-8000-000000000001', municipality: '5001', groups: ['adviser'], enabled: true });
    expect(await dir.find('a1b2c3d4-0000-4000-8000-000000000002')).toEqual({ sub: 'a1b2c3d4-0000-4000-8000-000000000002', municipality: '5002', groups: ['adviser', 'payroll'], enabled: true });
    expect((await dir.find('a1b2c3d4-0000-4000-8000-000000000003'))?.enabled).toBe(false);
    const list = calls[0] as ListUsersCommand;
    expect(list.input).toEqual({ UserPoolId: 'eu-north-1_AbC123', Filter: 'sub = "a1b2c3d4-0000-4000-8000-000000000001"', Limit: 1 });
    expect((calls[1] as AdminListGroupsForUserCommand).input).toMatchObject({ UserPoolId: 'eu-north-1_AbC123', Username: 'anna' });
  });

  test('unknown subs, and subs that could break out of the filter string, find nobody (the latter without a call)', async () => {
    expect(await dir.find('a1b2c3d4-0000-4000-8000-00000000dead')).toBeUndefined();
    const before = calls.length;
    for (const evil of ['x" or sub ^= "', 'a b', '', 'ä'.repeat(3), 'x'.repeat(129)]) expect(await dir.find(evil)).toBeUndefined();
    expect(calls.length).toBe(before);
  });
});

describe('the local file', () => {
  test('the local runtime keeps staff users only, each with their latest token’s municipality and groups, mode 0600; the adapter reads it afresh', async () => {
    const local = createLocalStaffDirectory(null, [
      { sub: 'adviser-1', municipality: '5001', groups: ['adviser'] },
      { sub: 'p1', municipality: '5001', groups: ['participant'] },
    ]);
    try {
      expect(statSync(local.path).mode & 0o777).toBe(0o600);
      const dir = new FileStaffDirectory(local.path);
      expect(await dir.find('adviser-1')).toEqual({ sub: 'adviser-1', municipality: '5001', groups: ['adviser'], enabled: true });
      expect(await dir.find('p1')).toBeUndefined();
      local.add({ sub: 'adviser-1', municipality: '5002', groups: ['adviser', 'kiosk'] });
      expect(await dir.find('adviser-1')).toMatchObject({ municipality: '5002', groups: ['adviser'] });
      expect(JSON.parse(readFileSync(local.path, 'utf8')).users).toHaveLength(1);
    } finally {
      local.close();
    }
  });

  test('in a data folder the file is kept between starts', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'introflyt-staff-test-'));
    try {
      createLocalStaffDirectory(dataDir, [{ sub: 'admin-1', municipality: '5001', groups: ['admin'] }]).close();
      const again = createLocalStaffDirectory(dataDir, []);
      expect(JSON.parse(readFileSync(again.path, 'utf8')).users).toEqual([{ sub: 'admin-1', municipality: '5001', groups: ['admin'], enabled: true }]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('a list for tests', async () => {
    const dir = staffDirectoryOf([{ sub: 's', municipality: '5001', groups: ['admin'], enabled: true }]);
    expect(await dir.find('s')).toMatchObject({ municipality: '5001' });
    expect(await dir.find('t')).toBeUndefined();
  });
});

describe('the name or unit others see (issue 11)', () => {
  test('Cognito: the pool’s `name` and `custom:staffUnit`, for pool-made and federated staff', async () => {
    const { client } = fakeCognito([
      { Username: 'kari', sub: 's-kari', municipality: '5001', groups: ['adviser'], name: 'Kari Nordmann', unit: 'Team 1' },
      { Username: 'fed', sub: 's-fed', groups: [], idpGroups: '["g-adv"]', name: 'Ola Hansen' },
    ]);
    const dir = new CognitoStaffDirectory('pool', client, [{ group: 'g-adv', role: 'adviser', municipality: '5001' }]);
    expect(await dir.find('s-kari')).toMatchObject({ displayName: 'Kari Nordmann', unit: 'Team 1' });
    expect(await dir.find('s-fed')).toMatchObject({ municipality: '5001', displayName: 'Ola Hansen' });
  });

  test('the name, else the unit; never across municipalities, never a value that is empty, too long, or could forge or reverse text', () => {
    const m = { sub: 's', municipality: '5001', groups: ['adviser' as const], enabled: true };
    expect(staffLabel({ ...m, displayName: 'Kari Nordmann', unit: 'Team 1' }, '5001')).toBe('Kari Nordmann');
    expect(staffLabel({ ...m, unit: ' Team 1 ' }, '5001')).toBe('Team 1');
    expect(staffLabel({ ...m, displayName: 'Kari Nordmann' }, '0301')).toBeUndefined();
    expect(staffLabel(undefined, '5001')).toBeUndefined();
    expect(staffLabel(m, '5001')).toBeUndefined();
    for (const bad of ['  ', 'x'.repeat(101), 'Kari\nNordmann', 'Kari \u202e 00,001', 'Kari\u2067'])
      expect(staffLabel({ ...m, displayName: bad, unit: 'Team 1' }, '5001')).toBe('Team 1');
  });

  test('the local file carries displayName and unit; a sign-in keeps them; a bad value is refused when read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'staff-label-'));
    try {
      const local = createLocalStaffDirectory(dir, [{ sub: 'a1', municipality: '5001', groups: ['adviser'], displayName: 'Kari Nordmann', unit: 'Team 1' }]);
      local.add({ sub: 'a1', municipality: '5001', groups: ['adviser'] });
      expect(await new FileStaffDirectory(local.path).find('a1')).toMatchObject({ displayName: 'Kari Nordmann', unit: 'Team 1' });
      local.add({ sub: 'a2', municipality: '5001', groups: ['adviser'], displayName: 'Eve \u202e 1' });
      await expect(new FileStaffDirectory(local.path).find('a1')).rejects.toThrow(/displayName/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('names by pseudonymous ref: only the viewer’s municipality, only refs asked for; no directory, no names', async () => {
    const dir = staffDirectoryOf([
      { sub: 'kari', municipality: '5001', groups: ['adviser'], enabled: true, displayName: 'Kari Nordmann' },
      { sub: 'ola', municipality: '5001', groups: ['payroll'], enabled: true, unit: 'Lønn' },
      { sub: 'oslo', municipality: '0301', groups: ['adviser'], enabled: true, displayName: 'Oslo Person' },
    ]);
    const names = await staffNamesByRef(dir, '5001', [staffRef('kari'), staffRef('oslo'), 'staff-000000000000']);
    expect([...names]).toEqual([[staffRef('kari'), 'Kari Nordmann']]);
    expect([...(await staffNamesByRef(dir, '5001', [staffRef('ola')]))]).toEqual([[staffRef('ola'), 'Lønn']]);
    expect((await staffNamesByRef(undefined, '5001', [staffRef('kari')])).size).toBe(0);
    expect((await staffNamesByRef(dir, '0301', [staffRef('kari')])).size).toBe(0);
  });

  test('Cognito lists the pool page by page, keeping the municipality’s pool-made and federated staff', async () => {
    const pages = [
      { Users: [{ Username: 'k', Enabled: true, Attributes: [{ Name: 'sub', Value: 'kari' }, { Name: 'custom:municipality', Value: '5001' }, { Name: 'name', Value: 'Kari Nordmann' }] }], PaginationToken: 'p2' },
      {
        Users: [
          { Username: 'o', Enabled: true, Attributes: [{ Name: 'sub', Value: 'oslo' }, { Name: 'custom:municipality', Value: '0301' }, { Name: 'name', Value: 'Oslo Person' }] },
          { Username: 'f', Enabled: true, Attributes: [{ Name: 'sub', Value: 'fed' }, { Name: 'custom:idpGroups', Value: '["g-adv"]' }, { Name: 'custom:staffUnit', Value: 'Team 2' }] },
          { Username: 'x', Enabled: true, Attributes: [] },
        ],
      },
    ];
    const tokens: unknown[] = [];
    const client = { send: async (c: ListUsersCommand) => (tokens.push(c.input.PaginationToken), pages[tokens.length - 1]) } as never;
    const dir = new CognitoStaffDirectory('pool', client, [{ group: 'g-adv', role: 'adviser', municipality: '5001' }]);
    expect((await dir.list('5001')).map((m) => [m.sub, m.displayName ?? m.unit])).toEqual([
      ['kari', 'Kari Nordmann'],
      ['fed', 'Team 2'],
    ]);
    expect(tokens).toEqual([undefined, 'p2']);
  });

  test('a batch looks each sub up once', async () => {
    let calls = 0;
    const dir = memoisedDirectory({ list: async () => [], find: async (sub) => (calls++, sub === 'a' ? { sub, municipality: '5001', groups: [], enabled: true } : undefined) });
    await Promise.all([dir.find('a'), dir.find('a'), dir.find('b'), dir.find('a')]);
    expect(calls).toBe(2);
  });
});

describe('the setting', () => {
  test('STAFF_DIRECTORY is cognito:<pool id> or file:<absolute path>; missing only matters where staff are looked up', async () => {
    // The pool's directory is loaded on its first lookup (a sub of the wrong form is refused before any call to Cognito).
    const pool = staffDirectoryFrom('cognito:eu-north-1_AbC123');
    expect(pool).not.toBeInstanceOf(FileStaffDirectory);
    await expect(pool.find('not a sub"')).resolves.toBeUndefined();
    expect(staffDirectoryFrom('file:/tmp/x.json')).toBeInstanceOf(FileStaffDirectory);
    expect(settingOf(parseConfig({ STAFF_DIRECTORY: 'cognito:eu-north-1_AbC123' }))).toBe('cognito:eu-north-1_AbC123');
    for (const bad of ['cognito:', 'file:relative.json', 'ldap://x', 'cognito:pool"x']) expect(() => parseConfig({ STAFF_DIRECTORY: bad })).toThrow(/STAFF_DIRECTORY/);
    expect(() => settingOf(parseConfig({}))).toThrow(new ConfigError('Missing environment variable: STAFF_DIRECTORY'));
  });
});
