/**
 * Where payroll export files live on AWS (issue 15: the export is a job that
 * writes the file once and hands out short-lived links): one S3 bucket in
 * the stateful stack, encrypted with the data key, no public access, TLS
 * only, retained with the data, and every request in a second bucket's
 * access log (a download through a presigned link is an S3 GET there, with
 * time and the link's signer). Locally the same files go to a folder beside
 * the data (shared/adapters/export-store.ts).
 *
 * `grantWrite`/`grantLink` give the export job and the link function what
 * they need, under exports/ only, through the bucket's grant* methods, and
 * acknowledge the wildcards those methods put in the policy.
 */
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IGrantable, IRole } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { accessLogsBucket } from './access-logs-bucket.js';

export const EXPORT_PREFIX = 'exports/*';

const REASONS = {
  logBucket: 'This is the access-log bucket of the payroll exports bucket: access logs of the log bucket would log into themselves.',
  read:
    'Bucket.grantRead on the payroll exports bucket, objects under exports/ only: s3:GetObject*/GetBucket*/List* as the grant writes them. ' +
    'The function checks the one file it wrote (HeadObject) or presigns a GetObject of it; it never reads another bucket.',
  put:
    'Bucket.grantPut on the payroll exports bucket, objects under exports/ only: s3:PutObject* and s3:Abort* (multipart) as the grant writes them. ' +
    'The export job writes each run file once, create-only (If-None-Match).',
} as const;

export interface ExportsBucketProps {
  dataKey: IKey;
}

export class ExportsBucket extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: ExportsBucketProps) {
    super(scope, id);
    this.accessLogs = accessLogsBucket(this);
    Validations.of(this.accessLogs).acknowledge({ id: 'AwsSolutions-S1', reason: REASONS.logBucket });
    this.bucket = new Bucket(this, 'Files', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.KMS,
      encryptionKey: props.dataKey,
      bucketKeyEnabled: true,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'exports/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

/** The nag id of the exports prefix as an imported bucket ARN prints it. */
const resourceId = (bucketArnExport: string) => `AwsSolutions-IAM5[Resource::${bucketArnExport}/${EXPORT_PREFIX}]`;

function acknowledge(role: IRole | undefined, ids: string[], reason: string): void {
  if (role === undefined) throw new Error('INFRA_EXPORTS_NO_ROLE: a function granted export access has no role');
  Validations.of(role).acknowledge(...ids.map((id) => ({ id, reason })));
}

/** The export job: writes files under exports/ and reads back what it wrote. */
export function grantExportWrite(bucket: IBucket, fn: IGrantable & { role?: IRole }, bucketArnExport: string): void {
  bucket.grantPut(fn, EXPORT_PREFIX);
  bucket.grantRead(fn, EXPORT_PREFIX);
  acknowledge(fn.role, ['AwsSolutions-IAM5[Action::s3:Abort*]', resourceId(bucketArnExport)], REASONS.put);
  acknowledge(fn.role, ['AwsSolutions-IAM5[Action::s3:GetObject*]', 'AwsSolutions-IAM5[Action::s3:GetBucket*]', 'AwsSolutions-IAM5[Action::s3:List*]'], REASONS.read);
}

/** The link function: presigns GetObject of files under exports/ (its role is the signer, so it needs read). */
export function grantExportLink(bucket: IBucket, fn: IGrantable & { role?: IRole }, bucketArnExport: string): void {
  bucket.grantRead(fn, EXPORT_PREFIX);
  acknowledge(fn.role, ['AwsSolutions-IAM5[Action::s3:GetObject*]', 'AwsSolutions-IAM5[Action::s3:GetBucket*]', 'AwsSolutions-IAM5[Action::s3:List*]', resourceId(bucketArnExport)], REASONS.read);
}
