/**
 * The HTTP API of infra/routes.ts: every route behind the Cognito JWT
 * authorizer (no anonymous route exists), access logs with ids only, stage
 * throttling so overload answers 429 instead of dropping requests (quality.md
 * R8), and an alarm on server errors.
 */
import { Duration } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { Alarm, ComparisonOperator, TreatMissingData, type IAlarmAction } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteDef } from '../routes.js';

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
  jwtIssuer: string;
  jwtAudience: readonly string[];
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

  constructor(scope: Construct, id: string, props: IntroflytHttpApiProps) {
    super(scope, id);

    const authorizer = new HttpJwtAuthorizer('CognitoJwt', props.jwtIssuer, {
      jwtAudience: [...props.jwtAudience],
      identitySource: ['$request.header.Authorization'],
    });

    this.api = new HttpApi(this, 'Api', {
      description: 'Introflyt HTTP API (routes: infra/routes.ts)',
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
      this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        // Stated per route as well as by default, so a route can never lose it by a changed default.
        authorizer,
      });
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
