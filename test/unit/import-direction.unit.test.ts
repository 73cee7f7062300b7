/**
 * The lint rules that keep the import direction (README "Layout") really
 * fire: nothing in shared/ imports infra/ or functions/, shared/contract
 * imports nothing but types of shared/domain (the response types), shared/domain imports only itself and the contract, and no
 * function folder imports another.
 */
import { ESLint } from 'eslint';
import { ROOT } from '../support/paths.js';

const eslint = new ESLint({ cwd: ROOT });

async function restricted(code: string, filePath: string): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}/${filePath}` });
  // shared/contract uses typescript-eslint's variant of the rule (it tells type-only imports apart).
  return result!.messages.some((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === '@typescript-eslint/no-restricted-imports');
}

const importing = (specifier: string) => `import * as m from '${specifier}';\nexport const x = m;\n`;
const importingType = (specifier: string) => `import type { Decision } from '${specifier}';\nexport type X = Decision;\n`;

test('shared/contract may import types of shared/domain, not values, and no adapter types', async () => {
  expect(await restricted(importingType('../domain/decision.js'), 'shared/contract/probe.ts')).toBe(false);
  expect(await restricted(importing('../domain/decision.js'), 'shared/contract/probe.ts')).toBe(true);
  expect(await restricted(importingType('../adapters/decisions-repo.js'), 'shared/contract/probe.ts')).toBe(true);
});

test.each([
  ['functions/me-decision-get/probe.ts', '../participant-get/read-participant.js'],
  ['functions/me-decision-get/probe.ts', '../../infra/project.js'],
  ['shared/http/probe.ts', '../../infra/project.js'],
  ['shared/features/decisions/probe.ts', '../../../functions/me-decision-get/handler.js'],
  ['shared/adapters/probe.ts', '../../cli/simulate.js'],
  ['shared/contract/probe.ts', '../config.js'],
  ['shared/contract/probe.ts', 'zod'],
  ['shared/domain/probe.ts', '../adapters/clock.js'],
  ['shared/domain/rules/probe.ts', '../../http/errors.js'],
  ['shared/domain/probe.ts', '../features/decisions/decision-view.js'],
  ['shared/domain/probe.ts', '../config.js'],
])('%s may not import %s', async (file, specifier) => {
  expect(await restricted(importing(specifier), file)).toBe(true);
});

test.each([
  ['functions/me-decision-get/probe.ts', './schema.js'],
  ['functions/me-decision-get/probe.ts', '../../shared/features/decisions/read-decision.js'],
  ['functions/me-decision-get/probe.ts', '../../shared/contract/routes.js'],
  ['shared/features/decisions/probe.ts', '../../adapters/deps.js'],
  ['shared/http/probe.ts', '../contract/routes.js'],
  ['shared/contract/probe.ts', './roles.js'],
  ['shared/domain/probe.ts', '../contract/roles.js'],
  ['shared/domain/rules/probe.ts', '../calendar.js'],
  ['infra/probe.ts', '../shared/contract/routes.js'],
  ['cli/probe.ts', '../infra/local/dynamo.js'],
])('%s may import %s', async (file, specifier) => {
  expect(await restricted(importing(specifier), file)).toBe(false);
});
