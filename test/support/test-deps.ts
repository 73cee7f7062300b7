/**
 * A test's own dependency object (shared/adapters/deps.ts), built from a
 * configuration the test makes, never from process.env: `configFor` names the
 * tables and the DynamoDB Local endpoint, `testDeps` builds the object with
 * the parts the test fixes (a FixedClock, a staff directory, …) and lets the
 * test replace parts for a while (`swap({ audit: failing })`, `swap({})` puts
 * the built ones back). The test binds it to the handler it calls
 * (`handler.withDeps(deps)`) or gives it to its local system.
 */
import { createDeps, type Deps } from '../../shared/adapters/deps.js';
import { parseConfig, type Config } from '../../shared/config.js';
import type { TableKey } from '../../shared/contract/tables.js';
import { TABLES } from '../../shared/contract/tables.js';

/** The configuration of tables named `name(key)` in DynamoDB Local at `endpoint` (plus any other variable in `env`). */
export function configFor(endpoint: string, name: (key: TableKey) => string, env: Readonly<Record<string, string>> = {}): Config {
  return parseConfig({ AWS_REGION: 'eu-north-1', AWS_ENDPOINT_URL_DYNAMODB: endpoint, ...Object.fromEntries(TABLES.map((t) => [t.envVar, name(t.key)])), ...env });
}

export interface TestDeps extends Deps {
  /** Replaces these parts until the next swap; `swap({})` restores the built object's. */
  swap(parts: Partial<Deps>): void;
}

/** Wraps a built dependency object so that the test can replace parts of it for a while. */
export function swappable(base: Deps): TestDeps {
  let over: Partial<Deps> = {};
  const swap = (parts: Partial<Deps>): void => {
    over = { ...parts };
  };
  return new Proxy(base as TestDeps, {
    get: (target, key, receiver) => (key === 'swap' ? swap : Object.hasOwn(over, key) ? over[key as keyof Deps] : Reflect.get(target, key, receiver)),
  });
}

/** `createDeps(config, parts)`, swappable. */
export function testDeps(config: Config, parts: Partial<Deps> = {}): TestDeps {
  return swappable(createDeps(config, parts));
}
