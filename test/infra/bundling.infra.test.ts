/**
 * A real synthesis that bundles one function with the local esbuild (no
 * Docker, no network): the bundle is ESM with the createRequire banner, has a
 * source map, stays under 1 MB (quality.md P4) and imports in a fresh Node
 * process. The import time is printed, not asserted: it depends on the
 * handler's code and on a shared machine's load (the bench owns P4's timing).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Template } from 'aws-cdk-lib/assertions';
import { ESM_REQUIRE_BANNER } from '../../infra/constructs/introflyt-function.js';
import { PROJECT_ROOT } from '../../infra/project.js';
import { ROUTES } from '../../shared/contract/routes.js';
import { buildTestApp } from './infra-app.js';

const route = ROUTES[0]!;

test(`bundles ${route.fn} with esbuild into an ESM bundle under 1 MB that imports cleanly`, () => {
  const t = buildTestApp({ bundle: true, routes: [route] });
  // Inside the repository so the bundle's external @aws-sdk/* imports resolve from node_modules, as on Lambda's runtime.
  const importDir = join(PROJECT_ROOT, 'test', 'artifacts', `infra-bundle-${process.pid}`);
  try {
    const started = performance.now();
    const template = Template.fromStack(t.stateless);
    const bundleMs = performance.now() - started;

    const [fn] = Object.values(template.findResources('AWS::Lambda::Function')) as { Properties: { Code: { S3Key: string } } }[];
    const assetDir = join(t.outdir, `asset.${fn!.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
    const bundle = join(assetDir, 'index.mjs');
    expect(existsSync(bundle)).toBe(true);
    expect(existsSync(`${bundle}.map`)).toBe(true);

    const code = readFileSync(bundle, 'utf8');
    expect(code.startsWith(ESM_REQUIRE_BANNER)).toBe(true);
    expect(code).toMatch(/export\s*\{[^}]*\bas handler\b|export\s*\{\s*handler\b/);
    expect(code).toContain('//# sourceMappingURL=index.mjs.map');
    const bytes = statSync(bundle).size;
    expect(bytes).toBeLessThanOrEqual(1_000_000);

    mkdirSync(importDir, { recursive: true });
    cpSync(assetDir, importDir, { recursive: true });
    const probe = `const t = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(join(importDir, 'index.mjs')).href)}); if (typeof m.handler !== 'function') throw new Error('no handler export'); console.log((performance.now() - t).toFixed(1));`;
    const importMs = Number(
      execFileSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', probe], {
        cwd: importDir,
        env: { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-north-1' },
        encoding: 'utf8',
      }).trim(),
    );
    console.log(`${route.fn}: bundle ${(bytes / 1024).toFixed(1)} KiB, synth+bundle ${bundleMs.toFixed(0)} ms, fresh-process import ${importMs} ms`);
    expect(Number.isFinite(importMs)).toBe(true);
  } finally {
    rmSync(importDir, { recursive: true, force: true });
    t.cleanup();
  }
});
