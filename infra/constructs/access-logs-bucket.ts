/**
 * The bucket a data bucket's S3 server access logs go to (the exports
 * bucket, the audit anchors): no public access, TLS only, S3-managed keys
 * (server access logs are delivered only to such a bucket), kept 400 days,
 * retained with the stack.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export function accessLogsBucket(scope: Construct, id = 'AccessLogs'): Bucket {
  return new Bucket(scope, id, {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [{ expiration: Duration.days(400) }],
  });
}
