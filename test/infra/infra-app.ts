/**
 * Builds the real Introflyt app (real ROUTES, real handler entries) for the
 * infra tests, in a temporary output folder the caller removes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIntroflytApp, type IntroflytApp, type IntroflytAppOptions } from '../../infra/introflyt-app.js';

export interface TestApp extends IntroflytApp {
  outdir: string;
  cleanup: () => void;
}

export function buildTestApp(options: Omit<IntroflytAppOptions, 'outdir'> = {}): TestApp {
  const outdir = mkdtempSync(join(tmpdir(), 'introflyt-infra-test-'));
  const built = createIntroflytApp({ bundle: false, nag: false, ...options, outdir });
  return { ...built, outdir, cleanup: () => rmSync(outdir, { recursive: true, force: true }) };
}
