/**
 * The pages on AWS: a private S3 bucket behind CloudFront (origin access
 * control), and the HTTP API behind the same distribution, so the pages and
 * the API share one origin on AWS as they do locally (`npm start`): no CORS,
 * and the pages' CSP can say connect-src 'self'.
 *
 * - /kiosk/, /participant/, /adviser/, /payroll/ → <dir>/index.html (a
 *   CloudFront Function adds index.html; S3 origins have no directory index).
 * - API paths (the first segment of every row of shared/contract/routes.ts) → the API,
 *   never cached across callers: the Authorization header is part of the
 *   cache key and the API answers no-store.
 * - `/oauth2/token` → the user pool's Cognito domain (when given): the
 *   kiosk page exchanges its device secret for a token on its own origin, as
 *   it does locally, so the CSP still says connect-src 'self'.
 * - Security headers on every page: CSP without inline script or style,
 *   HSTS, no framing, no referrer, nosniff.
 * - Logs: CloudFront standard logs and S3 access logs to a log bucket.
 * - `siteDir` (web/dist after `npm run build:web`): deployed with the stack
 *   (BucketDeployment) and the cache invalidated; without it the bucket is
 *   created empty (tests, or a pipeline that syncs the files itself).
 */
import { Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  CacheHeaderBehavior,
  CacheQueryStringBehavior,
  CacheCookieBehavior,
  Distribution,
  FunctionCode,
  FunctionEventType,
  Function as CfFunction,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { SITE_CSP } from '../page-headers.js';

export interface StaticSiteProps {
  /** The HTTP API stage URL (https://<id>.execute-api.<region>.amazonaws.com/). */
  apiUrl: string;
  /** First path segments of the API's routes, e.g. ['checkins', 'me', 'participants']. */
  apiPrefixes: readonly string[];
  /** Built pages to deploy (web/dist); absent: an empty bucket. */
  siteDir?: string;
  /** The Cognito domain's base URL (https://<prefix>.auth.<region>.amazoncognito.com): `/oauth2/token` goes there. */
  authDomainUrl?: string;
  /** @default PRICE_CLASS_100 (Europe and North America edge locations) */
  priceClass?: PriceClass;
  /**
   * Origins the pages fetch from beyond their own, added to the CSP's connect-src: the pages'
   * sign-in (issue 13) calls the staff pool's domain (token, revoke) and Cognito's API (GlobalSignOut).
   */
  connectSources?: readonly string[];
}

/** The pages' CSP with more connect-src origins (none: SITE_CSP itself). */
export function siteCsp(connectSources: readonly string[] = []): string {
  return connectSources.length === 0 ? SITE_CSP : SITE_CSP.replace("connect-src 'self'", `connect-src 'self' ${connectSources.join(' ')}`);
}

/** `/kiosk/` → `/kiosk/index.html`; `/kiosk` → `/kiosk/index.html`. CloudFront Functions runtime 2.0. */
const INDEX_REWRITE = `function handler(event) {
  var r = event.request;
  if (r.uri.endsWith('/')) r.uri += 'index.html';
  else if (r.uri.lastIndexOf('.') < r.uri.lastIndexOf('/') + 1) r.uri += '/index.html';
  return r;
}`;

export { SITE_CSP };

export class StaticSite extends Construct {
  readonly bucket: Bucket;
  readonly logs: Bucket;
  readonly distribution: Distribution;
  readonly deployment: BucketDeployment | undefined;

  constructor(scope: Construct, id: string, props: StaticSiteProps) {
    super(scope, id);

    this.logs = new Bucket(this, 'Logs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with ACLs.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new Bucket(this, 'Pages', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 's3/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Introflyt pages: CSP, HSTS, no framing, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: siteCsp(props.connectSources), override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    const apiDomain = Fn.select(2, Fn.split('/', props.apiUrl));
    // Authorization in the cache key: one caller's answer can never be served to another
    // (the API answers no-store as well; max TTL 1 s is CloudFront's smallest that allows a key).
    const apiCache = new CachePolicy(this, 'ApiNoSharedCache', {
      comment: 'Introflyt API: per-caller key, effectively not cached',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(1),
      headerBehavior: CacheHeaderBehavior.allowList('Authorization'),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      cookieBehavior: CacheCookieBehavior.none(),
    });
    const api: BehaviorOptions = {
      origin: new HttpOrigin(apiDomain, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: apiCache,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };
    const additionalBehaviors: Record<string, BehaviorOptions> = {};
    for (const prefix of [...new Set(props.apiPrefixes)].sort()) {
      additionalBehaviors[`/${prefix}`] = api;
      additionalBehaviors[`/${prefix}/*`] = api;
    }
    if (props.authDomainUrl !== undefined) {
      // The token endpoint only (the hosted sign-in pages are not served here); the Authorization
      // header (the client's Basic credentials) reaches Cognito through the same per-caller policy.
      additionalBehaviors['/oauth2/token'] = { ...api, origin: new HttpOrigin(Fn.select(2, Fn.split('/', props.authDomainUrl)), { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }) };
    }

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Introflyt pages and API',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: props.priceClass ?? PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: new CfFunction(this, 'IndexRewrite', { code: FunctionCode.fromInline(INDEX_REWRITE), runtime: FunctionRuntime.JS_2_0, comment: 'directory URLs to index.html' }),
          },
        ],
      },
      additionalBehaviors,
    });

    this.deployment =
      props.siteDir === undefined
        ? undefined
        : new BucketDeployment(this, 'Deploy', {
            sources: [Source.asset(props.siteDir)],
            destinationBucket: this.bucket,
            distribution: this.distribution,
            distributionPaths: ['/*'],
            prune: true,
          });
  }

  get url(): string {
    return `https://${this.distribution.distributionDomainName}/`;
  }

  get stack(): Stack {
    return Stack.of(this);
  }
}
