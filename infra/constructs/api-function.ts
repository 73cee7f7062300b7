/**
 * One Lambda function serving one `fn` of infra/routes.ts: ESM bundle built by
 * the local esbuild (never Docker), its own log group with retention, its own
 * role (no AWS managed policies: the role may write only to its log group and
 * send traces), X-Ray tracing, and alarms on errors and throttles.
 */
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData, type IAlarmAction } from 'aws-cdk-lib/aws-cloudwatch';
import { Role as IamRole, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, SystemLogLevel, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface ApiFunctionProps {
  /** The function's folder name under functions/. */
  fn: string;
  /** Absolute path of its handler module. */
  entry: string;
  /** Absolute path of the repository (lock file and node_modules live there). */
  projectRoot: string;
  environment: Readonly<Record<string, string>>;
  logRetention: RetentionDays;
  memorySize?: number;
  timeout?: Duration;
  /** Where alarms notify; none means alarms are visible in CloudWatch only. */
  alarmAction?: IAlarmAction;
}

/**
 * esbuild emits ESM, but some dependencies are CommonJS and call `require`;
 * Node has no `require` in ES modules, so the bundle defines one up front.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __introflytCreateRequire } from 'node:module'; const require = __introflytCreateRequire(import.meta.url);";

export class ApiFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly errorsAlarm: Alarm;
  readonly throttlesAlarm: Alarm;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention });

    const role = new IamRole(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Introflyt function ${props.fn}`,
    });
    this.logGroup.grantWrite(role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: `${props.projectRoot}/package-lock.json`,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      // The platform's START/END/REPORT lines add cost, not information.
      systemLogLevelV2: SystemLogLevel.WARN,
      tracing: Tracing.ACTIVE,
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: 'introflyt',
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        // Source maps map stack traces to file and line; the sources themselves stay out of the bundle.
        sourcesContent: false,
        forceDockerBundling: false,
      },
    });

    const alarm = (name: 'Errors' | 'Throttles', alarmId: string): Alarm => {
      const metric =
        name === 'Errors'
          ? this.function.metricErrors({ period: Duration.minutes(1), statistic: 'Sum' })
          : this.function.metricThrottles({ period: Duration.minutes(1), statistic: 'Sum' });
      const created = new Alarm(this, alarmId, {
        metric,
        alarmDescription: `Introflyt ${props.fn}: ${name.toLowerCase()} in the last minute`,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      if (props.alarmAction) created.addAlarmAction(props.alarmAction);
      return created;
    };
    this.errorsAlarm = alarm('Errors', 'ErrorsAlarm');
    this.throttlesAlarm = alarm('Throttles', 'ThrottlesAlarm');
  }
}
