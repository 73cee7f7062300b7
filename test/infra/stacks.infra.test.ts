/**
 * The synthesized stacks against the contracts (shared/contract/routes.ts,
 * shared/contract/tables.ts) and quality.md S8 and R7: encrypted, retained, recoverable
 * tables; every route behind the JWT authorizer; grants exactly as the route
 * table says, never a wildcard on a table, an append-only audit log; logs with
 * retention and alarms for every function.
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ROUTES } from '../../shared/contract/routes.js';
import type { TableKey } from '../../shared/contract/tables.js';
import { ROLES, STAFF_ROLES } from '../../shared/contract/roles.js';
import { planFunctions, STAFF_LOOKUPS } from '../../infra/stateless-stack.js';
import { tableArnExportName, tableStreamArnExportName } from '../../infra/constructs/shared-tables.js';
import { TABLES } from '../../shared/contract/tables.js';
import { buildTestApp, type TestApp } from './infra-app.js';
import { asArray, logicalIdOf, resourcesOf, type Json, type Statement } from './template-helpers.js';
import { PAYROLL_TASKS } from '../../infra/constructs/payroll-workflow.js';

let built: TestApp;
let stateful: Template;
let stateless: Template;

beforeAll(() => {
  built = buildTestApp();
  stateful = Template.fromStack(built.stateful);
  stateless = Template.fromStack(built.stateless);
});
afterAll(() => built.cleanup());

const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const PLANS = planFunctions(ROUTES);

/** The export a resource imports, e.g. "IntroflytStateful-AuditLogTableArn", plus any literal suffix. */
function importedArn(resource: unknown): { exportName: string; suffix: string } | undefined {
  const r = resource as Json;
  if (typeof r === 'object' && r !== null && typeof r['Fn::ImportValue'] === 'string') {
    return { exportName: r['Fn::ImportValue'], suffix: '' };
  }
  const join = r?.['Fn::Join'] as [string, unknown[]] | undefined;
  if (join && join[0] === '' && join[1].length === 2 && typeof join[1][1] === 'string') {
    const inner = importedArn(join[1][0]);
    if (inner) return { exportName: inner.exportName, suffix: join[1][1] };
  }
  return undefined;
}

function tableOfExport(exportName: string): TableKey | undefined {
  return TABLES.find((t) => tableArnExportName(built.stateful.stackName, t.id) === exportName)?.key;
}

/** Every policy statement of a function's role, by function name. */
function statementsByFunction(): Map<string, Statement[]> {
  const out = new Map<string, Statement[]>();
  const functions = resourcesOf(stateless, 'AWS::Lambda::Function');
  const policies = Object.values(resourcesOf(stateless, 'AWS::IAM::Policy'));
  for (const plan of PLANS) {
    const fn = built.stateless.functions.get(plan.fn);
    if (!fn) throw new Error(`no function ${plan.fn}`);
    const roleLogicalId = logicalIdOf(fn.function.role!);
    const fnLogicalId = logicalIdOf(fn.function);
    expect(functions[fnLogicalId]).toBeDefined();
    const statements = policies
      .filter((p) => (p.Properties.Roles as Json[]).some((r) => r.Ref === roleLogicalId))
      .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
    out.set(plan.fn, statements);
  }
  return out;
}

describe('stateful stack', () => {
  test('termination protection is on', () => {
    expect(built.stateful.terminationProtection).toBe(true);
  });

  test('three customer-managed keys, retained: data and logs keys rotate, the audit key is an HMAC key (test/infra/audit-trail.infra.test.ts)', () => {
    stateful.resourceCountIs('AWS::KMS::Key', 3);
    for (const id of [built.stateful.dataKey, built.stateful.logsKey]) {
      const key = resourcesOf(stateful, 'AWS::KMS::Key')[logicalIdOf(id)]!;
      expect(key.Properties.EnableKeyRotation).toBe(true);
    }
    for (const key of Object.values(resourcesOf(stateful, 'AWS::KMS::Key'))) expect([key.DeletionPolicy, key.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
  });

  test('the payroll exports bucket: the data key, no public access, TLS only, access-logged, retained', () => {
    const keyLogicalId = Object.keys(resourcesOf(stateful, 'AWS::KMS::Key'))[0];
    const buckets = resourcesOf(stateful, 'AWS::S3::Bucket');
    const [filesId, files] = Object.entries(buckets).find(([id]) => id.startsWith('ExportsFiles'))!;
    const [logsId] = Object.entries(buckets).find(([id]) => id.startsWith('ExportsAccessLogs'))!;
    expect(files.DeletionPolicy).toBe('Retain');
    expect(files.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyLogicalId, 'Arn'] } } }],
    });
    expect(files.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(files.Properties.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: logsId }, LogFilePrefix: 'exports/' });
    const policies = Object.values(resourcesOf(stateful, 'AWS::S3::BucketPolicy')).filter((p) => JSON.stringify(p.Properties.Bucket).includes(filesId));
    expect(JSON.stringify(policies)).toContain('"aws:SecureTransport":"false"');
    stateful.hasOutput('ExportExportsBucketArn', { Export: { Name: 'IntroflytStateful-ExportsBucketArn' } });
  });

  test('exactly the tables of shared/contract/tables.ts', () => {
    const tables = Object.values(resourcesOf(stateful, 'AWS::DynamoDB::Table'));
    expect(tables.map((t) => (t.Metadata?.Introflyt as Json).tableKey).sort()).toEqual(TABLES.map((t) => t.key).sort());
  });

  test.each(TABLES.map((t) => [t.key, t] as const))('%s: keys, GSIs, TTL, customer-key SSE, PITR, retained, deletion protection', (_key, def) => {
    const [logicalId, table] = Object.entries(resourcesOf(stateful, 'AWS::DynamoDB::Table')).find(
      ([, t]) => (t.Metadata?.Introflyt as Json).tableKey === def.key,
    )!;
    const keyLogicalId = Object.keys(resourcesOf(stateful, 'AWS::KMS::Key'))[0];
    expect(logicalId.startsWith(`${def.id}Table`)).toBe(true);
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(table.Metadata?.Introflyt).toEqual({ tableKey: def.key, envVar: def.envVar });
    const p = table.Properties;
    expect(p.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    const attributes = ['pk', 'sk', ...def.gsis.flatMap((g) => [`${g}pk`, `${g}sk`])];
    expect(p.AttributeDefinitions).toEqual(attributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })));
    expect(p.BillingMode).toBe('PAY_PER_REQUEST');
    expect(p.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyLogicalId, 'Arn'] } });
    expect(p.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(p.DeletionProtectionEnabled).toBe(true);
    expect(p.TableName).toBeUndefined();
    if (def.ttl) expect(p.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    else expect(p.TimeToLiveSpecification).toBeUndefined();
    const gsis = (p.GlobalSecondaryIndexes as Json[] | undefined) ?? [];
    expect(gsis).toEqual(
      def.gsis.map((g) => ({
        IndexName: g,
        KeySchema: [
          { AttributeName: `${g}pk`, KeyType: 'HASH' },
          { AttributeName: `${g}sk`, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
  });

  test('every table ARN and the key are shared through a named export', () => {
    const outputs = stateful.findOutputs('*') as Record<string, { Export?: { Name: string } }>;
    const names = Object.values(outputs).map((o) => o.Export?.Name);
    for (const def of TABLES) expect(names).toContain(tableArnExportName(built.stateful.stackName, def.id));
    expect(names).toContain(`${built.stateful.stackName}-DataKeyArn`);
  });
});

describe('HTTP API', () => {
  test('every route of ROUTES exists, each behind the authorizer its row names: the kiosk authorizer for kiosk routes, the staff pool’s JWT authorizer for staff routes, the participant pool’s for the rest', () => {
    const routes = Object.values(resourcesOf(stateless, 'AWS::ApiGatewayV2::Route'));
    const authorizers = resourcesOf(stateless, 'AWS::ApiGatewayV2::Authorizer');
    expect(Object.keys(authorizers)).toHaveLength(3);
    const staffAuthorizer = logicalIdOf(built.stateless.node.findChild('Http').node.findChild('Api').node.findChild('StaffCognitoJwt'));
    const kioskAuthorizer = Object.entries(authorizers).find(([, a]) => a.Properties.AuthorizerType === 'REQUEST')![0];
    const participantAuthorizer = Object.entries(authorizers).find(([id, a]) => a.Properties.AuthorizerType === 'JWT' && id !== staffAuthorizer)![0];
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    expect(ROUTES.filter((r) => r.authorizer === 'device').map((r) => `${r.method} ${r.path}`).sort()).toEqual(['POST /checkins', 'POST /kiosk-identifications']);
    for (const row of ROUTES) {
      const route = routes.find((r) => r.Properties.RouteKey === `${row.method} ${row.path}`)!;
      const kiosk = row.authorizer === 'device';
      const staff = row.roles.every((r) => STAFF_ROLES.includes(r));
      // The one public route (redeeming an activation code) has none: test/infra/user-directory.infra.test.ts checks it and its throttle.
      if (row.authorizer === 'none') {
        expect({ route: row.path, type: route.Properties.AuthorizationType, id: route.Properties.AuthorizerId }).toEqual({ route: '/device-activations', type: 'NONE', id: undefined });
        continue;
      }
      expect({ route: row.path, type: route.Properties.AuthorizationType, id: route.Properties.AuthorizerId }).toEqual({
        route: row.path,
        type: kiosk ? 'CUSTOM' : 'JWT',
        id: { Ref: kiosk ? kioskAuthorizer : staff ? staffAuthorizer : participantAuthorizer },
      });
    }
  });

  test('the kiosk authorizer: a Lambda REQUEST authorizer, simple responses, never cached (a deactivated device is refused at once)', () => {
    const fnId = logicalIdOf(built.stateless.kioskAuthorizer!.function);
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      AuthorizerResultTtlInSeconds: 0,
      IdentitySource: ['$request.header.Authorization'],
      AuthorizerUri: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([{ 'Fn::GetAtt': [fnId, 'Arn'] }])] }),
    });
    // It reads devices (participants table, read only) and knows the pool's issuer, its keys and the web client.
    const props = resourcesOf(stateless, 'AWS::Lambda::Function')[fnId]!.Properties;
    const env = (props.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(env).sort()).toEqual(['DEVICE_SCOPE', 'NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'TABLE_PARTICIPANTS', 'TOKEN_ISSUER', 'TOKEN_JWKS_URL', 'WEB_CLIENT_ID']);
    expect(env.DEVICE_SCOPE).toBe('introflyt/checkin');
    expect(JSON.stringify(env.TOKEN_JWKS_URL)).toContain('/.well-known/jwks.json');
    expect(built.stateless.kioskAuthorizer!.tableAccess).toEqual({ participants: 'r' });
    stateless.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] }, Principal: 'apigateway.amazonaws.com' });
  });

  test('each route is served by the function its row names', () => {
    const routes = Object.values(resourcesOf(stateless, 'AWS::ApiGatewayV2::Route'));
    const integrations = resourcesOf(stateless, 'AWS::ApiGatewayV2::Integration');
    for (const row of ROUTES) {
      const route = routes.find((r) => r.Properties.RouteKey === `${row.method} ${row.path}`)!;
      const target = route.Properties.Target as { 'Fn::Join': [string, [string, { Ref: string }]] };
      const integration = integrations[target['Fn::Join'][1][1].Ref]!;
      const uri = integration.Properties.IntegrationUri as { 'Fn::GetAtt': [string, string] };
      const fn = built.stateless.functions.get(row.fn)!;
      expect(uri['Fn::GetAtt'][0]).toBe(logicalIdOf(fn.function));
    }
  });

  test('the JWT authorizer trusts the user pool as issuer and its clients (the page’s, the bound phones’) as audience', () => {
    const [poolId] = Object.keys(resourcesOf(stateless, 'AWS::Cognito::UserPool'));
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: logicalIdOf(built.stateless.users.client) }, { Ref: logicalIdOf(built.stateless.users.deviceClient) }],
        Issuer: { 'Fn::Join': ['', Match.arrayWith(['https://cognito-idp.', { Ref: poolId }])] },
      },
    });
  });

  test('one stage, throttled, with JSON access logs (ids only) to a log group with retention', () => {
    const stages = Object.values(resourcesOf(stateless, 'AWS::ApiGatewayV2::Stage'));
    expect(stages).toHaveLength(1);
    const stage = stages[0]!.Properties;
    expect(stage.StageName).toBe('$default');
    const settings = stage.DefaultRouteSettings as Json;
    expect(settings.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(settings.ThrottlingBurstLimit).toBeGreaterThanOrEqual(settings.ThrottlingRateLimit as number);
    const logs = stage.AccessLogSettings as { DestinationArn: { 'Fn::GetAtt': [string, string] }; Format: string };
    const group = resourcesOf(stateless, 'AWS::Logs::LogGroup')[logs.DestinationArn['Fn::GetAtt'][0]]!;
    expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
    const format = JSON.parse(logs.Format) as Record<string, string>;
    expect(format.requestId).toBe('$context.requestId');
    expect(Object.values(format).join(' ')).not.toMatch(/sourceIp|\$context\.path|identity\.|requestBody/);
  });

  test('an alarm on the API 5xx count', () => {
    const [apiId] = Object.keys(resourcesOf(stateless, 'AWS::ApiGatewayV2::Api'));
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: apiId } }],
      Threshold: 1,
    });
  });
});

describe('user pool', () => {
  test('no self sign-up, strong passwords, TOTP, Plus tier threat protection, immutable ownership attributes', () => {
    stateless.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: { PasswordPolicy: { MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true } },
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      // The ownership attributes, immutable; then the pre-token step's input from ID-porten (pid), written at each federated sign-in;
      // then a bound phone's binding id (immutable, set once by the redemption route).
      Schema: [
        ...['municipality', 'participantId', 'deviceId'].map((name) => Match.objectLike({ Name: name, Mutable: false })),
        Match.objectLike({ Name: 'nationalId', Mutable: true }),
        Match.objectLike({ Name: 'deviceBinding', Mutable: false }),
      ],
    });
  });

  test('one group per role of people; kiosks are no group (they are app clients of their own)', () => {
    const groups = Object.values(resourcesOf(stateless, 'AWS::Cognito::UserPoolGroup')).map((g) => g.Properties.GroupName);
    expect(groups.sort()).toEqual(ROLES.filter((r) => r !== 'kiosk').sort());
  });

  test('a resource server with the check-in scope and a Cognito domain: the token endpoint of the kiosks (client-credentials grant)', () => {
    // The participant and kiosk pool (the staff pool has neither: infra/constructs/user-directory.ts).
    const poolId = logicalIdOf(built.stateless.users.userPool);
    stateless.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'introflyt',
      UserPoolId: { Ref: poolId },
      Scopes: [{ ScopeName: 'checkin', ScopeDescription: Match.stringLikeRegexp('kiosk') }],
    });
    stateless.resourceCountIs('AWS::Cognito::UserPoolResourceServer', 1);
    stateless.hasResourceProperties('AWS::Cognito::UserPoolDomain', { UserPoolId: { Ref: poolId }, Domain: Match.anyValue() });
    expect(JSON.stringify(stateless.findOutputs('DeviceTokenUrl'))).toContain('/oauth2/token');
    // And the staff pool's, where the staff pages start their federated sign-in (issue 13).
    stateless.hasResourceProperties('AWS::Cognito::UserPoolDomain', { UserPoolId: { Ref: logicalIdOf(built.stateless.users.staffPool) }, Domain: Match.anyValue() });
    stateless.resourceCountIs('AWS::Cognito::UserPoolDomain', 2);
    // The pages' clients (one per pool): the code grant for people (PKCE, federated sign-in), no secret, no machine scope;
    // and the bound phones' device client (custom authentication, no OAuth: test/infra/user-directory.infra.test.ts).
    const { [logicalIdOf(built.stateless.users.deviceClient)]: device, ...clients } = resourcesOf(stateless, 'AWS::Cognito::UserPoolClient');
    expect(device?.Properties.AllowedOAuthFlowsUserPoolClient).toBe(false);
    expect(Object.keys(clients).sort()).toEqual([logicalIdOf(built.stateless.users.client), logicalIdOf(built.stateless.users.staffClient)].sort());
    for (const client of Object.values(clients)) expect([client.Properties.AllowedOAuthFlows, client.Properties.AllowedOAuthScopes, client.Properties.GenerateSecret]).toEqual([['code'], ['openid'], false]);
  });

  test('device-register and device-deactivate make and remove the kiosks’ app clients: two Cognito actions on this pool only', () => {
    const poolId = logicalIdOf(built.stateless.users.userPool);
    const statements = statementsByFunction();
    for (const fn of ['device-register', 'device-deactivate']) {
      const cognito = statements.get(fn)!.filter((st) => asArray(st.Action).some((a) => a.startsWith('cognito-idp:')));
      expect(cognito).toEqual([expect.objectContaining({ Effect: 'Allow', Action: ['cognito-idp:CreateUserPoolClient', 'cognito-idp:DeleteUserPoolClient'], Resource: { 'Fn::GetAtt': [poolId, 'Arn'] } })]);
      const env = (resourcesOf(stateless, 'AWS::Lambda::Function')[logicalIdOf(built.stateless.functions.get(fn)!.function)]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env).toMatchObject({ USER_POOL_ID: { Ref: poolId }, DEVICE_SCOPE: 'introflyt/checkin', DEVICE_TOKEN_MINUTES: '15' });
    }
    // No other function touches Cognito, except the staff lookups in the staff pool (STAFF_LOOKUPS; test/infra/user-directory.infra.test.ts)
    // and the redemption route's users of bound phones in this pool (participant-device-access: make, and remove when a race was lost).
    for (const [fn, list] of statements) {
      const cognito = list.filter((st) => asArray(st.Action).some((a) => a.startsWith('cognito-idp:')));
      if (['device-register', 'device-deactivate'].includes(fn)) continue;
      if (fn === 'participant-device-access') expect(cognito).toEqual([expect.objectContaining({ Effect: 'Allow', Action: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminDeleteUser'], Resource: { 'Fn::GetAtt': [poolId, 'Arn'] } })]);
      else if ((STAFF_LOOKUPS as readonly string[]).includes(fn)) expect(cognito).toEqual([expect.objectContaining({ Effect: 'Allow', Action: ['cognito-idp:AdminListGroupsForUser', 'cognito-idp:ListUsers'], Resource: { 'Fn::GetAtt': [logicalIdOf(built.stateless.users.staffPool), 'Arn'] } })]);
      else expect({ fn, cognito: cognito.length > 0 }).toEqual({ fn, cognito: false });
    }
  });

  test('the app clients have no password or SRP flow (federated sign-in and refresh only; the bound phones’ client custom authentication) and cannot write an ownership attribute', () => {
    const deviceClient = logicalIdOf(built.stateless.users.deviceClient);
    for (const [id, client] of Object.entries(resourcesOf(stateless, 'AWS::Cognito::UserPoolClient'))) {
      const p = client.Properties;
      expect(p.GenerateSecret).toBe(false);
      expect(p.ExplicitAuthFlows).toEqual(id === deviceClient ? ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] : ['ALLOW_REFRESH_TOKEN_AUTH']);
      expect(p.WriteAttributes).toEqual(['locale']);
      expect(p.ReadAttributes).toEqual(expect.arrayContaining(['custom:municipality', 'custom:participantId', 'custom:deviceId']));
      // The pre-token step's inputs are never readable by the pages.
      for (const raw of ['custom:nationalId', 'custom:idpGroups', 'custom:amr']) expect(p.ReadAttributes).not.toContain(raw);
    }
  });
});

describe('functions', () => {
  test('one function per distinct fn of ROUTES', () => {
    // Plus the payroll workflow's four task functions (infra/constructs/payroll-workflow.ts), the kiosk authorizer, the audit sealer and checkpoint (audit-trail.ts), the retention run (retention-schedule.ts), and the two pools' pre-token steps.
    stateless.resourceCountIs('AWS::Lambda::Function', new Set(ROUTES.map((r) => r.fn)).size + Object.keys(PAYROLL_TASKS).length + 4 + 2);
    expect([...built.stateless.functions.keys()].sort()).toEqual([...new Set(ROUTES.map((r) => r.fn))].sort());
  });

  test('the stateless stack stays under CloudFormation’s 500 resources, with room for a few more routes', () => {
    const count = Object.keys(stateless.toJSON().Resources as object).length;
    console.log(`stateless stack: ${count} resources of CloudFormation's 500`);
    expect(count).toBeLessThanOrEqual(490);
  });

  test.each(PLANS.map((p) => [p.fn, p] as const))('%s: Node 22 arm64, traced, its tables in env, own log group with retention, alarms', (fnName, plan) => {
    const fn = built.stateless.functions.get(fnName)!;
    const logicalId = logicalIdOf(fn.function);
    const props = resourcesOf(stateless, 'AWS::Lambda::Function')[logicalId]!.Properties;
    expect(props.Runtime).toBe('nodejs22.x');
    expect(props.Architectures).toEqual(['arm64']);
    expect(props.Handler).toBe('index.handler');
    expect(props.TracingConfig).toEqual({ Mode: 'Active' });
    const env = (props.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env.POWERTOOLS_SERVICE_NAME).toBe('introflyt');
    expect(env.NODE_OPTIONS).toBe('--enable-source-maps');
    for (const def of TABLES) {
      if (plan.tables[def.key]) expect(JSON.stringify(env[def.envVar])).toContain(tableArnExportName(built.stateful.stackName, def.id));
      else expect(env[def.envVar]).toBeUndefined();
    }
    const logGroupRef = (props.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
    expect(resourcesOf(stateless, 'AWS::Logs::LogGroup')[logGroupRef]!.Properties.RetentionInDays).toBeGreaterThan(0);
    // In exactly one grouped alarm (function-alarms.ts): its errors and its throttles, summed with the group's.
    const mine = Object.values(resourcesOf(stateless, 'AWS::CloudWatch::Alarm')).filter((a) => JSON.stringify(a.Properties.Metrics ?? []).includes(`"Ref":"${logicalId}"`));
    expect(mine).toHaveLength(1);
    const metrics = mine[0]!.Properties.Metrics as { Id: string; Expression?: string; MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: unknown } } }[];
    const own = metrics.filter((m) => JSON.stringify(m.MetricStat?.Metric.Dimensions ?? null).includes(`"Ref":"${logicalId}"`));
    expect(own.map((m) => `${m.MetricStat!.Metric.Namespace}/${m.MetricStat!.Metric.MetricName}`).sort()).toEqual(['AWS/Lambda/Errors', 'AWS/Lambda/Throttles']);
    const sum = metrics.find((m) => m.Expression !== undefined)!.Expression!.split(' + ');
    for (const m of own) expect(sum).toContain(m.Id);
    expect(mine[0]!.Properties.Threshold).toBe(1);
  });

  test('roles carry no AWS managed policy', () => {
    for (const role of Object.values(resourcesOf(stateless, 'AWS::IAM::Role'))) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });
});

describe('table permissions', () => {
  test('no IAM statement has a wildcard action, and no statement on a table has a wildcard resource', () => {
    for (const policy of Object.values(resourcesOf(stateless, 'AWS::IAM::Policy'))) {
      for (const s of (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement) {
        const actions = asArray(s.Action);
        for (const action of actions) expect(action).not.toMatch(/^(\*|dynamodb:\*|kms:\*)$/);
        if (!actions.some((a) => a.startsWith('dynamodb:'))) continue;
        // The one DynamoDB action without resource-level permissions, which the audit stream's event source needs (on no table);
        // IAM policy minimization may put it beside the X-Ray actions on "*", never beside another DynamoDB action.
        if (s.Resource === '*') {
          expect(actions.filter((a) => a.startsWith('dynamodb:'))).toEqual(['dynamodb:ListStreams']);
          continue;
        }
        for (const resource of asArray(s.Resource)) {
          expect(resource).not.toBe('*');
          // A table statement names one table of the stateful stack, or that one table's own indexes.
          const imported = importedArn(resource);
          expect(imported).toBeDefined();
          // Or a table's stream (the audit sealer's event source): stream actions only.
          const streamOf = TABLES.find((t) => tableStreamArnExportName(built.stateful.stackName, t.id) === imported!.exportName);
          if (streamOf !== undefined) {
            expect(streamOf.stream).toBeDefined();
            expect(actions.every((a) => ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'].includes(a))).toBe(true);
            continue;
          }
          const key = tableOfExport(imported!.exportName);
          expect(key).toBeDefined();
          const def = TABLES.find((t) => t.key === key)!;
          expect(imported!.suffix === '' || (imported!.suffix === '/index/*' && def.gsis.length > 0)).toBe(true);
        }
      }
    }
  });

  test('each function can reach exactly the tables its routes name, writing only where a route says rw', () => {
    for (const [fnName, statements] of statementsByFunction()) {
      const plan = PLANS.find((p) => p.fn === fnName)!;
      const reach = new Map<TableKey, Set<string>>();
      for (const s of statements) {
        for (const resource of asArray(s.Resource)) {
          const imported = importedArn(resource);
          const key = imported && tableOfExport(imported.exportName);
          if (!key) continue;
          const actions = reach.get(key) ?? new Set<string>();
          for (const a of asArray(s.Action)) actions.add(a);
          reach.set(key, actions);
        }
      }
      expect([...reach.keys()].sort()).toEqual((Object.keys(plan.tables) as TableKey[]).sort());
      for (const [key, actions] of reach) {
        const writes = WRITE_ACTIONS.filter((a) => actions.has(a));
        if (plan.tables[key] === 'r') expect(writes).toEqual([]);
        else expect(writes).toContain('dynamodb:PutItem');
      }
    }
  });

  test('the audit log is append-only: PutItem into inbox partitions (IN#*) only, GetItem and Query; never Update/Delete/Batch/PartiQL', () => {
    let writers = 0;
    for (const [fnName, statements] of statementsByFunction()) {
      const onAudit = statements.filter((s) => asArray(s.Resource).some((r) => tableOfExport(importedArn(r)?.exportName ?? '') === 'auditLog'));
      const auditActions = onAudit.flatMap((s) => asArray(s.Action));
      const plan = PLANS.find((p) => p.fn === fnName)!;
      const allowed = plan.tables.auditLog === 'rw' ? ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'] : plan.tables.auditLog === 'r' ? ['dynamodb:GetItem', 'dynamodb:Query'] : [];
      expect([...new Set(auditActions)].sort()).toEqual(allowed);
      // Every statement that lets it put is bound to the inbox partitions, so no sealed entry (P#…) can be overwritten.
      for (const st of onAudit.filter((x) => asArray(x.Action).includes('dynamodb:PutItem'))) {
        expect({ fn: fnName, actions: st.Action, condition: (st as Statement & { Condition?: unknown }).Condition }).toEqual({
          fn: fnName,
          actions: 'dynamodb:PutItem',
          condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['IN#*'] } },
        });
      }
      if (plan.tables.auditLog === 'rw') writers += 1;
    }
    expect(writers).toBeGreaterThan(0);
  });
});
