/**
 * In-process synthesis for the local runtime and tools: no CLI, no network, a
 * temporary output folder that is always removed. The local runtime creates
 * its DynamoDB tables from the stateful template (KeySchema,
 * AttributeDefinitions, GlobalSecondaryIndexes, TimeToLiveSpecification; each
 * table resource carries Metadata.Introflyt = { tableKey, envVar }) rather
 * than from infra/tables.ts, so there is one definition of each table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIntroflytApp } from './introflyt-app.js';

export interface SynthesizedTemplates {
  stateful: Record<string, unknown>;
  stateless: Record<string, unknown>;
}

/**
 * @param opts.bundle build the function bundles with esbuild (slow); off by
 *   default, which leaves placeholder assets but the same resources.
 */
export function synthesizeTemplates(opts: { bundle?: boolean } = {}): SynthesizedTemplates {
  const outdir = mkdtempSync(join(tmpdir(), 'introflyt-synth-'));
  try {
    // The same templates `cdk synth` and the infra tests check (cdk-nag, CloudFormation
    // validation); skipping those checks here keeps local start-up fast.
    const { app, stateful, stateless } = createIntroflytApp({ outdir, bundle: opts.bundle ?? false, nag: false, cfnValidation: false });
    const assembly = app.synth();
    return {
      stateful: assembly.getStackByName(stateful.stackName).template as Record<string, unknown>,
      stateless: assembly.getStackByName(stateless.stackName).template as Record<string, unknown>,
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
