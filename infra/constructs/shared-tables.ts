/**
 * The stateless stack's view of the stateful stack's tables and key. Each ARN
 * crosses stacks through a named CloudFormation export that the stateful
 * stack declares (stack name + table id) instead of a generated one, so the
 * contract between the stacks is readable and stable, and IAM resources print
 * the same before and after synthesis (which the cdk-nag acknowledgments in
 * infra/nag.ts rely on).
 */
import { Fn, Stack } from 'aws-cdk-lib';
import { Table, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Key, type IKey } from 'aws-cdk-lib/aws-kms';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { TableKey } from '../../shared/contract/tables.js';
import { TABLES } from '../../shared/contract/tables.js';

export interface SharedTablesProps {
  tables: Readonly<Record<TableKey, ITable>>;
  dataKey: IKey;
  /** Encrypts the log groups. */
  logsKey: IKey;
  /** The audit chains' HMAC key. */
  auditMacKey: IKey;
  /** The audit anchors' Object Lock bucket. */
  auditAnchors: IBucket;
  /** The payroll exports bucket (stateful stack). */
  exportBucket: IBucket;
}

export function tableArnExportName(producerStackName: string, tableId: string): string {
  return `${producerStackName}-${tableId}TableArn`;
}

export function dataKeyArnExportName(producerStackName: string): string {
  return `${producerStackName}-DataKeyArn`;
}

export const logsKeyArnExportName = (producerStackName: string): string => `${producerStackName}-LogsKeyArn`;
export const auditMacKeyArnExportName = (producerStackName: string): string => `${producerStackName}-AuditMacKeyArn`;
export const anchorBucketExportName = (producerStackName: string): string => `${producerStackName}-AuditAnchorBucket`;
export const tableStreamArnExportName = (producerStackName: string, tableId: string): string => `${producerStackName}-${tableId}TableStreamArn`;
export function exportBucketArnExportName(producerStackName: string): string {
  return `${producerStackName}-ExportsBucketArn`;
}

export class SharedTables extends Construct {
  readonly tables: Readonly<Record<TableKey, ITable>>;
  readonly dataKey: IKey;
  readonly logsKey: IKey;
  readonly auditMacKey: IKey;
  readonly auditAnchors: IBucket;
  readonly exportBucket: IBucket;
  /** The export name of the bucket's ARN (what IAM statements on it print as). */
  readonly exportBucketArnExport: string;

  constructor(scope: Construct, id: string, props: SharedTablesProps) {
    super(scope, id);
    const here = Stack.of(this);

    const keyStack = Stack.of(props.dataKey);
    this.dataKey =
      keyStack === here
        ? props.dataKey
        : Key.fromKeyArn(this, 'DataKey', Fn.importValue(dataKeyArnExportName(keyStack.stackName)));
    const shared = keyStack === here;
    this.logsKey = shared ? props.logsKey : Key.fromKeyArn(this, 'LogsKey', Fn.importValue(logsKeyArnExportName(keyStack.stackName)));
    this.auditMacKey = shared ? props.auditMacKey : Key.fromKeyArn(this, 'AuditMacKey', Fn.importValue(auditMacKeyArnExportName(keyStack.stackName)));
    this.auditAnchors = shared
      ? props.auditAnchors
      : Bucket.fromBucketAttributes(this, 'AuditAnchors', { bucketName: Fn.importValue(anchorBucketExportName(keyStack.stackName)), encryptionKey: this.dataKey });

    const tables: Partial<Record<TableKey, ITable>> = {};
    for (const def of TABLES) {
      const table = props.tables[def.key];
      if (table === undefined) throw new Error(`INFRA_MISSING_TABLE: the stateful stack has no table "${def.key}"`);
      const owner = Stack.of(table);
      tables[def.key] =
        owner === here
          ? table
          : Table.fromTableAttributes(this, `${def.id}Table`, {
              tableArn: Fn.importValue(tableArnExportName(owner.stackName, def.id)),
              encryptionKey: this.dataKey,
              ...(def.gsis.length > 0 ? { globalIndexes: [...def.gsis] } : {}),
              ...(def.stream !== undefined ? { tableStreamArn: Fn.importValue(tableStreamArnExportName(owner.stackName, def.id)) } : {}),
            });
    }
    this.tables = tables as Record<TableKey, ITable>;

    const bucketStack = Stack.of(props.exportBucket);
    this.exportBucketArnExport = exportBucketArnExportName(bucketStack.stackName);
    this.exportBucket =
      bucketStack === here
        ? props.exportBucket
        : Bucket.fromBucketAttributes(this, 'ExportsBucket', { bucketArn: Fn.importValue(exportBucketArnExportName(bucketStack.stackName)), encryptionKey: this.dataKey });
  }
}
