/**
 * The audit log's outside anchor on AWS (quality.md S11;
 * shared/adapters/audit-anchors.ts): an S3 bucket with Object Lock in
 * COMPLIANCE mode and a default retention, so no one (not an administrator,
 * not the account root) can overwrite or delete an anchor before the
 * retention ends. Versioned (Object Lock needs it), encrypted with the data
 * key, TLS only, no public access, server access logs to a log bucket.
 * Retained with the stack: the anchors are evidence.
 *
 * Retention is policy: `introflyt:auditAnchorRetentionDays` in cdk.json's
 * context, default five years and a day (bokføringsloven § 13: accounting
 * documentation is kept five years; the payouts the log records are
 * accounting). Anchors expire a month after their lock ends: every daily
 * checkpoint carries all heads forward, so old ones are redundant by then.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectLockRetention, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { accessLogsBucket } from './access-logs-bucket.js';

export const DEFAULT_ANCHOR_RETENTION_DAYS = 5 * 365 + 2;

export interface AuditAnchorBucketProps {
  encryptionKey: IKey;
  retention: Duration;
}

export class AuditAnchorBucket extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: AuditAnchorBucketProps) {
    super(scope, id);
    this.accessLogs = accessLogsBucket(this);
    this.bucket = new Bucket(this, 'Anchors', {
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(props.retention),
      versioned: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'anchors/',
      lifecycleRules: [{ expiration: props.retention.plus(Duration.days(30)), noncurrentVersionExpiration: Duration.days(1) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
