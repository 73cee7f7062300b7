/**
 * The audit trail and the customer keys as synthesized (quality.md R7, S8,
 * S11; issue 8 items 5 and 11): who may do what to the audit log, its key
 * and its anchor, and what is encrypted with which customer key.
 *
 * - Application roles: PutItem into inbox partitions (IN#*) only; no
 *   UpdateItem, DeleteItem, batch or PartiQL writes; no audit-key MAC making;
 *   no write to the anchor bucket.
 * - The sealer alone: GenerateMac, puts into chain partitions (P#*), deletes
 *   inbox items, writes seal anchors; fed by the table's stream (inbox
 *   INSERTs, in order) and a daily sweep.
 * - Verifiers: VerifyMac only; the admin route also reads the anchors.
 * - The anchor: S3 Object Lock in compliance mode, versioned, retained.
 * - Every log group encrypted with the logs key (whose policy admits the
 *   CloudWatch Logs service for this account's log groups), the state
 *   machine with the data key (whose policy admits log delivery).
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { AUDIT_VERIFIERS } from '../../infra/constructs/audit-trail.js';
import { PAYROLL_TASK_TABLES } from '../../infra/constructs/payroll-workflow.js';
import { tableArnExportName, tableStreamArnExportName } from '../../infra/constructs/shared-tables.js';
import { ROUTES } from '../../shared/contract/routes.js';
import { buildTestApp, type TestApp } from './infra-app.js';
import { asArray, logicalIdOf, resourcesOf, type Statement } from './template-helpers.js';

let built: TestApp;
let stateful: Template;
let stateless: Template;

beforeAll(() => {
  built = buildTestApp({ routes: ROUTES });
  stateful = Template.fromStack(built.stateful);
  stateless = Template.fromStack(built.stateless);
});
afterAll(() => built.cleanup());

const exportOf = (name: string) => `${built.stateful.stackName}-${name}`;
const imports = (r: unknown, exportName: string): boolean => JSON.stringify(r).includes(`"Fn::ImportValue":"${exportName}"`);

/** Every statement of every role in the stateless stack, by role logical id. */
function statementsByRole(): Map<string, Statement[]> {
  const out = new Map<string, Statement[]>();
  for (const p of Object.values(resourcesOf(stateless, 'AWS::IAM::Policy'))) {
    for (const role of p.Properties.Roles as { Ref: string }[]) {
      out.set(role.Ref, [...(out.get(role.Ref) ?? []), ...(p.Properties.PolicyDocument as { Statement: Statement[] }).Statement]);
    }
  }
  return out;
}

const roleOf = (fn: { function: { role?: IConstruct } }) => logicalIdOf(fn.function.role!);
const auditTableArn = () => tableArnExportName(built.stateful.stackName, 'AuditLog');
const macKey = () => exportOf('AuditMacKeyArn');
const bucket = () => exportOf('AuditAnchorBucket');

describe('the audit log: who may write what', () => {
  test('application roles: PutItem only into inbox partitions, never UpdateItem/DeleteItem/batch/PartiQL/transactions on the audit table', () => {
    const sealerRole = roleOf(built.stateless.auditTrail.sealer);
    let appRoles = 0;
    for (const [role, statements] of statementsByRole()) {
      if (role === sealerRole) continue;
      const onAudit = statements.filter((s) => asArray(s.Resource).some((r) => imports(r, auditTableArn())));
      if (onAudit.length === 0) continue;
      appRoles++;
      const actions = onAudit.flatMap((s) => asArray(s.Action));
      for (const forbidden of ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete', 'dynamodb:Scan']) {
        expect({ role, has: actions.includes(forbidden) }).toEqual({ role, has: false });
      }
      for (const a of actions) expect(a).toMatch(/^dynamodb:(GetItem|Query|PutItem)$/);
      for (const s of onAudit.filter((x) => asArray(x.Action).includes('dynamodb:PutItem'))) {
        expect(s.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['IN#*'] } });
      }
    }
    // Every route function that logs, plus the two verifying participant routes, plus the workflow tasks that log (the payroll
    // export job and the archive package, each a staff read on every participant's log), plus the retention run (retention-schedule.ts).
    const loggingTasks = Object.values(PAYROLL_TASK_TABLES).filter((t) => t.auditLog !== undefined).length;
    expect(loggingTasks).toBe(2);
    expect(appRoles).toBe(new Set(ROUTES.filter((r) => r.tables.auditLog !== undefined).map((r) => r.fn)).size + loggingTasks + 1);
  });

  test('the sealer: puts into chain partitions (P#*) only, deletes inbox items (IN#*) only, never updates; reads the stream', () => {
    const statements = statementsByRole().get(roleOf(built.stateless.auditTrail.sealer))!;
    const onTable = statements.filter((s) => asArray(s.Resource).some((r) => imports(r, auditTableArn())));
    const put = onTable.filter((s) => asArray(s.Action).includes('dynamodb:PutItem'));
    const del = onTable.filter((s) => asArray(s.Action).includes('dynamodb:DeleteItem'));
    expect(put.map((s) => [s.Action, s.Condition])).toEqual([['dynamodb:PutItem', { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['P#*'] } }]]);
    expect(del.map((s) => [s.Action, s.Condition])).toEqual([['dynamodb:DeleteItem', { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['IN#*'] } }]]);
    expect(onTable.flatMap((s) => asArray(s.Action)).sort()).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:Scan']);
    const stream = statements.find((s) => imports(s.Resource, tableStreamArnExportName(built.stateful.stackName, 'AuditLog')));
    expect(asArray(stream!.Action).sort()).toEqual(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator']);
  });

  test('the stream feeds the sealer: inbox INSERTs only, from the start, one batch per shard at a time, retried until sealed', () => {
    const mappings = Object.values(resourcesOf(stateless, 'AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(1);
    const m = mappings[0]!.Properties;
    expect(m.FunctionName).toEqual({ Ref: logicalIdOf(built.stateless.auditTrail.sealer.function) });
    expect(imports(m.EventSourceArn, tableStreamArnExportName(built.stateful.stackName, 'AuditLog'))).toBe(true);
    expect(m).toMatchObject({ StartingPosition: 'TRIM_HORIZON', ParallelizationFactor: 1, MaximumRetryAttempts: -1, BisectBatchOnFunctionError: false, BatchSize: 100 });
    expect(JSON.parse((m.FilterCriteria as { Filters: { Pattern: string }[] }).Filters[0]!.Pattern)).toEqual({ eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'IN#' }] } } } });
  });

  test('schedules: the daily sweep invokes the sealer, the daily checkpoint the anchor function', () => {
    const rules = Object.values(resourcesOf(stateless, 'AWS::Events::Rule'));
    const targets = rules.map((r) => [(r.Properties.Targets as { Arn: { 'Fn::GetAtt': [string, string] } }[])[0]!.Arn['Fn::GetAtt'][0], r.Properties.ScheduleExpression]);
    expect(targets).toEqual(
      expect.arrayContaining([
        [logicalIdOf(built.stateless.auditTrail.sealer.function), 'cron(5 1 * * ? *)'],
        [logicalIdOf(built.stateless.auditTrail.checkpoint.function), 'cron(30 1 * * ? *)'],
      ]),
    );
  });

  test('alarms: the sealer falling behind (iterator age) and a chain found not genuine (from its log)', () => {
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'IteratorAge', Namespace: 'AWS/Lambda', Threshold: 15 * 60_000 });
    stateless.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.code = "AUDIT_CHAIN_TAMPERED" }',
      MetricTransformations: [Match.objectLike({ MetricName: 'AuditChainTampered', MetricNamespace: 'Introflyt' })],
    });
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'AuditChainTampered', Namespace: 'Introflyt', Threshold: 1 });
  });
});

describe('the audit key', () => {
  test('an HMAC_256 key for GENERATE_VERIFY_MAC, retained', () => {
    stateful.hasResource('AWS::KMS::Key', { Properties: Match.objectLike({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }), DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('GenerateMac: the sealer and no one else; VerifyMac: exactly the verifying functions; no other use of the key', () => {
    const sealer = roleOf(built.stateless.auditTrail.sealer);
    const verifiers = Object.keys(AUDIT_VERIFIERS).map((fn) => roleOf(built.stateless.functions.get(fn)!));
    const generate: string[] = [];
    const verify: string[] = [];
    for (const [role, statements] of statementsByRole()) {
      for (const s of statements.filter((x) => asArray(x.Resource).some((r) => imports(r, macKey())))) {
        for (const a of asArray(s.Action)) {
          if (a === 'kms:GenerateMac') generate.push(role);
          else if (a === 'kms:VerifyMac') verify.push(role);
          else throw new Error(`${role} may ${a} on the audit key`);
        }
      }
      for (const s of statements) for (const a of asArray(s.Action)) expect(a === 'kms:*' || (a === 'kms:GenerateMac' && role !== sealer)).toBe(false);
    }
    expect(generate).toEqual([sealer]);
    expect(verify.sort()).toEqual(verifiers.sort());
  });
});

describe('the outside anchor', () => {
  test('S3 Object Lock in COMPLIANCE mode with a default retention, versioned, encrypted with the data key, private, retained, access-logged', () => {
    const [anchors] = Object.values(resourcesOf(stateful, 'AWS::S3::Bucket')).filter((b) => b.Properties.ObjectLockEnabled === true);
    expect(anchors).toBeDefined();
    const p = anchors!.Properties;
    expect(p.ObjectLockConfiguration).toEqual({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 5 * 365 + 2 } } });
    expect(p.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(p.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(JSON.stringify(p.BucketEncryption)).toContain(logicalIdOf(built.stateful.dataKey));
    expect(p.LoggingConfiguration).toBeDefined();
    expect([anchors!.DeletionPolicy, anchors!.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    // TLS only.
    stateful.hasResourceProperties('AWS::S3::BucketPolicy', { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) } });
  });

  test('the retention is policy: cdk.json context sets it', () => {
    const t = buildTestApp({ context: { 'introflyt:auditAnchorRetentionDays': 3653 } });
    try {
      Template.fromStack(t.stateful).hasResourceProperties('AWS::S3::Bucket', { ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 3653 } } } });
    } finally {
      t.cleanup();
    }
    expect(() => buildTestApp({ context: { 'introflyt:auditAnchorRetentionDays': 0 } })).toThrow('INFRA_BAD_CONTEXT');
  });

  test('writes: seal anchors by the sealer only, checkpoints by the checkpoint function only; no other role may put, and none may delete', () => {
    const sealer = roleOf(built.stateless.auditTrail.sealer);
    const checkpoint = roleOf(built.stateless.auditTrail.checkpoint);
    const puts: [string, string][] = [];
    for (const [role, statements] of statementsByRole()) {
      for (const s of statements.filter((x) => asArray(x.Resource).some((r) => imports(r, bucket())))) {
        const actions = asArray(s.Action);
        expect(actions.some((a) => /^s3:(DeleteObject|PutBucket|PutLifecycle|BypassGovernanceRetention|\*)/.test(a))).toBe(false);
        if (actions.includes('s3:PutObject')) puts.push([role, JSON.stringify(s.Resource).match(/\/(anchors|checkpoints)\/\*/)?.[1] ?? 'whole bucket']);
      }
    }
    expect(puts.sort()).toEqual([[checkpoint, 'checkpoints'], [sealer, 'anchors']].sort());
  });

  test('the stateful stack exports the audit key, the bucket, the logs key and the audit stream by name', () => {
    const names = Object.values(stateful.findOutputs('*') as Record<string, { Export?: { Name: string } }>).map((o) => o.Export?.Name);
    for (const n of ['AuditMacKeyArn', 'AuditAnchorBucket', 'LogsKeyArn', 'AuditLogTableStreamArn']) expect(names).toContain(exportOf(n));
    stateful.hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'NEW_IMAGE' } });
  });
});

describe('encryption with the customer keys (issue 8 item 11)', () => {
  test('every log group of the stateless stack (functions, API access logs, state machine) is encrypted with the logs key', () => {
    const groups = Object.entries(resourcesOf(stateless, 'AWS::Logs::LogGroup'));
    // One per route function (several routes share a function: route-dispatch.ts), the API's access logs and the state machine's, at least.
    expect(groups.length).toBeGreaterThanOrEqual(new Set(ROUTES.map((r) => r.fn)).size + 2);
    for (const [id, g] of groups) expect({ id, key: g.Properties.KmsKeyId }).toEqual({ id, key: { 'Fn::ImportValue': exportOf('LogsKeyArn') } });
    const machineLogs = (resourcesOf(stateless, 'AWS::StepFunctions::StateMachine')[logicalIdOf(built.stateless.payrollWorkflow!.stateMachine)]!.Properties.LoggingConfiguration as {
      Destinations: { CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [string, string] } } }[];
    }).Destinations[0]!.CloudWatchLogsLogGroup.LogGroupArn['Fn::GetAtt'][0];
    expect(groups.map(([id]) => id)).toContain(machineLogs);
  });

  test("the logs key: rotated, retained, its policy lets CloudWatch Logs of this region use it for this account's log groups only", () => {
    const key = resourcesOf(stateful, 'AWS::KMS::Key')[logicalIdOf(built.stateful.logsKey)]!;
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
    const statement = (key.Properties.KeyPolicy as { Statement: Statement[] }).Statement.find((s) => JSON.stringify(s.Principal).includes('logs.'))!;
    expect(statement.Principal).toEqual({ Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } });
    expect(asArray(statement.Action).sort()).toEqual(['kms:Decrypt*', 'kms:Describe*', 'kms:Encrypt*', 'kms:GenerateDataKey*', 'kms:ReEncrypt*']);
    expect(JSON.stringify(statement.Condition)).toContain('kms:EncryptionContext:aws:logs:arn');
    expect(JSON.stringify(statement.Condition)).toContain(':log-group:*');
  });

  test('the state machine is encrypted with the data key; log delivery may decrypt with it; starting and reading executions may use it for this machine only', () => {
    const machine = resourcesOf(stateless, 'AWS::StepFunctions::StateMachine')[logicalIdOf(built.stateless.payrollWorkflow!.stateMachine)]!;
    expect(machine.Properties.EncryptionConfiguration).toEqual({ Type: 'CUSTOMER_MANAGED_KMS_KEY', KmsKeyId: { 'Fn::ImportValue': exportOf('DataKeyArn') }, KmsDataKeyReusePeriodSeconds: 300 });
    const dataKey = resourcesOf(stateful, 'AWS::KMS::Key')[logicalIdOf(built.stateful.dataKey)]!;
    expect((dataKey.Properties.KeyPolicy as { Statement: Statement[] }).Statement).toEqual(
      expect.arrayContaining([expect.objectContaining({ Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 'kms:Decrypt', Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } })]),
    );
    const starter = statementsByRole().get(roleOf(built.stateless.functions.get('payroll-run-start')!))!;
    const scoped = starter.find((s) => JSON.stringify(s.Condition ?? {}).includes('kms:EncryptionContext:aws:states:stateMachineArn'));
    expect(asArray(scoped!.Action).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect(imports(scoped!.Resource, exportOf('DataKeyArn'))).toBe(true);
  });
});
