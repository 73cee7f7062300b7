/**
 * Builds the four pages (kiosk, participant, adviser, payroll) into web/dist
 * with one esbuild call: web/dist/<page>/index.html + app.js + app.css, and
 * web/dist/index.html linking them. `npm run build:web`; `npm start` and the
 * browser tests run it first.
 *
 * Build-time settings (environment variables), for the AWS deployment:
 *   INTROFLYT_API_BASE   the API's origin when it differs from the pages' (default: same origin)
 *   INTROFLYT_AUTH       'local' (the local OpenID Connect provider at /oidc, default) or 'cognito'
 *   For 'cognito' (the stack's outputs; docs/deploy.md):
 *   INTROFLYT_COGNITO_REGION            the pools' region, e.g. eu-north-1
 *   INTROFLYT_COGNITO_DOMAIN            the participant pool's domain, https://<prefix>.auth.<region>.amazoncognito.com
 *   INTROFLYT_COGNITO_CLIENT_ID         its page client
 *   INTROFLYT_COGNITO_IDP               its federated provider's name (default IdPorten)
 *   INTROFLYT_COGNITO_DEVICE_CLIENT_ID  the participant pool's device client (bound phones' custom sign-in)
 *   INTROFLYT_COGNITO_STAFF_DOMAIN      the staff pool's domain
 *   INTROFLYT_COGNITO_STAFF_CLIENT_ID   its page client
 *   INTROFLYT_COGNITO_STAFF_IDP         its federated provider's name (default StaffDirectory)
 */
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { PoolEndpoints } from './src/lib/oidc.js';
import { PAGES, type PageName } from './src/pages.js';

const WEB = dirname(fileURLToPath(import.meta.url));
export const DIST = join(WEB, 'dist');

function html(page: PageName, apiBase: string, signInOrigins: readonly string[]): string {
  const { title, description } = PAGES[page];
  // No inline script or style, so the CSP can forbid both (the CloudFront
  // response policy sends the same header on AWS).
  const connect = ["'self'", apiBase, ...signInOrigins].filter((o) => o !== '').join(' ');
  const csp = `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src ${connect}; base-uri 'none'; form-action 'self'; object-src 'none'`;
  return `<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="description" content="${description}">
<title>${title}</title>
<link rel="stylesheet" href="./app.css">
<script type="module" src="./app.js"></script>
</head>
<body class="page-${page}">
<div id="app"><main><p>Introflyt …</p></main></div>
<noscript>Introflyt needs JavaScript. / Introflyt trenger JavaScript.</noscript>
</body>
</html>
`;
}

function indexHtml(): string {
  const links = (Object.keys(PAGES) as PageName[]).map((p) => `<li><a href="./${p}/">${PAGES[p].title}</a></li>`).join('\n');
  return `<!doctype html>
<html lang="nb">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Introflyt</title>
<link rel="stylesheet" href="./kiosk/app.css"></head>
<body><main class="index"><h1>Introflyt</h1><ul>
${links}
</ul></main></body>
</html>
`;
}

/** The local provider (same origin, infra/local/oidc-provider.ts): one client for all pages. */
const LOCAL_POOL: PoolEndpoints = {
  kind: 'oidc',
  authorize: '/oidc/auth',
  token: '/oidc/token',
  revoke: '/oidc/token/revocation',
  logout: '/oidc/session/end',
  clientId: 'introflyt-local-client',
};

function cognitoPool(env: NodeJS.ProcessEnv, prefix: 'INTROFLYT_COGNITO' | 'INTROFLYT_COGNITO_STAFF', idpDefault: string): PoolEndpoints {
  const domain = (env[`${prefix}_DOMAIN`] ?? '').replace(/\/+$/, '');
  const clientId = env[`${prefix}_CLIENT_ID`] ?? '';
  const region = env.INTROFLYT_COGNITO_REGION ?? '';
  // The participant pool only: the device client of the activation path (a stack output, DeviceClientId).
  const deviceClientId = prefix === 'INTROFLYT_COGNITO' ? env.INTROFLYT_COGNITO_DEVICE_CLIENT_ID : undefined;
  if (deviceClientId !== undefined && !/^[a-z0-9]{1,128}$/.test(deviceClientId)) throw new Error('INTROFLYT_COGNITO_DEVICE_CLIENT_ID must be the device client id (a stack output)');
  if (!/^https:\/\/[A-Za-z0-9.-]+$/.test(domain)) throw new Error(`${prefix}_DOMAIN must be the pool domain's https origin, e.g. https://introflyt-5001.auth.eu-north-1.amazoncognito.com`);
  if (!/^[a-z0-9]{1,128}$/.test(clientId)) throw new Error(`${prefix}_CLIENT_ID must be the page client's id (a stack output)`);
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new Error('INTROFLYT_COGNITO_REGION must be an AWS region such as eu-north-1');
  return {
    kind: 'cognito',
    authorize: `${domain}/oauth2/authorize`,
    token: `${domain}/oauth2/token`,
    revoke: `${domain}/oauth2/revoke`,
    logout: `${domain}/logout`,
    clientId,
    identityProvider: env[`${prefix}_IDP`] ?? idpDefault,
    userPoolApi: `https://cognito-idp.${region}.amazonaws.com/`,
    ...(deviceClientId !== undefined ? { deviceClientId } : {}),
  };
}

export function authConfig(auth: 'local' | 'cognito', env: NodeJS.ProcessEnv): Record<'participant' | 'staff', PoolEndpoints> {
  if (auth === 'local') return { participant: LOCAL_POOL, staff: LOCAL_POOL };
  return { participant: cognitoPool(env, 'INTROFLYT_COGNITO', 'IdPorten'), staff: cognitoPool(env, 'INTROFLYT_COGNITO_STAFF', 'StaffDirectory') };
}

/** The origins the pages fetch from when signing in on AWS (the CSP's connect-src). */
function cognitoOrigins(c: Record<'participant' | 'staff', PoolEndpoints>): string[] {
  return [...new Set([c.participant, c.staff].flatMap((p) => [new URL(p.token).origin, ...(p.userPoolApi !== undefined ? [new URL(p.userPoolApi).origin] : [])]))];
}

export interface BuildResult {
  dist: string;
  bytes: Record<string, number>;
}

export async function buildWeb(options: { minify?: boolean } = {}): Promise<BuildResult> {
  const apiBase = (process.env.INTROFLYT_API_BASE ?? '').replace(/\/+$/, '');
  const auth = process.env.INTROFLYT_AUTH === 'cognito' ? 'cognito' : 'local';
  const signIn = authConfig(auth, process.env);
  if (apiBase !== '' && !/^https:\/\/[A-Za-z0-9.-]+(:\d+)?$/.test(apiBase)) throw new Error('INTROFLYT_API_BASE must be an https origin such as https://api.example.no');
  // Built next to web/dist and moved in file by file (rename is atomic on one file system), so a
  // server that is serving web/dist meanwhile (another test file, `npm start`) never reads half a file.
  mkdirSync(WEB, { recursive: true });
  const out = mkdtempSync(join(WEB, '.dist-'));
  try {
    const pages = Object.keys(PAGES) as PageName[];
    const result = await build({
      entryPoints: Object.fromEntries(pages.map((p) => [`${p}/app`, join(WEB, 'src', p, 'main.ts')])),
      outdir: out,
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: ['chrome110', 'firefox115', 'safari16'],
      minify: options.minify ?? true,
      sourcemap: false,
      legalComments: 'none',
      metafile: true,
      logLevel: 'warning',
      define: {
        __API_BASE__: JSON.stringify(apiBase),
        __AUTH_MODE__: JSON.stringify(auth),
        __AUTH__: JSON.stringify(signIn),
      },
    });
    for (const p of pages) {
      mkdirSync(join(out, p), { recursive: true });
      writeFileSync(join(out, p, 'index.html'), html(p, apiBase, auth === 'cognito' ? cognitoOrigins(signIn) : []));
    }
    writeFileSync(join(out, 'index.html'), indexHtml());
    const built = readdirSync(out, { recursive: true, encoding: 'utf8', withFileTypes: false }).filter((f) => /\.[a-z]+$/.test(f));
    for (const f of built) {
      mkdirSync(dirname(join(DIST, f)), { recursive: true });
      renameSync(join(out, f), join(DIST, f));
    }
    // Files of an earlier build that this one no longer makes.
    const keep = new Set(built);
    for (const f of readdirSync(DIST, { recursive: true, encoding: 'utf8' })) if (/\.[a-z]+$/.test(f) && !keep.has(f)) rmSync(join(DIST, f), { force: true });
    const bytes: Record<string, number> = {};
    for (const [file, o] of Object.entries(result.metafile.outputs)) bytes[relative(out, file).replace(/\\/g, '/')] = o.bytes;
    return { dist: DIST, bytes };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  buildWeb().then(
    (r) => {
      const list = Object.entries(r.bytes)
        .map(([f, b]) => `  ${f.padEnd(24)} ${(b / 1024).toFixed(1)} KiB`)
        .join('\n');
      process.stdout.write(`web: built ${r.dist} in ${Math.round(performance.now() - started)} ms\n${list}\n`);
    },
    (err: unknown) => {
      process.stderr.write(`web build failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
