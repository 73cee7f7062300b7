/**
 * Everything that holds data and must outlive a redeploy: the customer-managed
 * keys, the tables of shared/contract/tables.ts, the audit log's outside anchor and
 * the payroll exports bucket.
 * Nothing here is ever replaced or deleted with the stack (quality.md S8,
 * style 8).
 *
 * Three keys, each for one use:
 * - the data key encrypts the tables, the anchor and exports buckets and the
 *   payroll state machine (its key policy lets CloudWatch Logs delivery decrypt for the
 *   state machine's log, as Step Functions logging with a customer key needs);
 * - the logs key encrypts every CloudWatch log group (its key policy lets the
 *   CloudWatch Logs service use it for this account's log groups only);
 * - the audit key (HMAC_256, GENERATE_VERIFY_MAC) MACs the audit chains; only
 *   the sealing function may GenerateMac (infra/constructs/audit-trail.ts).
 */
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption, type CfnTable, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage, type IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { AuditAnchorBucket, DEFAULT_ANCHOR_RETENTION_DAYS } from './constructs/audit-anchor-bucket.js';
import { ExportsBucket } from './constructs/exports-bucket.js';
import {
  anchorBucketExportName,
  auditMacKeyArnExportName,
  dataKeyArnExportName,
  exportBucketArnExportName,
  logsKeyArnExportName,
  tableArnExportName,
  tableStreamArnExportName,
} from './constructs/shared-tables.js';
import type { TableKey } from '../shared/contract/tables.js';
import { TABLES, type TableDef } from '../shared/contract/tables.js';

export interface IntroflytStatefulStackProps extends StackProps {
  /** How long each audit anchor is locked. @default context `introflyt:auditAnchorRetentionDays`, else five years and two days */
  auditAnchorRetention?: Duration;
}

export class IntroflytStatefulStack extends Stack {
  /** Encrypts every table (architecture.md "Data": a customer key), the anchor bucket and the state machine. */
  readonly dataKey: IKey;
  /** Encrypts every CloudWatch log group. */
  readonly logsKey: IKey;
  /** The audit chains' HMAC key. */
  readonly auditMacKey: IKey;
  /** Write-once storage of the audit anchors (S3 Object Lock, compliance mode). */
  readonly auditAnchors: IBucket;
  readonly tables: Record<TableKey, ITable>;
  /** Payroll export files (one CSV per released run), written once by the export job, read through presigned links. */
  readonly exportBucket: IBucket;

  constructor(scope: Construct, id: string, props: IntroflytStatefulStackProps = {}) {
    // Deleting this stack needs a deliberate step first; its resources are retained regardless.
    super(scope, id, { terminationProtection: true, ...props });

    this.dataKey = new Key(this, 'DataKey', {
      description: 'Introflyt: encrypts participant, attendance, decision, payroll and audit tables',
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      // A deleted key makes every backup and retained table unreadable.
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    // Step Functions logging of a state machine encrypted with this key: CloudWatch Logs delivery decrypts its events.
    this.dataKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'StateMachineLogDelivery',
        principals: [new ServicePrincipal('delivery.logs.amazonaws.com')],
        actions: ['kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );

    this.logsKey = new Key(this, 'LogsKey', {
      description: 'Introflyt: encrypts the CloudWatch log groups of functions, API access logs and the payroll state machine',
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    // CloudWatch Logs encrypts a log group with the key it names, as the logs service of this region, for this account's log groups only.
    this.logsKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchLogsOfThisAccount',
        principals: [new ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*` } },
      }),
    );

    this.auditMacKey = new Key(this, 'AuditMacKey', {
      description: 'Introflyt: MACs the audit log chains (GenerateMac: the sealing function only)',
      keySpec: KeySpec.HMAC_256,
      keyUsage: KeyUsage.GENERATE_VERIFY_MAC,
      // KMS rotates symmetric encryption keys only; an HMAC key keeps its material (a new key would need a new chain version).
      enableKeyRotation: false,
      // Deleting it makes every stored MAC unverifiable.
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });

    const retentionDays = Number(this.node.tryGetContext('introflyt:auditAnchorRetentionDays') ?? DEFAULT_ANCHOR_RETENTION_DAYS);
    if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new Error('INFRA_BAD_CONTEXT: introflyt:auditAnchorRetentionDays must be a positive whole number of days');
    this.auditAnchors = new AuditAnchorBucket(this, 'AuditAnchors', {
      encryptionKey: this.dataKey,
      retention: props.auditAnchorRetention ?? Duration.days(retentionDays),
    }).bucket;

    const tables: Partial<Record<TableKey, ITable>> = {};
    for (const def of TABLES) tables[def.key] = this.createTable(def);
    this.tables = tables as Record<TableKey, ITable>;

    // Payroll exports are personal data (payouts by pseudonymous reference): the data key, no public access, TLS only, access-logged.
    this.exportBucket = new ExportsBucket(this, 'Exports', { dataKey: this.dataKey }).bucket;

    // The contract with the stateless stack: named exports, so this template is the same
    // whoever consumes it, and the names say what they carry.
    new CfnOutput(this, 'ExportDataKeyArn', { value: this.dataKey.keyArn, exportName: dataKeyArnExportName(this.stackName) });
    new CfnOutput(this, 'ExportExportsBucketArn', { value: this.exportBucket.bucketArn, exportName: exportBucketArnExportName(this.stackName) });
    new CfnOutput(this, 'ExportLogsKeyArn', { value: this.logsKey.keyArn, exportName: logsKeyArnExportName(this.stackName) });
    new CfnOutput(this, 'ExportAuditMacKeyArn', { value: this.auditMacKey.keyArn, exportName: auditMacKeyArnExportName(this.stackName) });
    new CfnOutput(this, 'ExportAuditAnchorBucket', { value: this.auditAnchors.bucketName, exportName: anchorBucketExportName(this.stackName) });
    for (const def of TABLES.filter((t) => t.stream !== undefined)) {
      new CfnOutput(this, `Export${def.id}TableStreamArn`, { value: this.tables[def.key].tableStreamArn!, exportName: tableStreamArnExportName(this.stackName, def.id) });
    }
    for (const def of TABLES) {
      new CfnOutput(this, `Export${def.id}TableArn`, { value: this.tables[def.key].tableArn, exportName: tableArnExportName(this.stackName, def.id) });
    }
  }

  private createTable(def: TableDef): Table {
    const table = new Table(this, `${def.id}Table`, {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.dataKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      ...(def.ttl ? { timeToLiveAttribute: 'expiresAt' } : {}),
      ...(def.stream === 'NEW_IMAGE' ? { stream: StreamViewType.NEW_IMAGE } : {}),
    });
    // Lets readers of the synthesized template (the local runtime) map a table to its contract row.
    (table.node.defaultChild as CfnTable).addMetadata('Introflyt', { tableKey: def.key, envVar: def.envVar });
    for (const gsi of def.gsis) {
      table.addGlobalSecondaryIndex({
        indexName: gsi,
        partitionKey: { name: `${gsi}pk`, type: AttributeType.STRING },
        sortKey: { name: `${gsi}sk`, type: AttributeType.STRING },
      });
    }
    return table;
  }
}
