/**
 * The lint rules that keep the import direction (README "Layout") really
 * fire: nothing in shared/ imports infra/ or functions/, shared/contract
 * imports nothing, shared/domain imports only itself and the contract, and no
 * function folder imports another.
 */
import { ESLint } from 'eslint';
import { ROOT } from '../support/paths.js';

const eslint = new ESLint({ cwd: ROOT });

async function restricted(code: string, filePath: string): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}/${filePath}` });
  return result!.messages.some((m) => m.ruleId === 'no-restricted-imports');
}

const importing = (specifier: string) => `import * as m from '${specifier}';\nexport const x = m;\n`;

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
