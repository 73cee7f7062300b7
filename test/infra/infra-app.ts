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

/**
 * A municipality's sign-in values (CDK context `introflyt:signIn`) as docs/deploy.md has
 * them filled in: the tests synthesize what a deployment would, not cdk.json's example.
 */
export const TEST_SIGN_IN = {
  siteUrl: 'https://introflyt.test-kommune.no',
  municipalities: ['5001'],
  idPorten: { issuer: 'https://test.idporten.no', clientId: 'a1b2c3d4-idporten-client', clientSecretName: 'introflyt/idporten-client-secret' },
  staffDirectory: {
    issuer: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0',
    clientId: '66666666-7777-8888-9999-000000000000',
    clientSecretName: 'introflyt/entra-client-secret',
    mfaClaim: 'amr',
    mfaValues: ['mfa'],
  },
  staffGroups: [
    { group: 'aaaaaaaa-0000-0000-0000-000000000001', role: 'adviser', municipality: '5001' },
    { group: 'aaaaaaaa-0000-0000-0000-000000000002', role: 'payroll', municipality: '5001' },
    { group: 'aaaaaaaa-0000-0000-0000-000000000003', role: 'admin', municipality: '5001' },
  ],
};

export function buildTestApp(options: Omit<IntroflytAppOptions, 'outdir'> = {}): TestApp {
  const outdir = mkdtempSync(join(tmpdir(), 'introflyt-infra-test-'));
  const built = createIntroflytApp({ bundle: false, nag: false, ...options, context: { 'introflyt:signIn': TEST_SIGN_IN, ...options.context }, outdir });
  return { ...built, outdir, cleanup: () => rmSync(outdir, { recursive: true, force: true }) };
}
