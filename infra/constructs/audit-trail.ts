/**
 * The audit log's keyed chain on AWS (quality.md R7, S11; shared/adapters/
 * audit-log.ts for the key layout):
 *
 * - Sealer: ONE function, fed by the AuditLog table's stream (inbox INSERTs
 *   only, in order per chain: one batch per shard at a time) and swept daily
 *   by a schedule. It alone may GenerateMac with the audit key, put sealed
 *   entries (`P#…` partitions only) and delete inbox items (`IN#…` only), and
 *   write seal anchors (`anchors/*`) to the Object Lock bucket.
 * - Checkpoint: a scheduled function (daily) that folds the seal anchors into
 *   a checkpoint (`checkpoints/*`); it reads and writes the bucket only.
 * - Verifiers: functions that check chains get VerifyMac (never GenerateMac),
 *   and read access to the anchors if they compare with them.
 *
 * Application functions get their audit access in table-access.ts: PutItem
 * into `IN#…` partitions only, no update, no delete.
 *
 * Alarms: the sealer's errors and throttles (as every function), its stream
 * iterator age (entries waiting to be sealed), and a chain found not genuine.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData, type IAlarmAction } from 'aws-cdk-lib/aws-cloudwatch';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Grant } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { FilterPattern, MetricFilter, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { IntroflytFunction } from './introflyt-function.js';
import type { SharedTables } from './shared-tables.js';

/** Which route functions verify chains: `chain` (the keyed chain: VerifyMac) or `anchored` (also the outside anchor). */
export const AUDIT_VERIFIERS: Readonly<Record<string, 'chain' | 'anchored'>> = {
  'me-access-log': 'chain',
  'me-data-export': 'chain',
  'audit-verification': 'anchored',
};

/** The functions this construct adds beside the routes (folders under functions/). */
export const AUDIT_TRAIL_FUNCTIONS = ['audit-seal', 'audit-anchor'] as const;

/** Partition prefixes of the AuditLog table (shared/adapters/audit-log.ts). */
export const AUDIT_INBOX_KEYS = 'IN#*';
export const AUDIT_CHAIN_KEYS = 'P#*';

export const TAMPER_METRIC = { namespace: 'Introflyt', metricName: 'AuditChainTampered' } as const;

export interface AuditTrailProps {
  data: SharedTables;
  entryFor: (fn: string) => string;
  projectRoot: string;
  logRetention: RetentionDays;
  alarmAction?: IAlarmAction;
}

export class AuditTrail extends Construct {
  readonly sealer: IntroflytFunction;
  readonly checkpoint: IntroflytFunction;
  readonly iteratorAgeAlarm: Alarm;
  readonly tamperAlarm: Alarm;
  private readonly data: SharedTables;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const { data } = props;
    this.data = data;
    const table = data.tables.auditLog;
    const fn = (name: string, timeout: Duration) =>
      new IntroflytFunction(this, `Fn-${name}`, {
        fn: name,
        entry: props.entryFor(name),
        projectRoot: props.projectRoot,
        data,
        // Neither gets the application's audit access (table-access.ts); their grants are below.
        tables: {},
        logRetention: props.logRetention,
        timeout,
      });

    this.sealer = fn(AUDIT_TRAIL_FUNCTIONS[0], Duration.minutes(1));
    const sealer = this.sealer.function;
    sealer.addEnvironment('TABLE_AUDIT_LOG', table.tableName);
    sealer.addEnvironment('AUDIT_MAC_KEY_ID', data.auditMacKey.keyArn);
    sealer.addEnvironment('AUDIT_ANCHOR_BUCKET', data.auditAnchors.bucketName);
    // Reads heads, markers and (the sweep) the inbox; writes only sealed entries and markers, deletes only inbox items.
    table.grant(sealer, 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan');
    grantOnPartitions(sealer, table.tableArn, ['dynamodb:PutItem'], AUDIT_CHAIN_KEYS);
    grantOnPartitions(sealer, table.tableArn, ['dynamodb:DeleteItem'], AUDIT_INBOX_KEYS);
    data.dataKey.grant(sealer, 'kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey');
    data.auditMacKey.grant(sealer, 'kms:GenerateMac');
    data.auditAnchors.grantPut(sealer, 'anchors/*');
    sealer.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(5),
        // One batch per shard at a time keeps each chain's entries in the order they were appended.
        parallelizationFactor: 1,
        // A failed batch is retried until it succeeds (sealing is idempotent); what outlives the stream's 24 hours the daily sweep seals.
        retryAttempts: -1,
        bisectBatchOnError: false,
        // Only new inbox items: the sealer's own writes and deletions do not invoke it again.
        filters: [FilterCriteria.filter({ eventName: FilterRule.isEqual('INSERT'), dynamodb: { Keys: { pk: { S: FilterRule.beginsWith('IN#') } } } })],
      }),
    );
    new Rule(this, 'SweepSchedule', {
      description: 'Introflyt: seal audit entries left in the inbox longer than the stream keeps them',
      schedule: Schedule.cron({ minute: '5', hour: '1' }),
      targets: [new LambdaFunction(sealer, { retryAttempts: 4 })],
    });

    this.checkpoint = fn(AUDIT_TRAIL_FUNCTIONS[1], Duration.minutes(5));
    const checkpoint = this.checkpoint.function;
    checkpoint.addEnvironment('AUDIT_ANCHOR_BUCKET', data.auditAnchors.bucketName);
    data.auditAnchors.grantRead(checkpoint);
    data.auditAnchors.grantPut(checkpoint, 'checkpoints/*');
    new Rule(this, 'CheckpointSchedule', {
      description: 'Introflyt: fold the audit seal anchors into the daily checkpoint of every chain head',
      schedule: Schedule.cron({ minute: '30', hour: '1' }),
      targets: [new LambdaFunction(checkpoint, { retryAttempts: 4 })],
    });

    const alarm = (alarmId: string, metric: Metric, threshold: number, description: string): Alarm => {
      const a = new Alarm(this, alarmId, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      if (props.alarmAction) a.addAlarmAction(props.alarmAction);
      return a;
    };
    this.iteratorAgeAlarm = alarm(
      'IteratorAgeAlarm',
      new Metric({ namespace: 'AWS/Lambda', metricName: 'IteratorAge', dimensionsMap: { FunctionName: sealer.functionName }, statistic: 'Maximum', period: Duration.minutes(5) }),
      15 * 60_000,
      'Introflyt audit-seal: appended audit entries have waited more than 15 minutes to be sealed',
    );
    new MetricFilter(this, 'TamperFilter', {
      logGroup: this.sealer.logGroup,
      filterPattern: FilterPattern.stringValue('$.code', '=', 'AUDIT_CHAIN_TAMPERED'),
      metricNamespace: TAMPER_METRIC.namespace,
      metricName: TAMPER_METRIC.metricName,
      metricValue: '1',
    });
    this.tamperAlarm = alarm(
      'TamperAlarm',
      new Metric({ ...TAMPER_METRIC, statistic: 'Sum', period: Duration.minutes(5) }),
      1,
      'Introflyt audit-seal: an audit chain is not genuine (edited, forged or cut); it is not extended until verified and repaired',
    );

    this.acknowledgeWildcards();
  }

  /** Lets a route function check chains: VerifyMac only, and read the anchors when it compares with them. */
  grantVerify(target: IntroflytFunction, kind: 'chain' | 'anchored'): void {
    const f = target.function;
    f.addEnvironment('AUDIT_MAC_KEY_ID', this.data.auditMacKey.keyArn);
    this.data.auditMacKey.grant(f, 'kms:VerifyMac');
    if (kind === 'anchored') {
      f.addEnvironment('AUDIT_ANCHOR_BUCKET', this.data.auditAnchors.bucketName);
      this.data.auditAnchors.grantRead(f);
      acknowledgeBucketRead(target, Stack.of(this).resolve(this.anchorBucketArn()) as unknown);
    }
  }

  private anchorBucketArn(): string {
    return this.data.auditAnchors.bucketArn;
  }

  private acknowledgeWildcards(): void {
    const bucketArn = Stack.of(this).resolve(this.anchorBucketArn()) as unknown;
    const sealerRole = this.sealer.function.role!;
    const reasons = {
      listStreams:
        'Two actions on "*", neither with resource-level permissions (AWS service authorization reference): the X-Ray trace actions every function has (infra/nag.ts), ' +
        'and dynamodb:ListStreams, which the stream event source needs. Stream reads themselves are on the AuditLog stream ARN only.',
      put: "s3:PutObject (and the Abort*/Legal-hold/Retention/Tagging actions Bucket.grantPut adds) on this bucket's `anchors/*` keys only; Object Lock in compliance mode keeps anything written from being changed or deleted.",
      kms: "kms:GenerateDataKey*/ReEncrypt* on the data key (that one key's ARN) for writing SSE-KMS objects to the anchor bucket, as Bucket.grantPut grants it.",
      checkpointPut: "s3:PutObject (and what Bucket.grantPut adds) on this bucket's `checkpoints/*` keys only.",
    };
    Validations.of(sealerRole).acknowledge(
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: reasons.listStreams },
      { id: 'AwsSolutions-IAM5[Action::s3:Abort*]', reason: reasons.put },
      { id: `AwsSolutions-IAM5[Resource::${objectPattern(bucketArn, 'anchors/*')}]`, reason: reasons.put },
      { id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason: reasons.kms },
      { id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason: reasons.kms },
    );
    const checkpointRole = this.checkpoint.function.role!;
    Validations.of(checkpointRole).acknowledge(
      { id: 'AwsSolutions-IAM5[Action::s3:Abort*]', reason: reasons.checkpointPut },
      { id: `AwsSolutions-IAM5[Resource::${objectPattern(bucketArn, 'checkpoints/*')}]`, reason: reasons.checkpointPut },
      { id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason: reasons.kms },
      { id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason: reasons.kms },
    );
    acknowledgeBucketRead(this.checkpoint, bucketArn);
  }
}

/** A statement on some partitions of a table only: the partition key must match `pattern` (IAM dynamodb:LeadingKeys). */
export function grantOnPartitions(grantee: IntroflytFunction['function'], tableArn: string, actions: string[], pattern: string): Grant {
  return Grant.addToPrincipal({ grantee, actions, resourceArns: [tableArn], conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [pattern] } } });
}

/** How cdk-nag prints `<bucket ARN>/<suffix>` of a bucket resource (its logical id or its import). */
function objectPattern(resolvedBucketArn: unknown, suffix: string): string {
  const r = resolvedBucketArn as { 'Fn::GetAtt'?: [string, string]; 'Fn::Join'?: unknown };
  if (r['Fn::GetAtt'] !== undefined) return `<${r['Fn::GetAtt'][0]}.Arn>/${suffix}`;
  return `${nagString(resolvedBucketArn)}/${suffix}`;
}

function nagString(v: unknown): string {
  if (typeof v === 'string') return v;
  const r = v as { 'Fn::Join'?: [string, unknown[]]; 'Fn::ImportValue'?: unknown; Ref?: string };
  if (r['Fn::Join'] !== undefined) return r['Fn::Join'][1].map(nagString).join(r['Fn::Join'][0]);
  if (r['Fn::ImportValue'] !== undefined) return nagString(r['Fn::ImportValue']);
  if (r.Ref !== undefined) return `<${r.Ref}>`;
  return JSON.stringify(v);
}

function acknowledgeBucketRead(target: IntroflytFunction, bucketArn: unknown): void {
  const reason = "s3:GetObject*/GetBucket*/List* on the audit anchor bucket and its objects (Bucket.grantRead): a verifier reads every anchor; nothing else is reachable.";
  Validations.of(target.function.role!).acknowledge(
    { id: 'AwsSolutions-IAM5[Action::s3:GetObject*]', reason },
    { id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]', reason },
    { id: 'AwsSolutions-IAM5[Action::s3:List*]', reason },
    { id: `AwsSolutions-IAM5[Resource::${objectPattern(bucketArn, '*')}]`, reason },
  );
}
