/**
 * Where the CDK app finds the repository and its settings. cdk.json is the one
 * place for feature flags: the CLI passes them to `infra/app.ts`, and in-process
 * synthesis (tests, `synthesizeTemplates`) reads the same file, so every way of
 * synthesizing produces the same template.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

/** The handler module of a function named in shared/contract/routes.ts. */
export function handlerEntry(fn: string): string {
  return join(PROJECT_ROOT, 'functions', fn, 'handler.ts');
}

export function readCdkContext(): Record<string, unknown> {
  const file = join(PROJECT_ROOT, 'cdk.json');
  if (!existsSync(file)) throw new Error(`INFRA_NO_CDK_JSON: ${file} is missing`);
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || !('context' in parsed)) {
    throw new Error(`INFRA_BAD_CDK_JSON: ${file} has no "context" object`);
  }
  const context = parsed.context;
  if (typeof context !== 'object' || context === null || Array.isArray(context)) {
    throw new Error(`INFRA_BAD_CDK_JSON: "context" in ${file} must be an object`);
  }
  return { ...(context as Record<string, unknown>) };
}
