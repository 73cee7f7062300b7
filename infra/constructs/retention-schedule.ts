/**
 * The daily retention run (docs/retention.md): EventBridge → the
 * retention-run function, which minimises kiosk metadata, correction-request
 * text and health detail on the schedule of shared/domain/reports/retention.ts.
 * Its table access is the route functions' kind (table-access.ts): it may
 * update attendance items, and only append to the audit log's inbox.
 */
import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { IntroflytFunction } from './introflyt-function.js';
import type { SharedTables } from './shared-tables.js';

export const RETENTION_FUNCTION = 'retention-run';

export interface RetentionScheduleProps {
  data: SharedTables;
  entryFor: (fn: string) => string;
  projectRoot: string;
  logRetention: RetentionDays;
}

export class RetentionSchedule extends Construct {
  readonly fn: IntroflytFunction;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: RetentionScheduleProps) {
    super(scope, id);
    this.fn = new IntroflytFunction(this, `Fn-${RETENTION_FUNCTION}`, {
      fn: RETENTION_FUNCTION,
      entry: props.entryFor(RETENTION_FUNCTION),
      projectRoot: props.projectRoot,
      data: props.data,
      tables: { participants: 'r', attendance: 'rw', decisions: 'rw', payrollRuns: 'r', auditLog: 'rw' },
      logRetention: props.logRetention,
      timeout: Duration.minutes(15),
      memorySize: 512,
    });
    this.rule = new Rule(this, 'Schedule', {
      description: 'Introflyt: daily retention run (minimise kiosk metadata, correction-request text and health detail on schedule)',
      // 02:15 UTC, after the audit sweep and checkpoint.
      schedule: Schedule.cron({ minute: '15', hour: '2' }),
      targets: [new LambdaFunction(this.fn.function, { retryAttempts: 2 })],
    });
  }
}
