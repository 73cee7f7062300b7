/**
 * The token step (shared/identity/token-step.ts) and the pools'
 * pre-token-generation trigger around it (functions/pre-token/pre-token.ts):
 * which identity gets which claims, and the attacks: a directory group that
 * merely looks like a role, groups or files in two municipalities, a staff
 * sign-in without a second factor, a forged or missing national id, and
 * tokens never carrying the national id or the directory's groups.
 */
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { INPUT_ATTRIBUTES, preToken } from '../../functions/pre-token/pre-token.js';
import { claimsFor, groupList, parseStaffGroupRules, tokenClaimNames, TokenStepRefusal, type StaffGroupRule, type TokenStepDeps } from '../../shared/identity/token-step.js';

const GROUPS: StaffGroupRule[] = [
  { group: 'g-adv-5001', role: 'adviser', municipality: '5001' },
  { group: 'g-pay-5001', role: 'payroll', municipality: '5001' },
  { group: 'g-adm-5001', role: 'admin', municipality: '5001' },
  { group: 'g-adv-3201', role: 'adviser', municipality: '3201' },
];

/** National-id index: municipality → national id → participant id. */
function deps(index: Record<string, Record<string, string>> = { '5001': { '01019012345': 'p-ada' } }): TokenStepDeps & { lookups: string[] } {
  const lookups: string[] = [];
  return {
    lookups,
    municipalities: ['5001', '3201'],
    staffGroups: GROUPS,
    nationalIdHolder: async (m, nid) => {
      lookups.push(m);
      return index[m]?.[nid];
    },
  };
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TokenStepRefusal) return err.code;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('participants (ID-porten pid → the file)', () => {
  test('the file that holds the national id gives the participant role, its municipality and participant id', async () => {
    const c = await claimsFor({ kind: 'participant', nationalId: '01019012345' }, deps());
    expect(c).toEqual({ groups: ['participant'], municipality: '5001', participantId: 'p-ada' });
    expect(tokenClaimNames(c)).toEqual({ 'cognito:groups': ['participant'], 'custom:municipality': '5001', 'custom:participantId': 'p-ada' });
  });

  test('no file: no token (the adviser registers the participant first)', async () => {
    expect(await refusal(claimsFor({ kind: 'participant', nationalId: '02029012345' }, deps()))).toBe('NOT_A_PARTICIPANT');
  });

  test('files in two municipalities: no token, never a guess', async () => {
    const d = deps({ '5001': { '01019012345': 'p-a' }, '3201': { '01019012345': 'p-b' } });
    expect(await refusal(claimsFor({ kind: 'participant', nationalId: '01019012345' }, d))).toBe('PARTICIPANT_IN_MANY_MUNICIPALITIES');
  });

  test.each(['', '0101901234', '010190123456', '0101901234x', "01019012345' OR 1=1"])('a missing or malformed national id (%j) is refused before any lookup', async (nid) => {
    const d = deps();
    expect(await refusal(claimsFor({ kind: 'participant', nationalId: nid }, d))).toBe('NO_NATIONAL_ID');
    expect(d.lookups).toEqual([]);
  });
});

describe('staff (directory groups → roles and municipality)', () => {
  test('mapped groups give their roles in a fixed order and the municipality', async () => {
    expect(await claimsFor({ kind: 'staff', groups: ['g-pay-5001', 'unrelated', 'g-adv-5001'] }, deps())).toEqual({ groups: ['adviser', 'payroll'], municipality: '5001' });
  });

  test('a group named like a role, or any group the table does not name, grants nothing', async () => {
    expect(await refusal(claimsFor({ kind: 'staff', groups: ['adviser', 'admin', 'participant', 'kiosk'] }, deps()))).toBe('NO_STAFF_GROUP');
    expect(await refusal(claimsFor({ kind: 'staff', groups: [] }, deps()))).toBe('NO_STAFF_GROUP');
  });

  test('groups of two municipalities: no token', async () => {
    expect(await refusal(claimsFor({ kind: 'staff', groups: ['g-adv-5001', 'g-adv-3201'] }, deps()))).toBe('STAFF_IN_MANY_MUNICIPALITIES');
  });

  test('group claims as they arrive: a list, Cognito’s JSON string or its bracketed form', () => {
    expect(groupList(['a', 'b', 3, ''])).toEqual(['a', 'b']);
    expect(groupList('["a","b"]')).toEqual(['a', 'b']);
    expect(groupList('[a, b]')).toEqual(['a', 'b']);
    expect(groupList('a')).toEqual(['a']);
    expect(groupList(undefined)).toEqual([]);
    expect(groupList('  ')).toEqual([]);
  });

  test('the group table is checked: a bad role or municipality is named', () => {
    expect(parseStaffGroupRules('[{"group":"g","role":"adviser","municipality":"5001"}]')).toEqual([{ group: 'g', role: 'adviser', municipality: '5001' }]);
    expect(() => parseStaffGroupRules('[{"group":"g","role":"kiosk","municipality":"5001"}]')).toThrow(/STAFF_GROUPS_INVALID: 0.role/);
    expect(() => parseStaffGroupRules('[{"group":"g","role":"adviser","municipality":"51"}]')).toThrow(/0.municipality/);
    expect(() => parseStaffGroupRules('[]')).toThrow(/STAFF_GROUPS_INVALID/);
    expect(() => parseStaffGroupRules('nope')).toThrow(/not JSON/);
  });
});

describe('the pre-token-generation trigger', () => {
  const event = (userAttributes: Record<string, string>): PreTokenGenerationV2TriggerEvent =>
    ({
      version: '2',
      triggerSource: 'TokenGeneration_HostedAuth',
      region: 'eu-north-1',
      userPoolId: 'eu-north-1_x',
      userName: 'IdPorten_abc',
      callerContext: { awsSdkVersion: '1', clientId: 'c' },
      request: { userAttributes, groupConfiguration: { groupsToOverride: [] } },
      response: { claimsAndScopeOverrideDetails: {} },
    }) as unknown as PreTokenGenerationV2TriggerEvent;

  test('participant: ownership claims and groups added; the national id suppressed from both tokens', async () => {
    const out = await preToken(event({ sub: 's', 'custom:nationalId': '01019012345' }), { pool: 'participant', mfaValues: ['mfa'] }, deps());
    const d = out.response.claimsAndScopeOverrideDetails;
    expect(d.idTokenGeneration?.claimsToAddOrOverride).toEqual({ 'custom:municipality': '5001', 'custom:participantId': 'p-ada' });
    expect(d.groupOverrideDetails?.groupsToOverride).toEqual(['participant']);
    for (const gen of [d.idTokenGeneration, d.accessTokenGeneration]) expect(gen?.claimsToSuppress).toEqual([...INPUT_ATTRIBUTES]);
    expect(JSON.stringify(d)).not.toContain('01019012345');
  });

  test('staff: roles from the directory’s groups when the sign-in shows a second factor', async () => {
    const out = await preToken(event({ 'custom:idpGroups': '["g-adv-5001"]', 'custom:amr': '["pwd","mfa"]' }), { pool: 'staff', mfaValues: ['mfa'] }, deps());
    expect(out.response.claimsAndScopeOverrideDetails.groupOverrideDetails?.groupsToOverride).toEqual(['adviser']);
    expect(out.response.claimsAndScopeOverrideDetails.idTokenGeneration?.claimsToAddOrOverride).toEqual({ 'custom:municipality': '5001' });
  });

  test('staff without a second factor (password only, or no amr at all) get no token', async () => {
    for (const amr of [{ 'custom:amr': '["pwd"]' }, {}] as Record<string, string>[]) {
      expect(await refusal(preToken(event({ 'custom:idpGroups': '["g-adm-5001"]', ...amr }), { pool: 'staff', mfaValues: ['mfa'] }, deps()))).toBe('NO_SECOND_FACTOR');
    }
  });

  test('a staff pool event never reads a national id, a participant pool event never reads groups', async () => {
    // A participant-pool user whose attributes also carry staff groups is still only a participant (or nothing).
    const out = await preToken(event({ 'custom:nationalId': '01019012345', 'custom:idpGroups': '["g-adm-5001"]', 'custom:amr': 'mfa' }), { pool: 'participant', mfaValues: ['mfa'] }, deps());
    expect(out.response.claimsAndScopeOverrideDetails.groupOverrideDetails?.groupsToOverride).toEqual(['participant']);
    const d = deps();
    expect(await refusal(preToken(event({ 'custom:nationalId': '01019012345', 'custom:amr': 'mfa' }), { pool: 'staff', mfaValues: ['mfa'] }, d))).toBe('NO_STAFF_GROUP');
    expect(d.lookups).toEqual([]);
  });
});

describe('the Lambda entry (staff pool), configured by its environment as the stack sets it', () => {
  const env = { POOL_KIND: 'staff', MUNICIPALITIES: '["5001"]', STAFF_GROUPS: JSON.stringify(GROUPS), MFA_VALUES: '["mfa"]' };
  const staffEvent = (attrs: Record<string, string>) =>
    ({ version: '2', triggerSource: 'TokenGeneration_RefreshTokens', request: { userAttributes: attrs, groupConfiguration: {} }, response: { claimsAndScopeOverrideDetails: {} } }) as unknown as PreTokenGenerationV2TriggerEvent;

  test('adds the roles; a refusal fails the sign-in with its code only (no personal data in the message)', async () => {
    const { preTokenHandler } = await import('../../functions/pre-token/handler.js');
    const handler = preTokenHandler(env);
    const out = await handler(staffEvent({ 'custom:idpGroups': '["g-pay-5001"]', 'custom:amr': '["mfa"]' }));
    expect(out.response.claimsAndScopeOverrideDetails.groupOverrideDetails?.groupsToOverride).toEqual(['payroll']);
    await expect(handler(staffEvent({ 'custom:idpGroups': '["g-pay-5001"]', 'custom:amr': '["pwd"]' }))).rejects.toThrow(/^NO_SECOND_FACTOR$/);
    await expect(handler(staffEvent({ 'custom:idpGroups': '["someone-else"]', 'custom:amr': '["mfa"]' }))).rejects.toThrow(/^NO_STAFF_GROUP$/);
  });
});

test('a participant’s ID-porten sign-in ends their device bindings (the activation path); a refused one or staff ends nothing', async () => {
  const ended: string[] = [];
  const d = { ...deps(), endDeviceBindings: async (pid: string) => void ended.push(pid) };
  await claimsFor({ kind: 'participant', nationalId: '01019012345' }, d);
  expect(ended).toEqual(['p-ada']);
  expect(await refusal(claimsFor({ kind: 'participant', nationalId: '02029012345' }, d))).toBe('NOT_A_PARTICIPANT');
  await claimsFor({ kind: 'staff', groups: ['g-adv-5001'] }, d);
  expect(ended).toEqual(['p-ada']);
});
