/**
 * The pages on AWS (issue 5): S3 + CloudFront in front of the pages and the
 * HTTP API (infra/constructs/static-site.ts). Its own stack so the pages can
 * be redeployed without touching functions or data.
 */
import { CfnOutput, DefaultStackSynthesizer, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import type { RouteDef } from '../shared/contract/routes.js';
import { StaticSite } from './constructs/static-site.js';

export interface IntroflytWebStackProps extends StackProps {
  apiUrl: string;
  routes: readonly RouteDef[];
  siteDir?: string;
  /** The user pool's Cognito domain URL: the kiosks' token endpoint is served under the pages' origin. */
  authDomainUrl?: string;
  /** Origins the pages' sign-in fetches from (the CSP's connect-src): the pools' domains and Cognito's API. */
  signInOrigins?: readonly string[];
}

/** First path segment of each route: the CloudFront behaviours that go to the API. */
export function apiPrefixes(routes: readonly RouteDef[]): string[] {
  return [...new Set(routes.map((r) => r.path.split('/')[1]!).filter((s) => s.length > 0))].sort();
}

const REASONS = {
  geo: 'Participants and staff may use the pages from anywhere (travel, cross-border commuting); every API call is authorised by a Cognito token and the pages themselves hold no data.',
  waf: 'The distribution serves static files and forwards the API, which has its own stage throttling, JWT authorizer and 429/503 answers; a WAF web ACL is an account-level choice for the municipality (attach one through the distribution props).',
  tls: 'The distribution uses the default *.cloudfront.net certificate, for which CloudFront fixes the TLS policy; a municipality domain comes with an ACM certificate and minimumProtocolVersion TLSv1.2_2021 (StaticSite props), which ends this finding.',
  logBucket: 'This is the log bucket itself: S3 access logs of the log bucket would log into themselves.',
  deployRuntime: "CDK's BucketDeployment custom resource chooses its own Lambda runtime; it runs only during deployment.",
  deployManaged: "CDK's BucketDeployment custom resource role uses AWSLambdaBasicExecutionRole for its own CloudWatch logs; it runs only during deployment.",
  deployWildcards: "CDK's BucketDeployment copies the asset into this one pages bucket: s3:GetObject*/List*/DeleteObject*/Abort* on the CDK asset bucket and on this bucket's objects, as BucketDeployment grants them, plus cloudfront:CreateInvalidation on \"*\" (as BucketDeployment grants it).",
} as const;

export class IntroflytWebStack extends Stack {
  readonly site: StaticSite;

  constructor(scope: Construct, id: string, props: IntroflytWebStackProps) {
    super(scope, id, props);
    this.site = new StaticSite(this, 'Site', {
      apiUrl: props.apiUrl,
      apiPrefixes: apiPrefixes(props.routes),
      ...(props.siteDir !== undefined ? { siteDir: props.siteDir } : {}),
      ...(props.authDomainUrl !== undefined ? { authDomainUrl: props.authDomainUrl } : {}),
      ...(props.signInOrigins !== undefined ? { connectSources: props.signInOrigins } : {}),
    });
    new CfnOutput(this, 'PagesUrl', { value: this.site.url, description: 'kiosk/, participant/, adviser/, payroll/ under this URL' });
    new CfnOutput(this, 'PagesBucket', { value: this.site.bucket.bucketName });

    const dist = this.site.distribution;
    Validations.of(dist).acknowledge({ id: 'AwsSolutions-CFR1', reason: REASONS.geo }, { id: 'AwsSolutions-CFR2', reason: REASONS.waf }, { id: 'AwsSolutions-CFR4', reason: REASONS.tls });
    Validations.of(this.site.logs).acknowledge({ id: 'AwsSolutions-S1', reason: REASONS.logBucket });
    for (const c of this.node.findAll()) {
      // The singleton Lambda and role BucketDeployment adds to the stack.
      if (!c.node.path.includes('Custom::CDKBucketDeployment')) continue;
      Validations.of(c).acknowledge(
        { id: 'AwsSolutions-L1', reason: REASONS.deployRuntime },
        { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: REASONS.deployManaged },
      );
    }
    if (this.site.deployment instanceof BucketDeployment) {
      const pagesArn = `<${this.getLogicalId(this.site.bucket.node.defaultChild as CfnBucket)}.Arn>/*`;
      const qualifier = (this.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') as string | undefined) ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
      const ids = [
        ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map((a) => `AwsSolutions-IAM5[Action::${a}]`),
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-<AWS::AccountId>-<AWS::Region>/*]`,
        `AwsSolutions-IAM5[Resource::${pagesArn}]`,
        'AwsSolutions-IAM5[Resource::*]',
      ];
      for (const c of this.node.findAll()) {
        if (c.node.path.includes('Custom::CDKBucketDeployment')) Validations.of(c).acknowledge(...ids.map((id) => ({ id, reason: REASONS.deployWildcards })));
      }
    }
  }
}
