import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The golden cases live beside the repository (`../shared/spec/golden`), never
 * copied into it. A clone placed elsewhere finds them through
 * INTROFLYT_SPEC_DIR (the spec folder) or in the nearest ancestor folder that
 * has `shared/spec/golden`.
 */
function goldenDir(): string {
  const fromEnv = process.env.INTROFLYT_SPEC_DIR;
  if (fromEnv) return resolve(fromEnv, 'golden');
  for (let dir = dirname(ROOT); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'spec', 'golden');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return resolve(ROOT, '../shared/spec/golden');
  }
}

export const GOLDEN_DIR = goldenDir();
