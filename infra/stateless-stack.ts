/**
 * Everything that can be rebuilt from code: functions, the HTTP API, the user
 * directory and alarms. It reads the tables and key of the stateful stack and
 * the route table; the payroll workflow joins it as one more construct.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { IAlarmAction } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { AUDIT_VERIFIERS, AuditTrail } from './constructs/audit-trail.js';
import { RetentionSchedule } from './constructs/retention-schedule.js';
import { grantExportLink } from './constructs/exports-bucket.js';
import { FunctionAlarms } from './constructs/function-alarms.js';
import { IntroflytFunction } from './constructs/introflyt-function.js';
import { IntroflytHttpApi, type ApiThrottle } from './constructs/http-api.js';
import { PayrollWorkflow } from './constructs/payroll-workflow.js';
import { SharedTables } from './constructs/shared-tables.js';
import { widerAccess, type TableAccess } from './constructs/table-access.js';
import { DEVICE_SCOPE, UserDirectory } from './constructs/user-directory.js';
import { readSignInContext } from './sign-in-context.js';
import { handlerEntry, PROJECT_ROOT } from './project.js';
import { validateRoutes } from './route-validation.js';
import { ROUTES, type RouteDef } from '../shared/contract/routes.js';
import type { TableKey } from '../shared/contract/tables.js';
import { ROLES } from '../shared/contract/roles.js';

export interface IntroflytStatelessStackProps extends StackProps {
  tables: Readonly<Record<TableKey, ITable>>;
  dataKey: IKey;
  /** Encrypts every log group of this stack. */
  logsKey: IKey;
  /** The audit chains' HMAC key and the anchors' Object Lock bucket (infra/constructs/audit-trail.ts). */
  auditMacKey: IKey;
  auditAnchors: IBucket;
  /** The payroll exports bucket of the stateful stack. */
  exportBucket: IBucket;
  /** @default ROUTES */
  routes?: readonly RouteDef[];
  /** Handler module of each function. @default functions/<fn>/handler.ts */
  entryFor?: (fn: string) => string;
  /** @default 1 000 requests/s, bursts of 2 000 */
  apiThrottle?: ApiThrottle;
  /** Retention of function and access logs. @default three months */
  logRetention?: RetentionDays;
  /** Where alarms notify. @default none: alarms show in CloudWatch only */
  alarmAction?: IAlarmAction;
}

/** Per-function view of the route table: the tables it touches and the routes it serves. */
export interface FunctionPlan {
  fn: string;
  routes: readonly RouteDef[];
  tables: Readonly<Partial<Record<TableKey, TableAccess>>>;
}

export function planFunctions(routes: readonly RouteDef[]): FunctionPlan[] {
  const plans = new Map<string, { routes: RouteDef[]; tables: Partial<Record<TableKey, TableAccess>> }>();
  for (const route of routes) {
    const plan = plans.get(route.fn) ?? { routes: [], tables: {} };
    plan.routes.push(route);
    for (const [key, level] of Object.entries(route.tables) as [TableKey, TableAccess | undefined][]) {
      if (level !== undefined) plan.tables[key] = widerAccess(plan.tables[key], level);
    }
    plans.set(route.fn, plan);
  }
  return [...plans.entries()].map(([fn, plan]) => ({ fn, ...plan }));
}

/**
 * The route functions that read the staff directory: assigning advisers, and
 * those that show a staff member's name or unit (explanations, approvers,
 * the access log), plus the payroll run's ComputeBatch task (explanations).
 */
export const STAFF_LOOKUPS = ['participant-assign', 'me-decision-explanation', 'participant-decision-explanation', 'rights-adviser', 'payroll-run-get', 'me-access-log', 'me-attendance', 'participant-attendance'] as const;

export class IntroflytStatelessStack extends Stack {
  readonly users: UserDirectory;
  /** The pre-token-generation step of each pool (functions/pre-token). */
  readonly preTokenFunctions: { participant: IntroflytFunction; staff: IntroflytFunction };
  /** The stateful stack's tables and key as this stack references them. */
  readonly data: SharedTables;
  readonly httpApi: IntroflytHttpApi;
  /** One function per distinct `fn` of the route table. */
  readonly functions: ReadonlyMap<string, IntroflytFunction>;
  /** What each function serves and which tables it may touch. */
  readonly plans: readonly FunctionPlan[];
  /** Retention of every log group in this stack; constructs added later (the payroll workflow) use it too. */
  readonly logRetention: RetentionDays;
  /** The monthly payroll workflow; present when the route table has its start route (payroll-run-start). */
  readonly payrollWorkflow: PayrollWorkflow | undefined;
  /** The kiosk authorizer's function; present when a route has `authorizer: 'device'`. */
  readonly kioskAuthorizer: IntroflytFunction | undefined;
  /** The audit log's sealer, checkpoint and their alarms. */
  readonly auditTrail: AuditTrail;
  readonly retention: RetentionSchedule;

  constructor(scope: Construct, id: string, props: IntroflytStatelessStackProps) {
    super(scope, id, props);
    const routes = props.routes ?? ROUTES;
    validateRoutes(routes);
    const entryFor = props.entryFor ?? handlerEntry;
    const plans = planFunctions(routes);
    this.plans = plans;

    const missing = plans.map((p) => entryFor(p.fn)).filter((entry) => !existsSync(entry));
    if (missing.length > 0) {
      throw new Error(`INFRA_MISSING_HANDLER: no handler module at ${missing.map((m) => relative(PROJECT_ROOT, m)).join(', ')}`);
    }

    this.logRetention = props.logRetention ?? RetentionDays.THREE_MONTHS;
    const logRetention = this.logRetention;
    this.data = new SharedTables(this, 'Data', {
      tables: props.tables,
      dataKey: props.dataKey,
      logsKey: props.logsKey,
      auditMacKey: props.auditMacKey,
      auditAnchors: props.auditAnchors,
      exportBucket: props.exportBucket,
    });

    // Kiosks are app clients of their own (client-credentials grant), not users in a group.
    const signIn = readSignInContext(this);
    this.users = new UserDirectory(this, 'Users', { roles: ROLES.filter((r) => r !== 'kiosk'), signIn });

    const functions = new Map<string, IntroflytFunction>();
    for (const plan of plans) {
      const fn = new IntroflytFunction(this, `Fn-${plan.fn}`, {
        fn: plan.fn,
        entry: entryFor(plan.fn),
        projectRoot: PROJECT_ROOT,
        data: this.data,
        tables: plan.tables,
        logRetention,
      });
      functions.set(plan.fn, fn);
    }
    this.functions = functions;

    this.auditTrail = new AuditTrail(this, 'AuditTrail', {
      data: this.data,
      entryFor,
      projectRoot: PROJECT_ROOT,
      logRetention,
      ...(props.alarmAction ? { alarmAction: props.alarmAction } : {}),
    });
    // Daily minimisation on the retention schedule (docs/retention.md).
    this.retention = new RetentionSchedule(this, 'Retention', { data: this.data, entryFor, projectRoot: PROJECT_ROOT, logRetention });
    for (const [fn, kind] of Object.entries(AUDIT_VERIFIERS)) {
      const f = functions.get(fn);
      if (f) this.auditTrail.grantVerify(f, kind);
    }

    // The payroll workflow joins with the route that starts it; its task functions are not routes.
    const runStart = functions.get('payroll-run-start');
    this.payrollWorkflow = runStart
      ? new PayrollWorkflow(this, 'PayrollWorkflow', {
          data: this.data,
          entryFor,
          projectRoot: PROJECT_ROOT,
          logRetention,
          exportBucket: this.data.exportBucket,
          exportBucketArnExport: this.data.exportBucketArnExport,
        })
      : undefined;
    // The routes that start executions: a month's run, the export job (by the releasing approval, or on request), archive packages.
    for (const starter of ['payroll-run-start', 'payroll-run-approve', 'payroll-run-export-start', 'report-archive']) {
      const fn = functions.get(starter);
      if (fn === undefined || this.payrollWorkflow === undefined) continue;
      this.payrollWorkflow.grantStart(fn);
      fn.function.addEnvironment('PAYROLL_STATE_MACHINE_ARN', this.payrollWorkflow.stateMachine.stateMachineArn);
    }
    // The download link: a presigned GetObject of the run's export file, signed with the link function's own role.
    // The archive package's links likewise (functions/report-archive).
    for (const name of ['payroll-run-export-link', 'report-archive']) {
      const linkFn = functions.get(name);
      if (linkFn === undefined) continue;
      grantExportLink(this.data.exportBucket, linkFn.function, this.data.exportBucketArnExport);
      linkFn.function.addEnvironment('EXPORT_BUCKET', this.data.exportBucket.bucketName);
    }

    // Kiosk credentials: device-register makes a Cognito app client per device, device-deactivate removes it.
    for (const name of ['device-register', 'device-deactivate']) {
      const fn = functions.get(name);
      if (fn === undefined) continue;
      this.users.userPool.grant(fn.function, 'cognito-idp:CreateUserPoolClient', 'cognito-idp:DeleteUserPoolClient');
      fn.function.addEnvironment('USER_POOL_ID', this.users.userPool.userPoolId);
      fn.function.addEnvironment('DEVICE_SCOPE', DEVICE_SCOPE);
      fn.function.addEnvironment('DEVICE_TOKEN_MINUTES', '15');
    }

    // The kiosk authorizer reads devices (participants table) and the pool's published keys.
    this.kioskAuthorizer = routes.some((r) => r.authorizer === 'device')
      ? new IntroflytFunction(this, 'Fn-checkin-authorizer', {
          fn: 'checkin-authorizer',
          entry: entryFor('checkin-authorizer'),
          projectRoot: PROJECT_ROOT,
          data: this.data,
          tables: { participants: 'r' },
          logRetention,
        })
      : undefined;
    this.kioskAuthorizer?.function.addEnvironment('TOKEN_ISSUER', this.users.issuerUrl);
    this.kioskAuthorizer?.function.addEnvironment('TOKEN_JWKS_URL', `${this.users.issuerUrl}/.well-known/jwks.json`);
    // The participant pool's two clients whose tokens a participant route accepts: the page's and the bound phones'.
    this.kioskAuthorizer?.function.addEnvironment('WEB_CLIENT_ID', `${this.users.client.userPoolClientId},${this.users.deviceClient.userPoolClientId}`);
    this.kioskAuthorizer?.function.addEnvironment('DEVICE_SCOPE', DEVICE_SCOPE);

    // Redeeming an activation code makes the bound phone's user in the participant pool (shared/adapters/device-users.ts).
    // Not the pool's trigger function (that one would make a cycle: pool → trigger → pool id).
    const deviceAccess = functions.get('participant-device-access');
    if (deviceAccess) {
      this.users.userPool.grant(deviceAccess.function, 'cognito-idp:AdminCreateUser', 'cognito-idp:AdminDeleteUser');
      deviceAccess.function.addEnvironment('USER_POOL_ID', this.users.userPool.userPoolId);
    }

    // Assigning advisers looks each one up in the staff pool: municipality and roles (shared/adapters/staff-directory.ts);
    // the functions that name staff to others look up the name or unit the municipality gives them (issue 11).
    const lookups = [...STAFF_LOOKUPS.map((name) => functions.get(name)), this.payrollWorkflow?.functions.get('ComputeBatch')];
    for (const fn of lookups) {
      if (fn === undefined) continue;
      this.users.staffPool.grant(fn.function, 'cognito-idp:ListUsers', 'cognito-idp:AdminListGroupsForUser');
      fn.function.addEnvironment('STAFF_DIRECTORY', `cognito:${this.users.staffPool.userPoolId}`);
      // Federated staff have no pool groups: their roles come from the directory's groups through this table (issue 13).
      fn.function.addEnvironment('STAFF_GROUPS', JSON.stringify(signIn.staffGroups));
    }

    this.httpApi = new IntroflytHttpApi(this, 'Http', {
      routes,
      functions: new Map([...functions].map(([name, f]) => [name, f.function])),
      jwtIssuer: this.users.issuerUrl,
      jwtAudience: [this.users.client.userPoolClientId, this.users.deviceClient.userPoolClientId],
      ...(this.kioskAuthorizer ? { deviceAuthorizer: this.kioskAuthorizer.function } : {}),
      staffJwt: { issuer: this.users.staffIssuerUrl, audience: [this.users.staffClient.userPoolClientId] },
      throttle: props.apiThrottle ?? { rateLimit: 1000, burstLimit: 2000 },
      logRetention,
      logsKey: this.data.logsKey,
      ...(props.alarmAction ? { alarmAction: props.alarmAction } : {}),
    });

    // The token step of both pools (functions/pre-token): reads the participants' national-id index and, at a
    // participant's ID-porten sign-in, ends their device bindings (the activation path ends there).
    const preToken = (['participant', 'staff'] as const).map((pool) => {
      const fn = new IntroflytFunction(this, `Fn-pre-token-${pool}`, {
        fn: `pre-token-${pool}`,
        entry: entryFor('pre-token'),
        projectRoot: PROJECT_ROOT,
        data: this.data,
        tables: pool === 'participant' ? { participants: 'rw' } : {},
        logRetention: this.logRetention,
      });
      fn.function.addEnvironment('POOL_KIND', pool);
      fn.function.addEnvironment('MUNICIPALITIES', JSON.stringify(signIn.municipalities));
      if (pool === 'staff') {
        fn.function.addEnvironment('STAFF_GROUPS', JSON.stringify(signIn.staffGroups));
        fn.function.addEnvironment('MFA_VALUES', JSON.stringify(signIn.staffDirectory.mfaValues));
      }
      return fn;
    });
    this.preTokenFunctions = { participant: preToken[0]!, staff: preToken[1]! };
    this.users.addPreTokenTriggers(preToken[0]!.function, preToken[1]!.function);

    // Every function of this stack alarmed on errors and throttles, five to an alarm (function-alarms.ts).
    new FunctionAlarms(this, 'FunctionAlarms', {
      functions: this.node.findAll().filter((c): c is IntroflytFunction => c instanceof IntroflytFunction),
      ...(props.alarmAction ? { alarmAction: props.alarmAction } : {}),
    });

    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.url });
    new CfnOutput(this, 'UserPoolId', { value: this.users.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.users.client.userPoolClientId });
    new CfnOutput(this, 'DeviceTokenUrl', { value: `${this.users.domain.baseUrl()}/oauth2/token`, description: 'kiosks: client-credentials grant, scope introflyt/checkin' });
    new CfnOutput(this, 'DeviceClientId', { value: this.users.deviceClient.userPoolClientId, description: 'INTROFLYT_COGNITO_DEVICE_CLIENT_ID: bound phones (activation code)' });
    new CfnOutput(this, 'StaffUserPoolId', { value: this.users.staffPool.userPoolId });
    new CfnOutput(this, 'StaffUserPoolClientId', { value: this.users.staffClient.userPoolClientId });
    // What the pages' build needs (web/build.ts INTROFLYT_COGNITO_*; docs/deploy.md).
    new CfnOutput(this, 'SignInDomain', { value: this.users.domain.baseUrl(), description: 'INTROFLYT_COGNITO_DOMAIN' });
    new CfnOutput(this, 'StaffSignInDomain', { value: this.users.staffDomain.baseUrl(), description: 'INTROFLYT_COGNITO_STAFF_DOMAIN' });
    new CfnOutput(this, 'SignInRedirectUri', { value: `${this.users.domain.baseUrl()}/oauth2/idpresponse`, description: 'register at ID-porten (Digdir self-service) as redirect URI' });
    new CfnOutput(this, 'StaffSignInRedirectUri', { value: `${this.users.staffDomain.baseUrl()}/oauth2/idpresponse`, description: 'register in the Entra ID app registration as redirect URI' });
  }
}
