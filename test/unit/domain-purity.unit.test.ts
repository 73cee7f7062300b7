/**
 * The lint rule that keeps shared/domain pure (quality.md style 2) really
 * fires: AWS SDK imports, process.env, the clock and randomness are errors in
 * shared/domain and allowed elsewhere.
 */
import { ESLint } from 'eslint';
import { ROOT } from '../support/paths.js';

const eslint = new ESLint({ cwd: ROOT });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}/${filePath}` });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

test.each([
  ["import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const c = DynamoDBClient;\n", 'no-restricted-imports'],
  ['export const t = Date.now();\n', 'no-restricted-properties'],
  ['export const t = new Date();\n', 'no-restricted-syntax'],
  ['export const r = Math.random();\n', 'no-restricted-properties'],
  ['export const e = process.env.TABLE;\n', 'no-restricted-globals'],
  ["import { randomUUID } from 'node:crypto';\nexport const id = randomUUID();\n", 'no-restricted-imports'],
])('shared/domain rejects %j', async (code, rule) => {
  expect(await ruleIds(code, 'shared/domain/purity-probe.ts')).toContain(rule);
  expect(await ruleIds(code, 'shared/adapters/purity-probe.ts')).not.toContain(rule);
});

test('hashing and dates built from values are allowed in shared/domain', async () => {
  const code = "import { createHash } from 'node:crypto';\nexport const h = createHash('sha256');\nexport const d = new Date(Date.UTC(2026, 0, 1));\n";
  expect(await ruleIds(code, 'shared/domain/purity-probe.ts')).toEqual([]);
});
