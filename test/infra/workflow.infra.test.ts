/**
 * The payroll workflow as synthesized (quality.md R6; stack-notes.md): a
 * Standard state machine in classic JSONPath ASL that aws-local-stepfunctions
 * can run — no JSONata, no variables, no Distributed Map, no task tokens or
 * .sync — where every Task has Retry (with backoff) and Catch, the Map is
 * inline with bounded concurrency, and payloads are ids only.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { PAYROLL_TASKS } from '../../infra/constructs/payroll-workflow.js';
import { payrollDefinitionOf } from '../../infra/local/workflow-runner.js';
import { buildTestApp, type TestApp } from './infra-app.js';

type Json = Record<string, unknown>;
interface State extends Json {
  Type: string;
}

let built: TestApp;
let template: Template;
let asl: Json;

beforeAll(() => {
  built = buildTestApp();
  template = Template.fromStack(built.stateless);
  const stateless = template.toJSON() as Json;
  asl = payrollDefinitionOf(stateless) as unknown as Json;
});
afterAll(() => built.cleanup());

/** Every state, nested Map processors included, with its path. */
function allStates(def: Json, prefix = ''): [string, State][] {
  const out: [string, State][] = [];
  for (const [name, s] of Object.entries(def.States as Record<string, State>)) {
    out.push([`${prefix}${name}`, s]);
    for (const inner of ['ItemProcessor', 'Iterator'] as const) if (s[inner] !== undefined) out.push(...allStates(s[inner] as Json, `${prefix}${name}/`));
    if (Array.isArray(s.Branches)) for (const b of s.Branches as Json[]) out.push(...allStates(b, `${prefix}${name}/`));
  }
  return out;
}

test('one Standard state machine, logged and traced', () => {
  template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
  const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine')) as { Properties: Json }[];
  expect(machine!.Properties.StateMachineType).toBe('STANDARD');
  expect(machine!.Properties.TracingConfiguration).toEqual({ Enabled: true });
  expect(machine!.Properties.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: false });
});

/** What local ASL interpreters cannot run (stack-notes.md), found anywhere in a definition. */
function forbiddenFeatures(def: Json): string[] {
  const found: string[] = [];
  if (def.QueryLanguage !== undefined) found.push('QueryLanguage');
  for (const [name, s] of allStates(def)) {
    for (const field of ['QueryLanguage', 'Arguments', 'Output', 'Assign', 'ItemReader', 'ResultWriter', 'ItemBatcher', 'HeartbeatSeconds'])
      if (s[field] !== undefined) found.push(`${name}.${field}`);
    const processor = s.ItemProcessor as { ProcessorConfig?: { Mode?: string } } | undefined;
    if (processor !== undefined && (processor.ProcessorConfig?.Mode ?? 'INLINE') !== 'INLINE') found.push(`${name}.DISTRIBUTED`);
    if (typeof s.Resource === 'string' && /\.waitForTaskToken|\.sync/.test(s.Resource)) found.push(`${name}.Resource`);
  }
  if (/\{%/.test(JSON.stringify(def))) found.push('JSONata expression');
  return found;
}

test('classic JSONPath only: no JSONata, no variables, no Distributed Map, no task tokens or .sync', () => {
  expect(forbiddenFeatures(asl)).toEqual([]);
});

test('the check fires on each forbidden feature', () => {
  const bad: Json = {
    QueryLanguage: 'JSONata',
    StartAt: 'A',
    States: {
      A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Arguments: { x: '{% $states.input %}' }, Assign: { v: 1 }, Next: 'M' },
      M: { Type: 'Map', ItemReader: {}, ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' }, StartAt: 'B', States: { B: { Type: 'Pass', Output: {}, End: true } } }, End: true },
    },
  };
  expect(forbiddenFeatures(bad).sort()).toEqual(['A.Arguments', 'A.Assign', 'A.Resource', 'JSONata expression', 'M.DISTRIBUTED', 'M.ItemReader', 'M/B.Output', 'QueryLanguage'].sort());
});

test('every Task has Retry with backoff on transient errors and a Catch of everything', () => {
  const tasks = allStates(asl).filter(([, s]) => s.Type === 'Task');
  expect(tasks.map(([n]) => n.split('/').pop()).sort()).toEqual(Object.keys(PAYROLL_TASKS).sort());
  for (const [name, s] of tasks) {
    const retry = s.Retry as { ErrorEquals: string[]; BackoffRate: number; MaxAttempts: number; IntervalSeconds: number }[];
    expect({ name, retries: retry?.length ?? 0 }).toEqual({ name, retries: 1 });
    expect(retry[0]!.ErrorEquals).toEqual(expect.arrayContaining(['Lambda.ServiceException', 'Lambda.TooManyRequestsException', 'TransientTaskError', 'States.Timeout']));
    expect(retry[0]!.BackoffRate).toBeGreaterThan(1);
    expect(retry[0]!.MaxAttempts).toBeGreaterThanOrEqual(3);
    const catches = s.Catch as { ErrorEquals: string[]; Next: string }[];
    expect(catches.map((c) => c.ErrorEquals)).toEqual([['States.ALL']]);
  }
});

test('the run fails through FailRun, and the batches are an inline Map with bounded concurrency', () => {
  const states = asl.States as Record<string, State>;
  // The first state picks the job: an export of a released run, or (default) the month's computation.
  expect(asl.StartAt).toBe('Job');
  expect(states.Job).toMatchObject({
    Type: 'Choice',
    Default: 'Prepare',
    Choices: [
      { And: [{ Variable: '$.job', IsPresent: true }, { Variable: '$.job', StringEquals: 'export' }], Next: 'ExportFile' },
      { And: [{ Variable: '$.job', IsPresent: true }, { Variable: '$.job', StringEquals: 'archive' }], Next: 'ArchivePackage' },
    ],
  });
  for (const name of ['Prepare', 'ComputeBatches', 'Summarise']) expect((states[name]!.Catch as { Next: string }[])[0]!.Next).toBe('FailRun');
  expect(states.FailRun!.Next).toBe('RunFailed');
  expect(states.RunFailed!.Type).toBe('Fail');
  const map = states.ComputeBatches!;
  expect(map.Type).toBe('Map');
  expect(map.MaxConcurrency).toBeGreaterThan(0);
  expect(map.MaxConcurrency).toBeLessThanOrEqual(40);
  expect(map.ResultPath).toBeNull();
});

test('the export fails through ExportFailed (the job is FAILED, the released run is not touched), else ends ExportReady', () => {
  const states = asl.States as Record<string, State>;
  expect((states.ExportFile!.Catch as { Next: string }[])[0]!.Next).toBe('ExportFailed');
  expect(states.ExportFile!.Next).toBe('ExportReady');
  expect(states.ExportReady!.Type).toBe('Succeed');
  expect(states.ExportFailed!.Next).toBe('ExportJobFailed');
  expect(states.ExportJobFailed!.Type).toBe('Fail');
  for (const name of ['ExportFile', 'ExportFailed']) expect(JSON.stringify(states[name])).not.toContain('FailRun');
});

test('an archive package (job "archive"): ArchivePackage gets the job id only, ends ArchiveReady or ArchiveFailed, never touches a run', () => {
  const states = asl.States as Record<string, State>;
  expect((states.ArchivePackage!.Parameters as Json).Payload).toEqual({ 'jobId.$': '$.jobId' });
  expect(states.ArchivePackage!.Next).toBe('ArchiveReady');
  expect(states.ArchiveReady!.Type).toBe('Succeed');
  expect((states.ArchivePackage!.Catch as { Next: string }[])[0]!.Next).toBe('ArchiveFailed');
  expect(states.ArchiveFailed!.Type).toBe('Fail');
  expect(JSON.stringify(states.ArchivePackage)).not.toContain('FailRun');
  const wf = built.stateless.payrollWorkflow!;
  expect(wf.functions.get('ArchivePackage')!.tableAccess).toEqual({ participants: 'r', decisions: 'r', payrollRuns: 'rw', auditLog: 'rw' });
  // The archive routes start and describe executions, and sign links; they read no participant data themselves.
  const route = built.stateless.functions.get('report-archive')!;
  expect(route.tableAccess).toEqual({ payrollRuns: 'rw', auditLog: 'rw' });
  const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Json }>;
  const id = built.stateless.resolve((route.function.node.defaultChild as unknown as { logicalId: string }).logicalId) as string;
  const vars = (resources[id]!.Properties.Environment as { Variables: Json }).Variables;
  expect(vars.PAYROLL_STATE_MACHINE_ARN).toBeDefined();
  expect(vars.EXPORT_BUCKET).toBeDefined();
  expect(vars.INTROFLYT_ARCHIVE_FONT).toBeUndefined();
  const task = built.stateless.resolve((wf.functions.get('ArchivePackage')!.function.node.defaultChild as unknown as { logicalId: string }).logicalId) as string;
  const taskVars = (resources[task]!.Properties.Environment as { Variables: Json }).Variables;
  expect(taskVars.INTROFLYT_ARCHIVE_FONT).toBe('/var/task/fonts/DejaVuSans.ttf');
  expect(taskVars.EXPORT_BUCKET).toBeDefined();
});

test('payloads are ids only: the run id, batch numbers and an error name', () => {
  const payloads = allStates(asl)
    .filter(([, s]) => s.Type === 'Task')
    .map(([, s]) => (s.Parameters as Json).Payload ?? (s.Parameters as Json)['Payload.$']);
  expect(payloads).toEqual(
    expect.arrayContaining([{ 'runId.$': '$.runId' }, '$', { 'runId.$': '$.runId', 'error.$': '$.error.Error' }, { 'jobId.$': '$.jobId' }]),
  );
  const map = (asl.States as Record<string, State>).ComputeBatches!;
  expect(map.ItemSelector).toEqual({ 'runId.$': '$.runId', 'batch.$': '$$.Map.Item.Value' });
  expect((asl.States as Record<string, State>).Prepare!.ResultSelector).toEqual({ 'batches.$': '$.Payload.batches', 'participants.$': '$.Payload.participants' });
});

test('the start route may start and describe executions of this machine only; task functions get only their tables', () => {
  const wf = built.stateless.payrollWorkflow!;
  expect(wf).toBeDefined();
  const start = built.stateless.functions.get('payroll-run-start')!;
  const env = (template.toJSON().Resources as Record<string, { Properties: Json }>);
  const startFn = Object.values(env).find((r) => (r.Properties?.Environment as { Variables?: Json } | undefined)?.Variables?.PAYROLL_STATE_MACHINE_ARN !== undefined);
  expect(startFn).toBeDefined();
  expect(start.tableAccess).toEqual({ payrollRuns: 'rw' });
  expect(wf.functions.get('ComputeBatch')!.tableAccess).toEqual({ participants: 'r', attendance: 'r', decisions: 'rw', payrollRuns: 'rw' });
  expect(wf.functions.get('Summarise')!.tableAccess).toEqual({ payrollRuns: 'rw' });
});

test('the export: its job writes and reads exports/* of the exports bucket only; the release, export-start and link routes get what they use', () => {
  const wf = built.stateless.payrollWorkflow!;
  const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Json }>;
  const logicalIdOf = (fn: { node: { defaultChild?: unknown } }) => built.stateless.resolve((fn.node.defaultChild as { logicalId: string }).logicalId) as string;
  const statementsOf = (logicalId: string) => {
    const role = JSON.stringify((resources[logicalId]!.Properties.Role as Json)['Fn::GetAtt']);
    return Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(JSON.parse(role)[0]))
      .flatMap((r) => (r.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement);
  };
  const s3Of = (logicalId: string) => statementsOf(logicalId).filter((st) => [st.Action].flat().some((a) => a.startsWith('s3:')));
  const envOf = (logicalId: string) => (resources[logicalId]!.Properties.Environment as { Variables: Json }).Variables;

  const job = logicalIdOf(wf.functions.get('ExportFile')!.function);
  expect(wf.functions.get('ExportFile')!.tableAccess).toEqual({ participants: 'r', decisions: 'r', payrollRuns: 'rw', auditLog: 'rw' });
  expect(wf.functions.get('ExportFailed')!.tableAccess).toEqual({ payrollRuns: 'rw' });
  expect(s3Of(job).flatMap((st) => [st.Action].flat())).toEqual(expect.arrayContaining(['s3:PutObject', 's3:GetObject*']));
  for (const st of s3Of(job)) expect(JSON.stringify(st.Resource)).toContain('ExportsBucketArn');
  expect(JSON.stringify(envOf(job).EXPORT_BUCKET)).toContain('ExportsBucketArn');

  const link = logicalIdOf(built.stateless.functions.get('payroll-run-export-link')!.function);
  expect(s3Of(link).flatMap((st) => [st.Action].flat())).not.toContain('s3:PutObject');
  expect(JSON.stringify(s3Of(link).map((st) => st.Resource))).toContain('/exports/*');
  expect(envOf(link).EXPORT_BUCKET).toBeDefined();

  for (const fn of ['payroll-run-start', 'payroll-run-approve', 'payroll-run-export-start']) {
    const id = logicalIdOf(built.stateless.functions.get(fn)!.function);
    expect({ fn, arn: envOf(id).PAYROLL_STATE_MACHINE_ARN !== undefined }).toEqual({ fn, arn: true });
    expect({ fn, start: statementsOf(id).some((st) => [st.Action].flat().includes('states:StartExecution')) }).toEqual({ fn, start: true });
  }
  for (const fn of ['payroll-run-export', 'payroll-run-get', 'payroll-run-decisions']) {
    const id = logicalIdOf(built.stateless.functions.get(fn)!.function);
    expect({ fn, s3: s3Of(id).length, start: statementsOf(id).some((st) => [st.Action].flat().includes('states:StartExecution')) }).toEqual({ fn, s3: 0, start: false });
  }
});
