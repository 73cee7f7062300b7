/**
 * The web stack (infra/web-stack.ts, infra/constructs/static-site.ts): a
 * private, encrypted, versioned bucket reached only through CloudFront's
 * origin access control; HTTPS only; security headers with a CSP that allows
 * no inline script or style; the API behind the same distribution on every
 * route prefix with the caller's Authorization in the cache key; logs; and
 * no unacknowledged cdk-nag finding, with or without the pages deployed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SITE_CSP } from '../../infra/constructs/static-site.js';
import { ROUTES } from '../../shared/contract/routes.js';
import { apiPrefixes } from '../../infra/web-stack.js';
import { buildTestApp, type TestApp } from './infra-app.js';

let t: TestApp;
let template: Template;
beforeAll(() => {
  t = buildTestApp();
  template = Template.fromStack(t.web);
});
afterAll(() => t?.cleanup());

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;
const distribution = (): Record<string, unknown> => {
  const d = Object.values(template.findResources('AWS::CloudFront::Distribution') as Resources);
  expect(d).toHaveLength(1);
  return d[0]!.Properties.DistributionConfig as Record<string, unknown>;
};

test('the pages bucket is private, encrypted, versioned, TLS-only and logs its access', () => {
  template.hasResourceProperties('AWS::S3::Bucket', {
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    VersioningConfiguration: { Status: 'Enabled' },
    LoggingConfiguration: Match.objectLike({ LogFilePrefix: 's3/' }),
  });
  const policies = JSON.stringify(template.findResources('AWS::S3::BucketPolicy'));
  expect(policies).toContain('"aws:SecureTransport":"false"');
  // Only CloudFront (with this distribution as source) may read the pages.
  expect(policies).toContain('cloudfront.amazonaws.com');
  expect(policies).toContain('AWS:SourceArn');
  template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
});

test('the distribution: HTTPS, index.html for directory URLs, logs, security headers with a strict CSP', () => {
  const d = distribution();
  expect(d.DefaultRootObject).toBe('index.html');
  expect(d.Logging).toEqual(expect.objectContaining({ Prefix: 'cloudfront/' }));
  const def = d.DefaultCacheBehavior as Record<string, unknown>;
  expect(def.ViewerProtocolPolicy).toBe('redirect-to-https');
  expect(def.FunctionAssociations).toEqual([expect.objectContaining({ EventType: 'viewer-request' })]);
  const fn = Object.values(template.findResources('AWS::CloudFront::Function') as Resources)[0]!;
  expect(String(fn.Properties.FunctionCode)).toContain("r.uri += 'index.html'");

  template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
    ResponseHeadersPolicyConfig: Match.objectLike({
      SecurityHeadersConfig: Match.objectLike({
        ContentSecurityPolicy: { ContentSecurityPolicy: Match.anyValue(), Override: true },
        FrameOptions: { FrameOption: 'DENY', Override: true },
        StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 31_536_000 }),
        ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
      }),
    }),
  });
  // The pages' CSP, with the sign-in's origins (both pools' domains and Cognito's API) added to connect-src only.
  const policy = Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy') as Resources)[0]!;
  const csp = JSON.stringify((policy.Properties.ResponseHeadersPolicyConfig as { SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: unknown } } }).SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
  expect(csp).toContain(SITE_CSP.split("connect-src 'self'")[0]!);
  expect(csp).toContain("connect-src 'self' https://");
  expect(csp).toContain('https://cognito-idp.');
  expect(csp).toContain(SITE_CSP.split("connect-src 'self'")[1]!);
  expect(SITE_CSP).not.toContain('unsafe-inline');
  expect(SITE_CSP).toContain("script-src 'self'");
  expect(SITE_CSP).toContain("connect-src 'self'");
});

test('every API route prefix goes to the API origin over HTTPS, all methods, cache keyed by Authorization', () => {
  const d = distribution();
  const behaviors = d.CacheBehaviors as Record<string, unknown>[];
  const patterns = behaviors.map((b) => b.PathPattern);
  const prefixes = apiPrefixes(ROUTES);
  expect(prefixes).toEqual(expect.arrayContaining(['checkins', 'me', 'absences', 'participants']));
  for (const p of prefixes) expect(patterns).toEqual(expect.arrayContaining([`/${p}`, `/${p}/*`]));
  // The pages' folders are not API paths (participant/ vs participants, payroll/ vs payroll-runs).
  for (const page of ['kiosk', 'participant', 'adviser', 'payroll']) expect(patterns.some((p) => p === `/${page}/*` || p === `/${page}`)).toBe(false);
  for (const b of behaviors) {
    expect(b.ViewerProtocolPolicy).toBe('https-only');
    expect(b.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']));
  }
  template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
    CachePolicyConfig: Match.objectLike({
      MaxTTL: 1,
      ParametersInCacheKeyAndForwardedToOrigin: Match.objectLike({ HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Authorization'] } }),
    }),
  });
  const origins = d.Origins as { Id: string; DomainName: unknown; CustomOriginConfig?: { OriginProtocolPolicy: string } }[];
  // The API, and the user pool's domain for the kiosks' token endpoint.
  expect(origins.filter((o) => o.CustomOriginConfig !== undefined).map((o) => o.CustomOriginConfig!.OriginProtocolPolicy)).toEqual(['https-only', 'https-only']);
});

test('/oauth2/token (and nothing else of the Cognito domain) goes to the user pool domain, so the kiosk exchanges its secret on its own origin', () => {
  const d = distribution();
  const behaviors = d.CacheBehaviors as { PathPattern: string; TargetOriginId: string; AllowedMethods: string[] }[];
  const token = behaviors.find((b) => b.PathPattern === '/oauth2/token')!;
  expect(token.AllowedMethods).toEqual(expect.arrayContaining(['POST']));
  expect(behaviors.filter((b) => b.PathPattern.startsWith('/oauth2'))).toHaveLength(1);
  const origin = (d.Origins as { Id: string; DomainName: unknown }[]).find((o) => o.Id === token.TargetOriginId)!;
  expect(JSON.stringify(origin.DomainName)).toContain('amazoncognito.com');
});

test('without built pages there is no deployment; the stack is cdk-nag clean', () => {
  template.resourceCountIs('Custom::CDKBucketDeployment', 0);
  const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(t.web);
  expect(report.violations.map((v) => `${v.severity} ${v.ruleName}`)).toEqual([]);
});

test('with built pages the stack deploys them and invalidates the cache, still cdk-nag clean', () => {
  const site = mkdtempSync(join(tmpdir(), 'introflyt-web-site-'));
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>x</title>');
  const withSite = buildTestApp({ webDir: site });
  try {
    const tpl = Template.fromStack(withSite.web);
    tpl.resourceCountIs('Custom::CDKBucketDeployment', 1);
    tpl.hasResourceProperties('Custom::CDKBucketDeployment', { DistributionPaths: ['/*'], Prune: true });
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(withSite.web);
    expect(report.violations.map((v) => `${v.severity} ${v.ruleName}`)).toEqual([]);
  } finally {
    withSite.cleanup();
    rmSync(site, { recursive: true, force: true });
  }
});
