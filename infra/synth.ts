/**
 * In-process synthesis for the local runtime and tools: no CLI, no network, a
 * temporary output folder that is always removed. The local runtime creates
 * its DynamoDB tables from the stateful template (KeySchema,
 * AttributeDefinitions, GlobalSecondaryIndexes, TimeToLiveSpecification; each
 * table resource carries Metadata.Introflyt = { tableKey, envVar }) rather
 * than from shared/contract/tables.ts, so there is one definition of each table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addStatefulStack, createIntroflytApp, newCdkApp } from './introflyt-app.js';

export interface SynthesizedTemplates {
  stateful: Record<string, unknown>;
  stateless: Record<string, unknown>;
}

function inTempDir<T>(fn: (outdir: string) => T): T {
  const outdir = mkdtempSync(join(tmpdir(), 'introflyt-synth-'));
  try {
    return fn(outdir);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Both templates. Needs every handler module of shared/contract/routes.ts to exist.
 * @param opts.bundle build the function bundles with esbuild (slow); off by
 *   default, which leaves placeholder assets but the same resources.
 */
export function synthesizeTemplates(opts: { bundle?: boolean } = {}): SynthesizedTemplates {
  return inTempDir((outdir) => {
    // The same templates `cdk synth` and the infra tests check (cdk-nag, CloudFormation
    // validation); skipping those checks here keeps local start-up fast.
    const { app, stateful, stateless } = createIntroflytApp({ outdir, bundle: opts.bundle ?? false, nag: false, cfnValidation: false });
    const assembly = app.synth();
    return {
      stateful: assembly.getStackByName(stateful.stackName).template as Record<string, unknown>,
      stateless: assembly.getStackByName(stateless.stackName).template as Record<string, unknown>,
    };
  });
}

/**
 * The stateful template alone (the same stack, name and context as above),
 * for creating tables: it needs no handler module, so it works while
 * functions/ is incomplete, and takes about half the time.
 */
export function synthesizeStatefulTemplate(): Record<string, unknown> {
  return inTempDir((outdir) => {
    const app = newCdkApp({ outdir, bundle: false, cfnValidation: false });
    const stateful = addStatefulStack(app);
    return app.synth().getStackByName(stateful.stackName).template as Record<string, unknown>;
  });
}
