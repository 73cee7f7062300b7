/**
 * The retention schedule on AWS (docs/retention.md): a daily EventBridge rule
 * invokes the retention-run function, which may update attendance items,
 * read the participants, decisions and runs, and only append to the audit
 * log's inbox (never update or delete it); cdk-nag has nothing to say
 * (nag.infra.test.ts covers the whole app).
 */
import { Template } from 'aws-cdk-lib/assertions';
import { ROUTES } from '../../shared/contract/routes.js';
import { buildTestApp, type TestApp } from './infra-app.js';
import { asArray, logicalIdOf, resourcesOf, type Statement } from './template-helpers.js';

let built: TestApp;
let stateless: Template;

beforeAll(() => {
  built = buildTestApp({ routes: ROUTES });
  stateless = Template.fromStack(built.stateless);
});
afterAll(() => built.cleanup());

test('a daily rule targets the retention function', () => {
  const fnId = logicalIdOf(built.stateless.retention.fn.function);
  const rules = Object.values(resourcesOf(stateless, 'AWS::Events::Rule')).filter((r) => JSON.stringify(r.Properties.Targets).includes(fnId));
  expect(rules.map((r) => r.Properties.ScheduleExpression)).toEqual(['cron(15 2 * * ? *)']);
  expect(Object.values(resourcesOf(stateless, 'AWS::Lambda::Permission')).some((p) => JSON.stringify(p.Properties.FunctionName).includes(fnId) && p.Properties.Principal === 'events.amazonaws.com')).toBe(true);
});

test('its role: attendance updates, audit appends into the inbox only', () => {
  const roleId = logicalIdOf(built.stateless.retention.fn.function.role!);
  const statements: Statement[] = [];
  for (const p of Object.values(resourcesOf(stateless, 'AWS::IAM::Policy')))
    if ((p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId)) statements.push(...(p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  const on = (table: string) => statements.filter((s) => JSON.stringify(s.Resource).includes(table)).flatMap((s) => asArray(s.Action));
  expect(on('Attendance')).toEqual(expect.arrayContaining(['dynamodb:UpdateItem']));
  const audit = on('AuditLog');
  expect(audit).toEqual(expect.arrayContaining(['dynamodb:PutItem']));
  for (const forbidden of ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']) expect(audit).not.toContain(forbidden);
  const put = statements.find((s) => asArray(s.Action).includes('dynamodb:PutItem') && JSON.stringify(s.Resource).includes('AuditLog'))!;
  expect(JSON.stringify(put.Condition)).toContain('IN#*');
});
