/**
 * Everything that holds data and must outlive a redeploy: the customer-managed
 * key, the tables of infra/tables.ts and the payroll exports bucket. Nothing here is ever replaced or
 * deleted with the stack (quality.md S8, style 8).
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption, type CfnTable, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Key, type IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { ExportsBucket } from './constructs/exports-bucket.js';
import { dataKeyArnExportName, exportBucketArnExportName, tableArnExportName } from './constructs/shared-tables.js';
import type { TableKey } from './routes.js';
import { TABLES, type TableDef } from './tables.js';

export type IntroflytStatefulStackProps = StackProps;

export class IntroflytStatefulStack extends Stack {
  /** Encrypts every table (architecture.md "Data": a customer key). */
  readonly dataKey: IKey;
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

    const tables: Partial<Record<TableKey, ITable>> = {};
    for (const def of TABLES) tables[def.key] = this.createTable(def);
    this.tables = tables as Record<TableKey, ITable>;

    // Payroll exports are personal data (payouts by pseudonymous reference): the data key, no public access, TLS only, access-logged.
    this.exportBucket = new ExportsBucket(this, 'Exports', { dataKey: this.dataKey }).bucket;

    // The contract with the stateless stack: named exports, so this template is the same
    // whoever consumes it, and the names say what they carry.
    new CfnOutput(this, 'ExportDataKeyArn', { value: this.dataKey.keyArn, exportName: dataKeyArnExportName(this.stackName) });
    new CfnOutput(this, 'ExportExportsBucketArn', { value: this.exportBucket.bucketArn, exportName: exportBucketArnExportName(this.stackName) });
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
