/**
 * CDK CLI entry (cdk.json "app"): `CDK_DISABLE_CLI_TELEMETRY=true npx cdk synth --quiet`.
 * Bundles every function with the local esbuild and fails on any unacknowledged
 * cdk-nag finding.
 */
import { createIntroflytApp } from './introflyt-app.js';

const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;

const { app } = createIntroflytApp({
  // The CLI chooses the output folder (--output); run directly, the app writes to cdk.out.
  outdir: process.env.CDK_OUTDIR ?? 'cdk.out',
  nag: true,
  ...(account && region ? { env: { account, region } } : {}),
});
app.synth();
