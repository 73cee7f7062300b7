/**
 * Issue 8 item 11: staff (adviser, payroll, admin) must use MFA, participants
 * and kiosks not (infra/constructs/user-directory.ts). Cognito sets MFA per
 * pool, so staff have their own pool with MFA required, and the HTTP API lets
 * only that pool's tokens onto staff routes: a staff role cannot be reached
 * without a second factor. Also checked: the assignment function is the only
 * one that may look staff up, in the staff pool only (issue 8 item 6), and
 * cdk-nag finds nothing on the staff pool without any acknowledgment.
 */
import { Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { ROUTES } from '../../shared/contract/routes.js';
import { STAFF_LOOKUPS } from '../../infra/stateless-stack.js';
import { STAFF_ROLES } from '../../shared/contract/roles.js';
import { buildTestApp, TEST_SIGN_IN, type TestApp } from './infra-app.js';

type Json = Record<string, unknown>;
let built: TestApp;
let t: Template;

beforeAll(() => {
  built = buildTestApp();
  t = Template.fromStack(built.stateless);
});
afterAll(() => built.cleanup());

const logicalIdOf = (c: IConstruct): string => Stack.of(c).resolve((c.node.defaultChild as CfnElement).logicalId) as string;
const resources = (type: string) => t.findResources(type) as Record<string, { Properties: Json }>;

describe('the staff pool', () => {
  test('MFA required, TOTP only (no SMS), no remembered devices, admin-made accounts, Plus tier threat protection enforced', () => {
    const pool = resources('AWS::Cognito::UserPool')[logicalIdOf(built.stateless.users.staffPool)]!.Properties;
    expect(pool.MfaConfiguration).toBe('ON');
    expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(pool.DeviceConfiguration).toBeUndefined();
    expect(pool.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: true });
    expect(pool.UserPoolTier).toBe('PLUS');
    expect(pool.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
    expect(pool.Schema).toEqual(expect.arrayContaining([expect.objectContaining({ Name: 'municipality', Mutable: false })]));
  });

  test('its groups are exactly the staff roles; the other pool has none of them', () => {
    const groups = Object.values(resources('AWS::Cognito::UserPoolGroup'));
    const of = (pool: IConstruct) => groups.filter((g) => JSON.stringify(g.Properties.UserPoolId) === JSON.stringify({ Ref: logicalIdOf(pool) })).map((g) => g.Properties.GroupName).sort();
    expect(of(built.stateless.users.staffPool)).toEqual([...STAFF_ROLES].sort());
    // Kiosks are no group either: each is an app client of its own (client-credentials tokens), never a user.
    expect(of(built.stateless.users.userPool)).toEqual(['participant']);
  });

  test('the participant and kiosk pool keeps MFA optional', () => {
    const pool = resources('AWS::Cognito::UserPool')[logicalIdOf(built.stateless.users.userPool)]!.Properties;
    expect(pool.MfaConfiguration).toBe('OPTIONAL');
  });

  test('its app client has no password or SRP flow and cannot write an ownership attribute', () => {
    const client = resources('AWS::Cognito::UserPoolClient')[logicalIdOf(built.stateless.users.staffClient)]!.Properties;
    expect(client.UserPoolId).toEqual({ Ref: logicalIdOf(built.stateless.users.staffPool) });
    expect(client.ExplicitAuthFlows).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);
    expect(client.WriteAttributes).toEqual(['locale']);
    expect(client.GenerateSecret).toBe(false);
  });
});

describe('sign-in (issue 13): federated identity providers, the token step, no passwords', () => {
  const ctx = TEST_SIGN_IN;
  const poolOf = (c: IConstruct) => ({ Ref: logicalIdOf(c) });
  const idps = () => Object.values(resources('AWS::Cognito::UserPoolIdentityProvider')).map((r) => r.Properties);

  test('the participant pool federates ID-porten over OIDC with the context’s issuer, client and secret; pid → custom:nationalId', () => {
    const [idPorten, ...others] = idps().filter((p) => JSON.stringify(p.UserPoolId) === JSON.stringify(poolOf(built.stateless.users.userPool)));
    expect(others).toEqual([]);
    expect(idPorten).toMatchObject({
      ProviderName: 'IdPorten',
      ProviderType: 'OIDC',
      ProviderDetails: { oidc_issuer: ctx.idPorten.issuer, client_id: ctx.idPorten.clientId, authorize_scopes: 'openid profile', attributes_request_method: 'GET' },
      AttributeMapping: { 'custom:nationalId': 'pid' },
    });
    // The secret is a Secrets Manager reference resolved at deploy time, never a value in the template.
    expect(JSON.stringify(idPorten!.ProviderDetails)).toContain(`{{resolve:secretsmanager:${ctx.idPorten.clientSecretName}:SecretString:::}}`);
  });

  test('the participants’ page client: only ID-porten, the code grant back to the participant page, no password of any kind', () => {
    const pool = resources('AWS::Cognito::UserPool')[logicalIdOf(built.stateless.users.userPool)]!.Properties;
    // No self sign-up: the only way in is a federated sign-in (or an admin, for kiosks' clients).
    expect(pool.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: true });
    expect(pool.Schema).toEqual(expect.arrayContaining([expect.objectContaining({ Name: 'nationalId', Mutable: true })]));
    const client = resources('AWS::Cognito::UserPoolClient')[logicalIdOf(built.stateless.users.client)]!.Properties;
    // The provider resource's Ref is its name (IdPorten): this one provider and no COGNITO (user-pool password) sign-in.
    expect(client.SupportedIdentityProviders).toEqual([{ Ref: logicalIdOf(built.stateless.users.idPorten) }]);
    expect(client.ExplicitAuthFlows).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.CallbackURLs).toEqual([`${ctx.siteUrl}/participant/`]);
    expect(client.LogoutURLs).toEqual([`${ctx.siteUrl}/participant/`]);
    expect(client.EnableTokenRevocation).toBe(true);
    expect(client.ReadAttributes).not.toContain('custom:nationalId');
  });

  test('the staff pool federates the municipality’s directory; groups and amr are mapped; its client allows only that provider', () => {
    const [directory, ...others] = idps().filter((p) => JSON.stringify(p.UserPoolId) === JSON.stringify(poolOf(built.stateless.users.staffPool)));
    expect(others).toEqual([]);
    expect(directory).toMatchObject({
      ProviderName: 'StaffDirectory',
      ProviderType: 'OIDC',
      ProviderDetails: { oidc_issuer: ctx.staffDirectory.issuer, client_id: ctx.staffDirectory.clientId },
      AttributeMapping: { 'custom:idpGroups': 'groups', 'custom:amr': 'amr' },
    });
    const client = resources('AWS::Cognito::UserPoolClient')[logicalIdOf(built.stateless.users.staffClient)]!.Properties;
    expect(client.SupportedIdentityProviders).toEqual([{ Ref: logicalIdOf(built.stateless.users.staffDirectory) }]);
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.CallbackURLs).toEqual([`${ctx.siteUrl}/adviser/`, `${ctx.siteUrl}/payroll/`]);
  });

  test('the token step runs before every token of both pools (pre-token generation, event version 2), with the context’s municipalities, group table and MFA proof', () => {
    const fns = resources('AWS::Lambda::Function');
    for (const [pool, fn] of [
      [built.stateless.users.userPool, built.stateless.preTokenFunctions.participant],
      [built.stateless.users.staffPool, built.stateless.preTokenFunctions.staff],
    ] as const) {
      const config = resources('AWS::Cognito::UserPool')[logicalIdOf(pool)]!.Properties.LambdaConfig as Json;
      expect(config.PreTokenGenerationConfig).toEqual({ LambdaArn: { 'Fn::GetAtt': [logicalIdOf(fn.function), 'Arn'] }, LambdaVersion: 'V2_0' });
    }
    const env = (fn: IConstruct) => (fns[logicalIdOf(fn)]!.Properties.Environment as { Variables: Json }).Variables;
    expect(env(built.stateless.preTokenFunctions.participant.function)).toMatchObject({ POOL_KIND: 'participant', MUNICIPALITIES: JSON.stringify(ctx.municipalities) });
    const staffEnv = env(built.stateless.preTokenFunctions.staff.function);
    expect(staffEnv).toMatchObject({ POOL_KIND: 'staff', MFA_VALUES: JSON.stringify(ctx.staffDirectory.mfaValues) });
    expect(JSON.parse(staffEnv.STAFF_GROUPS as string)).toEqual(ctx.staffGroups);
    // Cognito may invoke them, nobody else: the staff pool its token step, the participant pool its token step and the three custom-auth steps.
    const perms = Object.values(resources('AWS::Lambda::Permission')).map((r) => r.Properties).filter((p) => p.Principal === 'cognito-idp.amazonaws.com');
    const invoked = perms.map((p) => JSON.stringify([p.FunctionName, p.SourceArn]));
    const pair = (fn: IConstruct, pool: IConstruct) => JSON.stringify([{ 'Fn::GetAtt': [logicalIdOf(fn), 'Arn'] }, { 'Fn::GetAtt': [logicalIdOf(pool), 'Arn'] }]);
    expect(invoked.sort()).toEqual(
      [...Array<string>(4).fill(pair(built.stateless.preTokenFunctions.participant.function, built.stateless.users.userPool)), pair(built.stateless.preTokenFunctions.staff.function, built.stateless.users.staffPool)].sort(),
    );
  });

  test('bound phones (activation code): the participant pool’s one trigger function answers define, create and verify; the staff pool has no custom sign-in', () => {
    const participant = resources('AWS::Cognito::UserPool')[logicalIdOf(built.stateless.users.userPool)]!.Properties.LambdaConfig as Json;
    const arn = { 'Fn::GetAtt': [logicalIdOf(built.stateless.preTokenFunctions.participant.function), 'Arn'] };
    expect(participant).toMatchObject({ DefineAuthChallenge: arn, CreateAuthChallenge: arn, VerifyAuthChallengeResponse: arn });
    const staff = resources('AWS::Cognito::UserPool')[logicalIdOf(built.stateless.users.staffPool)]!.Properties.LambdaConfig as Json;
    expect(Object.keys(staff)).toEqual(['PreTokenGenerationConfig']);
    // The binding id is an immutable attribute, set only at creation (by the redemption route).
    const pool = resources('AWS::Cognito::UserPool')[logicalIdOf(built.stateless.users.userPool)]!.Properties;
    expect(pool.Schema).toEqual(expect.arrayContaining([expect.objectContaining({ Name: 'deviceBinding', Mutable: false }), expect.objectContaining({ Name: 'participantId', Mutable: false }), expect.objectContaining({ Name: 'municipality', Mutable: false })]));
  });

  test('the device client allows only custom authentication and refresh: no password, SRP, OAuth or hosted UI; it writes no ownership attribute', () => {
    const client = resources('AWS::Cognito::UserPoolClient')[logicalIdOf(built.stateless.users.deviceClient)]!.Properties;
    expect(client.UserPoolId).toEqual({ Ref: logicalIdOf(built.stateless.users.userPool) });
    expect([...(client.ExplicitAuthFlows as string[])].sort()).toEqual(['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    expect(client.AllowedOAuthFlows).toBeUndefined();
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(false);
    expect(client.CallbackURLs).toBeUndefined();
    expect(client.GenerateSecret).toBe(false);
    expect(client.WriteAttributes).toEqual(['locale']);
    expect(client.AuthSessionValidity).toBe(3);
    expect(client.PreventUserExistenceErrors).toBe('ENABLED');
    // No client of either pool allows a password or SRP flow: nobody has a user-pool password.
    for (const c of Object.values(resources('AWS::Cognito::UserPoolClient')))
      expect((c.Properties.ExplicitAuthFlows as string[] | undefined) ?? []).not.toEqual(expect.arrayContaining([expect.stringMatching(/PASSWORD|SRP|USER_AUTH/)]));
  });

  test('staff MFA: the pool requires TOTP for any account it holds, and the token step requires the directory’s second factor', () => {
    const pool = resources('AWS::Cognito::UserPool')[logicalIdOf(built.stateless.users.staffPool)]!.Properties;
    expect(pool.MfaConfiguration).toBe('ON');
    const fn = resources('AWS::Lambda::Function')[logicalIdOf(built.stateless.preTokenFunctions.staff.function)]!.Properties;
    expect((fn.Environment as { Variables: Json }).Variables.MFA_VALUES).toBe('["mfa"]');
  });

  test('no municipality value is code: another context gives another template, and a bad one stops synthesis naming the field', () => {
    const other = buildTestApp({ context: { 'introflyt:signIn': { ...ctx, idPorten: { ...ctx.idPorten, issuer: 'https://idporten.no', clientId: 'prod-client' } } } });
    try {
      const idp = Object.values(Template.fromStack(other.stateless).findResources('AWS::Cognito::UserPoolIdentityProvider')).find((r) => (r as { Properties: Json }).Properties.ProviderName === 'IdPorten') as { Properties: { ProviderDetails: Json } };
      expect(idp.Properties.ProviderDetails).toMatchObject({ oidc_issuer: 'https://idporten.no', client_id: 'prod-client' });
    } finally {
      other.cleanup();
    }
    expect(() => buildTestApp({ context: { 'introflyt:signIn': { ...ctx, idPorten: { ...ctx.idPorten, issuer: 'http://idporten.no' } } } })).toThrow(/INFRA_BAD_SIGN_IN: introflyt:signIn: idPorten.issuer/);
    expect(() => buildTestApp({ context: { 'introflyt:signIn': { ...ctx, staffGroups: [{ group: 'g', role: 'adviser', municipality: '9999' }] } } })).toThrow(/municipality 9999/);
  });
});

describe('the HTTP API', () => {
  test('staff routes accept only staff-pool tokens; participant and kiosk routes only the other pool’s', () => {
    const authorizers = resources('AWS::ApiGatewayV2::Authorizer');
    // The kiosk routes' REQUEST authorizer verifies tokens itself, against the issuer and web client in its function's environment.
    const kioskFn = resources('AWS::Lambda::Function')[logicalIdOf(built.stateless.kioskAuthorizer!.function)]!.Properties;
    const kioskTrust = (kioskFn.Environment as { Variables: Json }).Variables;
    const issuerPool = (id: string) =>
      JSON.stringify(authorizers[id]!.Properties.AuthorizerType === 'REQUEST' ? [kioskTrust.TOKEN_ISSUER, kioskTrust.TOKEN_JWKS_URL, kioskTrust.WEB_CLIENT_ID] : authorizers[id]!.Properties.JwtConfiguration);
    const staffPool = logicalIdOf(built.stateless.users.staffPool);
    const otherPool = logicalIdOf(built.stateless.users.userPool);
    const routes = Object.values(resources('AWS::ApiGatewayV2::Route'));
    expect(routes).toHaveLength(ROUTES.length);
    for (const route of routes) {
      const row = ROUTES.find((r) => `${r.method} ${r.path}` === route.Properties.RouteKey)!;
      if (row.authorizer === 'none') {
        // The one public route: no authorizer at all.
        expect({ route: row.path, type: route.Properties.AuthorizationType, id: route.Properties.AuthorizerId }).toEqual({ route: row.path, type: 'NONE', id: undefined });
        continue;
      }
      const config = issuerPool((route.Properties.AuthorizerId as { Ref: string }).Ref);
      const staff = row.roles.every((r) => STAFF_ROLES.includes(r));
      expect({ route: route.Properties.RouteKey, staffPool: config.includes(staffPool), otherPool: config.includes(otherPool) }).toEqual({ route: route.Properties.RouteKey, staffPool: staff, otherPool: !staff });
    }
    // Both kinds exist, so the loop above checked each.
    expect(ROUTES.some((r) => r.roles.every((x) => STAFF_ROLES.includes(x)))).toBe(true);
    expect(ROUTES.some((r) => r.roles.includes('participant'))).toBe(true);
    expect(ROUTES.some((r) => r.authorizer === 'device')).toBe(true);
    // The participant pool's two clients: the page's and the bound phones' (their tokens reach participant routes too).
    expect(kioskTrust.WEB_CLIENT_ID).toEqual({ 'Fn::Join': ['', [{ Ref: logicalIdOf(built.stateless.users.client) }, ',', { Ref: logicalIdOf(built.stateless.users.deviceClient) }]] });
    const participantJwt = Object.values(authorizers).find((a) => a.Properties.AuthorizerType === 'JWT' && JSON.stringify(a.Properties.JwtConfiguration).includes(otherPool))!;
    expect((participantJwt.Properties.JwtConfiguration as { Audience: unknown[] }).Audience).toEqual([{ Ref: logicalIdOf(built.stateless.users.client) }, { Ref: logicalIdOf(built.stateless.users.deviceClient) }]);
  });

  test('the public route (redeeming an activation code) is the only one without an authorizer, and has its own throttle at the stage', () => {
    const open = Object.values(resources('AWS::ApiGatewayV2::Route')).filter((r) => r.Properties.AuthorizationType === 'NONE');
    expect(open.map((r) => r.Properties.RouteKey)).toEqual(['POST /device-activations']);
    const stage = resources('AWS::ApiGatewayV2::Stage')[logicalIdOf(built.stateless.httpApi.stage)]!.Properties;
    const row = ROUTES.find((r) => r.authorizer === 'none')!;
    expect(stage.RouteSettings).toEqual({ 'POST /device-activations': { ThrottlingRateLimit: row.throttle!.rateLimit, ThrottlingBurstLimit: row.throttle!.burstLimit } });
    // Far below the stage's default: guessing codes from many addresses still meets this ceiling.
    expect(row.throttle!.rateLimit).toBeLessThanOrEqual(10);
  });
});

describe('looking staff up (assignments, and names shown to others)', () => {
  test('only the functions that look staff up may, with ListUsers and AdminListGroupsForUser on the staff pool only, told where by STAFF_DIRECTORY', () => {
    const staffPool = logicalIdOf(built.stateless.users.staffPool);
    const otherPool = logicalIdOf(built.stateless.users.userPool);
    const lookups = [...STAFF_LOOKUPS.map((fn) => built.stateless.functions.get(fn)!), built.stateless.payrollWorkflow!.functions.get('ComputeBatch')!];
    expect(lookups.map((f) => f.function.node.path)).toHaveLength(STAFF_LOOKUPS.length + 1);
    const roleOf = (fn: string) => logicalIdOf(built.stateless.functions.get(fn)!.function.role!);
    const cognitoStatements = Object.values(resources('AWS::IAM::Policy')).flatMap((p) =>
      ((p.Properties.PolicyDocument as { Statement: Json[] }).Statement ?? [])
        .filter((st) => JSON.stringify(st.Action).includes('cognito-idp'))
        .map((st) => ({ roles: p.Properties.Roles, actions: [st.Action].flat().sort(), resource: st.Resource })),
    );
    // Every Cognito permission of the stack (all by grant): the staff lookups, the kiosks' app clients made and removed on the
    // other pool by device-register and device-deactivate, and the bound phones' users made (and removed when another
    // phone won the code) by the redemption route's function (no staff-pool action, no user lookup, no password call).
    const kioskClients = (fn: string) => ({ roles: [{ Ref: roleOf(fn) }], actions: ['cognito-idp:CreateUserPoolClient', 'cognito-idp:DeleteUserPoolClient'], resource: { 'Fn::GetAtt': [otherPool, 'Arn'] } });
    const lookup = (f: (typeof lookups)[number]) => ({ roles: [{ Ref: logicalIdOf(f.function.role!) }], actions: ['cognito-idp:AdminListGroupsForUser', 'cognito-idp:ListUsers'], resource: { 'Fn::GetAtt': [staffPool, 'Arn'] } });
    const key = (st: unknown) => JSON.stringify(st);
    expect([...cognitoStatements].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      [
        ...lookups.map(lookup),
        kioskClients('device-register'),
        kioskClients('device-deactivate'),
        { roles: [{ Ref: roleOf('participant-device-access') }], actions: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminDeleteUser'], resource: { 'Fn::GetAtt': [otherPool, 'Arn'] } },
      ].sort((a, b) => key(a).localeCompare(key(b))),
    );
    for (const f of lookups) {
      const fn = resources('AWS::Lambda::Function')[logicalIdOf(f.function)]!.Properties;
      expect((fn.Environment as { Variables: Json }).Variables.STAFF_DIRECTORY).toEqual({ 'Fn::Join': ['', ['cognito:', { Ref: staffPool }]] });
    }
  });

  test('the name and unit others see are set by the municipality: the directory maps `name`, no client may write name or unit', () => {
    const pools = resources('AWS::Cognito::UserPool');
    const staffPool = pools[logicalIdOf(built.stateless.users.staffPool)]!.Properties;
    expect((staffPool.Schema as Json[]).find((a) => (a as { Name: string }).Name === 'staffUnit')).toMatchObject({ AttributeDataType: 'String', Mutable: true });
    const idp = Object.values(resources('AWS::Cognito::UserPoolIdentityProvider')).find((p) => p.Properties.ProviderName === 'StaffDirectory')!.Properties;
    expect((idp.AttributeMapping as Record<string, string>).name).toBe('name');
    // Without WriteAttributes a client could write every attribute: the staff client names the one it may (locale).
    const staffClient = resources('AWS::Cognito::UserPoolClient')[logicalIdOf(built.stateless.users.staffClient)]!.Properties;
    expect(staffClient.WriteAttributes).toEqual(['locale']);
  });
});

test('cdk-nag: the MFA finding (COG2) is acknowledged on the participant pool only; the staff pool needs none', () => {
  const acknowledged = (c: IConstruct) =>
    c.node
      .findAll()
      .flatMap((n) => n.node.metadata)
      .filter((m) => m.type === 'aws:cdk:acknowledged-rules')
      .flatMap((m) => Object.keys(m.data as Json));
  expect(acknowledged(built.stateless.users.userPool).some((id) => id.includes('COG2'))).toBe(true);
  expect(acknowledged(built.stateless.users.staffPool)).toEqual([]);
});

test('the redemption route’s function is told the participant pool (USER_POOL_ID); the stateless stack stays below CloudFormation’s 500 resources', () => {
  const fn = resources('AWS::Lambda::Function')[logicalIdOf(built.stateless.functions.get('participant-device-access')!.function)]!.Properties;
  expect((fn.Environment as { Variables: Json }).Variables.USER_POOL_ID).toEqual({ Ref: logicalIdOf(built.stateless.users.userPool) });
  // The activation path added no function of its own (the trigger is the pool's token-step function, redemption a route
  // of the adviser's device function), so the stack keeps room below the hard limit.
  expect(Object.keys(t.toJSON().Resources as Json).length).toBeLessThan(490);
});
