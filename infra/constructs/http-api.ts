/**
 * The HTTP API of shared/contract/routes.ts: every route behind an authorizer
 * except the one public route the route table marks `authorizer: 'none'`
 * (redeeming an activation code: the phone has no token yet;
 * infra/route-validation.ts allows no other), which gets its own route
 * throttle (stage route settings) besides its handler's limits; access logs with ids only, stage throttling so
 * overload answers 429 instead of dropping requests (quality.md R8), and an
 * alarm on server errors.
 *
 * Three authorizers. Staff routes accept only the staff user pool's tokens
 * (MFA required; infra/constructs/user-directory.ts), through a Cognito JWT
 * authorizer of their own; participant routes the participant pool's, through
 * another. The routes a kiosk calls (`authorizer: 'device'`) get the kiosk
 * authorizer, a Lambda REQUEST authorizer (functions/checkin-authorizer). The
 * JWT authorizer cannot serve kiosks: it compares `client_id` with a fixed
 * audience list in the template, while each kiosk has its own app client made
 * at run time by POST /devices, and it cannot see whether a device was
 * deactivated. The kiosk authorizer verifies the same signature, issuer and
 * expiry, then the check-in scope and that the client belongs to an active
 * device; its result is not cached, so a deactivated device's next request is
 * refused.
 */
import { Duration } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, HttpNoneAuthorizer, HttpStage, type HttpRoute, LogGroupLogDestination, type CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer, HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { Alarm, ComparisonOperator, TreatMissingData, type IAlarmAction } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteDef } from '../../shared/contract/routes.js';
import { STAFF_ROLES } from '../../shared/contract/roles.js';

export interface ApiThrottle {
  /** Steady-state requests per second across the stage. */
  rateLimit: number;
  /** Requests allowed in a burst above the rate. */
  burstLimit: number;
}

export interface IntroflytHttpApiProps {
  routes: readonly RouteDef[];
  /** The function serving each `fn` named in `routes`. */
  functions: ReadonlyMap<string, IFunction>;
  /** The participant and kiosk pool. */
  jwtIssuer: string;
  jwtAudience: readonly string[];
  /** The kiosk authorizer's function, for the routes with `authorizer: 'device'`. */
  deviceAuthorizer?: IFunction;
  /** The staff pool: routes for adviser, payroll and admin accept only its tokens. Absent: one authorizer for all. */
  staffJwt?: { issuer: string; audience: readonly string[] };
  throttle: ApiThrottle;
  logRetention: RetentionDays;
  /** Encrypts the access log group (the stateful stack's logs key). */
  logsKey: IKey;
  alarmAction?: IAlarmAction;
}

/**
 * Access-log fields: request and route ids, status and timings. No path (it
 * holds participant ids in clear), no source IP, no body, no user names; the
 * caller appears only as the token's pseudonymous `sub`.
 */
export const ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTimeEpoch',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  caller: '$context.authorizer.claims.sub',
};

export class IntroflytHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  readonly serverErrorsAlarm: Alarm;
  /** The routes without an authorizer (`authorizer: 'none'`): cdk-nag's APIG4 is acknowledged on these alone (infra/nag.ts). */
  readonly publicRoutes: HttpRoute[] = [];

  constructor(scope: Construct, id: string, props: IntroflytHttpApiProps) {
    super(scope, id);

    const authorizer = new HttpJwtAuthorizer('CognitoJwt', props.jwtIssuer, {
      jwtAudience: [...props.jwtAudience],
      identitySource: ['$request.header.Authorization'],
    });
    const staffAuthorizer =
      props.staffJwt === undefined
        ? authorizer
        : new HttpJwtAuthorizer('StaffCognitoJwt', props.staffJwt.issuer, { jwtAudience: [...props.staffJwt.audience], identitySource: ['$request.header.Authorization'] });
    // route-validation.ts refuses a route that mixes staff and other roles, so `every` and `some` agree.
    const authorizerOf = (route: RouteDef) => (route.roles.every((r) => STAFF_ROLES.includes(r)) ? staffAuthorizer : authorizer);

    // Not cached (TTL 0): the device is read on every request. A missing Authorization header is 401 without a call.
    const kioskAuthorizer =
      props.deviceAuthorizer === undefined
        ? undefined
        : new HttpLambdaAuthorizer('KioskAuthorizer', props.deviceAuthorizer, {
            responseTypes: [HttpLambdaResponseType.SIMPLE],
            identitySource: ['$request.header.Authorization'],
            resultsCacheTtl: Duration.seconds(0),
          });

    this.api = new HttpApi(this, 'Api', {
      description: 'Introflyt HTTP API (routes: shared/contract/routes.ts)',
      // The stage below carries throttling and access logs, which the implicit default stage cannot.
      createDefaultStage: false,
      defaultAuthorizer: authorizer,
    });

    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention, encryptionKey: props.logsKey });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    const none = new HttpNoneAuthorizer();
    // Route-level throttles (public routes must have one): CloudFormation's stage RouteSettings, keyed by route key.
    const routeSettings = Object.fromEntries(
      props.routes.filter((r) => r.throttle !== undefined).map((r) => [`${r.method} ${r.path}`, { ThrottlingRateLimit: r.throttle!.rateLimit, ThrottlingBurstLimit: r.throttle!.burstLimit }]),
    );
    if (Object.keys(routeSettings).length > 0) (this.stage.node.defaultChild as CfnStage).addPropertyOverride('RouteSettings', routeSettings);

    const integrations = new Map<string, HttpLambdaIntegration>();
    for (const route of props.routes) {
      const handler = props.functions.get(route.fn);
      if (handler === undefined) {
        throw new Error(`INFRA_NO_FUNCTION: route ${route.method} ${route.path} names function "${route.fn}" which was not created`);
      }
      let integration = integrations.get(route.fn);
      if (integration === undefined) {
        integration = new HttpLambdaIntegration(`${route.fn}-integration`, handler);
        integrations.set(route.fn, integration);
      }
      if (route.authorizer === 'device' && kioskAuthorizer === undefined) throw new Error(`INFRA_NO_AUTHORIZER: route ${route.method} ${route.path} needs the kiosk authorizer, which was not given`);
      const added = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        // Stated per route as well as by default, so a route can never lose it by a changed default.
        authorizer: route.authorizer === 'device' ? kioskAuthorizer! : route.authorizer === 'none' ? none : authorizerOf(route),
      });
      if (route.authorizer === 'none') this.publicRoutes.push(...added);
    }

    this.serverErrorsAlarm = new Alarm(this, 'ServerErrorsAlarm', {
      metric: this.api.metricServerError({ period: Duration.minutes(1), statistic: 'Sum' }),
      alarmDescription: 'Introflyt HTTP API: 5xx responses in the last minute',
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    if (props.alarmAction) this.serverErrorsAlarm.addAlarmAction(props.alarmAction);
  }

  get url(): string {
    return this.stage.url;
  }
}
