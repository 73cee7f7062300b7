/**
 * Errors and throttles of every function, alarmed within the minute, in
 * groups of five functions per alarm: one metric-math alarm sums the ten
 * metrics (CloudWatch takes at most ten per alarm). One or two alarms per
 * function took the stateless stack past CloudFormation's 500 resources;
 * the alarm's description names the functions, and the dashboard or the
 * logs say which one failed.
 */
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData, type IAlarmAction, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import type { IntroflytFunction } from './introflyt-function.js';

/** Functions per alarm: two metrics each, ten metrics at most in one alarm's expression. */
export const FUNCTIONS_PER_ALARM = 5;

export interface FunctionAlarmsProps {
  functions: readonly IntroflytFunction[];
  alarmAction?: IAlarmAction;
}

export class FunctionAlarms extends Construct {
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: FunctionAlarmsProps) {
    super(scope, id);
    const minute = { period: Duration.minutes(1), statistic: 'Sum' };
    const alarms: Alarm[] = [];
    for (let i = 0; i < props.functions.length; i += FUNCTIONS_PER_ALARM) {
      const group = props.functions.slice(i, i + FUNCTIONS_PER_ALARM);
      const usingMetrics: Record<string, IMetric> = {};
      group.forEach((f, n) => {
        usingMetrics[`errors${n}`] = f.function.metricErrors(minute);
        usingMetrics[`throttles${n}`] = f.function.metricThrottles(minute);
      });
      const alarm = new Alarm(this, `Failures${i / FUNCTIONS_PER_ALARM}`, {
        metric: new MathExpression({ expression: Object.keys(usingMetrics).join(' + '), usingMetrics, period: Duration.minutes(1), label: 'errors + throttles' }),
        alarmDescription: `Introflyt functions ${group.map((f) => f.fn).join(', ')}: errors or throttles in the last minute`,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      if (props.alarmAction) alarm.addAlarmAction(props.alarmAction);
      alarms.push(alarm);
    }
    this.alarms = alarms;
  }
}
