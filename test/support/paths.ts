import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The golden cases live beside the repository, never copied into it. */
export const GOLDEN_DIR = resolve(ROOT, '../shared/spec/golden');
