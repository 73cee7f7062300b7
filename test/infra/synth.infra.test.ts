/**
 * infra/synth.ts: in-process synthesis for the local runtime. The stateful
 * template must hold everything DynamoDB CreateTable needs, and no temporary
 * output folder may be left behind.
 */
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { synthesizeStatefulTemplate, synthesizeTemplates } from '../../infra/synth.js';
import { ROUTES } from '../../shared/contract/routes.js';
import { TABLES } from '../../shared/contract/tables.js';
import { PAYROLL_TASKS } from '../../infra/constructs/payroll-workflow.js';

type Json = Record<string, unknown>;
const synthDirs = () => readdirSync(tmpdir()).filter((d) => d.startsWith('introflyt-synth-'));

test('returns both templates, with every table ready for CreateTable, and leaves no temp folder', () => {
  const before = synthDirs();
  const started = performance.now();
  const { stateful, stateless } = synthesizeTemplates();
  const ms = performance.now() - started;
  console.log(`synthesizeTemplates(): ${ms.toFixed(0)} ms`);
  expect(synthDirs()).toEqual(before);

  const resources = Object.values(stateful.Resources as Record<string, { Type: string; Properties: Json; Metadata?: Json }>);
  const tables = resources.filter((r) => r.Type === 'AWS::DynamoDB::Table');
  expect(tables).toHaveLength(TABLES.length);
  for (const def of TABLES) {
    const table = tables.find((t) => (t.Metadata?.Introflyt as Json | undefined)?.tableKey === def.key);
    expect(table).toBeDefined();
    const p = table!.Properties;
    expect(p.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    const declared = (p.AttributeDefinitions as { AttributeName: string }[]).map((a) => a.AttributeName);
    const used = [...(p.KeySchema as { AttributeName: string }[]), ...((p.GlobalSecondaryIndexes as { KeySchema: { AttributeName: string }[] }[] | undefined) ?? []).flatMap((g) => g.KeySchema)].map(
      (k) => k.AttributeName,
    );
    // CreateTable rejects attribute definitions that no key uses, and keys without a definition.
    expect([...new Set(used)].sort()).toEqual([...declared].sort());
    expect(((p.GlobalSecondaryIndexes as Json[] | undefined) ?? []).map((g) => g.IndexName)).toEqual(def.gsis);
    expect(p.BillingMode).toBe('PAY_PER_REQUEST');
    expect(p.TimeToLiveSpecification === undefined).toBe(!def.ttl);
  }

  const functions = Object.values(stateless.Resources as Record<string, { Type: string }>).filter((r) => r.Type === 'AWS::Lambda::Function');
  // The route functions, the payroll workflow's tasks, the kiosk authorizer, the audit sealer and checkpoint (infra/constructs/audit-trail.ts)
  // the scheduled retention run (infra/constructs/retention-schedule.ts) and the token step of both pools (functions/pre-token).
  expect(functions).toHaveLength(new Set(ROUTES.map((r) => r.fn)).size + Object.keys(PAYROLL_TASKS).length + 4 + 2);
});

test('two syntheses give the same templates', () => {
  expect(synthesizeTemplates()).toEqual(synthesizeTemplates());
});

test('the stateful template alone equals the one synthesized with both stacks', () => {
  const before = synthDirs();
  const started = performance.now();
  const alone = synthesizeStatefulTemplate();
  console.log(`synthesizeStatefulTemplate(): ${(performance.now() - started).toFixed(0)} ms`);
  expect(synthDirs()).toEqual(before);
  expect(alone).toEqual(synthesizeTemplates().stateful);
});
