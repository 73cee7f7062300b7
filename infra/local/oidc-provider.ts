/**
 * The local OpenID Connect provider (`oidc-provider`), mounted at `/oidc` on
 * the local server: it stands in for ID-porten (participants), the
 * municipality's directory (staff) and the Cognito user pools in front of
 * them, so the pages sign in locally exactly as on AWS: authorization code
 * with PKCE (S256), redirect back to the page, refresh tokens (rotated),
 * revocation and RP-initiated logout.
 *
 * Its sign-in page is the demo user picker (infra/local/oidc-pages.ts: in
 * Norwegian, one labelled list, no password: this is a demo that listens on
 * this machine only, see http-server.ts `checkDemoHost`). The picker shows
 * the users of the role the page asks for (`introflyt_role`).
 *
 * Tokens: the ID token is the one the pages send to the API, as the Cognito
 * ID token is on AWS. It is signed with the local issuer's key and issuer
 * (infra/local/auth.ts), audience the pages' client, and carries the claims
 * of the shared token step (shared/identity/token-step.ts) — the same code
 * the pre-token-generation trigger runs on AWS — from the demo user's
 * identity: a participant's national id (looked up in the participants'
 * national-id index, as ID-porten's `pid` is) or a staff user's directory
 * groups (mapped by the local group table, as `introflyt:staffGroups` maps
 * Entra ID groups). So a handler cannot tell which way a token came.
 *
 * Signed out everywhere: the logout page ends the provider session and, for
 * its account, every grant on every device (their refresh tokens die with
 * them), and tells the issuer, which then refuses the account's tokens issued
 * before that moment (LocalIssuer.signOutEverywhere). On AWS the same sign-out
 * is Cognito's GlobalSignOut plus /logout (web/src/lib/session.ts).
 *
 * State (sessions, codes, grants, refresh tokens) is in memory: a restart of
 * `npm start` signs everyone out.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider, { type Adapter, type AdapterPayload, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { claimsFor, tokenClaimNames, TokenStepRefusal, type StaffGroupRule, type TokenStepDeps } from '../../shared/identity/token-step.js';
import type { LocalIssuer } from './auth.js';
import { errorPage, logoutPage, loggedOutPage, pickerPage, type PickerUser } from './oidc-pages.js';

export const OIDC_MOUNT = '/oidc';
/** The pages' OAuth client (public, PKCE); also the audience the local API accepts (auth.ts LOCAL_AUDIENCE). */
export const PAGE_PATHS = ['/participant/', '/adviser/', '/payroll/'] as const;

/** Token lifetimes, as the CDK app clients set them (infra/constructs/user-directory.ts). */
export const ID_TOKEN_SECONDS = 15 * 60;
export const REFRESH_TOKEN_SECONDS = 12 * 60 * 60;

/** A person the local provider knows: a participant by national id (ID-porten) or staff by directory groups. */
export type LocalIdentity =
  | { sub: string; username: string; kind: 'participant'; nationalId: string }
  | { sub: string; username: string; kind: 'staff'; directoryGroups: readonly string[] };

export interface LocalOidcOptions {
  /** Origins the pages are served from, e.g. `http://127.0.0.1:3000` (redirect URIs are made from them). */
  origins: readonly string[];
  issuer: LocalIssuer;
  identities: () => readonly LocalIdentity[];
  /** The token step's lookups (same as the pre-token trigger's). */
  tokenStep: Omit<TokenStepDeps, 'staffGroups'> & { staffGroups: readonly StaffGroupRule[] };
  /** A staff user who signed in (the local staff directory learns them, as the staff pool does). */
  onStaffSignIn?: (user: { sub: string; municipality: string; groups: readonly string[] }) => void;
  /** The activation path's endpoints under /oidc/device/ (infra/local/device-sign-in.ts). */
  devices?: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;
}

export interface LocalOidc {
  /** Serves a request under `/oidc/`; false when the path is not the provider's. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  readonly clientId: string;
  /** Ends every grant of the account (all devices) and refuses its earlier tokens. */
  signOutEverywhere(sub: string): Promise<void>;
}

/**
 * oidc-provider's storage, in memory, with one thing its bundled memory adapter
 * lacks: a sweep of everything an account holds (sessions, grants and the
 * tokens of those grants), which "signed out everywhere" needs.
 */
class Store {
  readonly rows = new Map<string, { payload: AdapterPayload; expiresAt: number | undefined }>();
  adapter = (model: string): Adapter => {
    const key = (id: string) => `${model}:${id}`;
    const live = (id: string): AdapterPayload | undefined => {
      const row = this.rows.get(key(id));
      if (row === undefined) return undefined;
      if (row.expiresAt !== undefined && row.expiresAt <= Date.now()) {
        this.rows.delete(key(id));
        return undefined;
      }
      return row.payload;
    };
    return {
      upsert: async (id, payload, expiresIn) => {
        this.rows.set(key(id), { payload, expiresAt: expiresIn !== undefined && expiresIn > 0 ? Date.now() + expiresIn * 1000 : undefined });
      },
      find: async (id) => live(id),
      findByUserCode: async (userCode) => [...this.rows.entries()].find(([k, r]) => k.startsWith(`${model}:`) && r.payload.userCode === userCode)?.[1].payload,
      findByUid: async (uid) => [...this.rows.entries()].find(([k, r]) => k.startsWith(`${model}:`) && r.payload.uid === uid)?.[1].payload,
      consume: async (id) => {
        const p = live(id);
        if (p !== undefined) p.consumed = Math.floor(Date.now() / 1000);
      },
      destroy: async (id) => {
        this.rows.delete(key(id));
      },
      revokeByGrantId: async (grantId) => {
        for (const [k, r] of this.rows) if (k.startsWith(`${model}:`) && r.payload.grantId === grantId) this.rows.delete(k);
      },
    };
  };

  /** Removes the account's sessions and grants and every token of those grants. */
  sweepAccount(sub: string): void {
    const grants = new Set<string>();
    for (const [k, r] of this.rows) if (k.startsWith('Grant:') && r.payload.accountId === sub) grants.add(k.slice('Grant:'.length));
    for (const [k, r] of this.rows) {
      const grantId = r.payload.grantId;
      if ((typeof grantId === 'string' && grants.has(grantId)) || r.payload.accountId === sub) this.rows.delete(k);
    }
  }
}

function roleOf(identity: LocalIdentity, deps: LocalOidcOptions['tokenStep']): string[] {
  if (identity.kind === 'participant') return ['participant'];
  return [...new Set(deps.staffGroups.filter((r) => identity.directoryGroups.includes(r.group)).map((r) => r.role))];
}

export async function createLocalOidc(options: LocalOidcOptions): Promise<LocalOidc> {
  const { issuer } = options;
  const clientId = issuer.audience;
  const store = new Store();
  const byUsername = (username: string) => options.identities().find((i) => i.username === username);
  const bySub = (sub: string) => options.identities().find((i) => i.sub === sub);

  const redirectUris = options.origins.flatMap((o) => PAGE_PATHS.map((p) => `${o}${p}`));
  const configuration: Configuration = {
    adapter: store.adapter,
    clients: [
      {
        client_id: clientId,
        client_name: 'Introflyt',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: redirectUris,
        post_logout_redirect_uris: redirectUris,
        id_token_signed_response_alg: 'RS256',
      },
    ],
    jwks: { keys: [issuer.privateJwk()] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    scopes: ['openid', 'offline_access'],
    claims: { openid: ['sub', 'cognito:groups', 'cognito:username', 'custom:municipality', 'custom:participantId', 'token_use'] },
    // The ID token carries the claims (as Cognito's does), also when an access token is issued beside it.
    conformIdTokenClaims: false,
    extraParams: ['introflyt_role'],
    // The pages' fetches (token, revocation) come from the server's own origins only.
    clientBasedCORS: (_ctx, origin) => options.origins.includes(origin),
    features: {
      devInteractions: { enabled: false },
      // A client revokes only its own tokens.
      revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = logoutPage(form, ctx.oidc.session?.state?.secret as string | undefined);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.body = loggedOutPage();
        },
      },
    },
    // Cognito hands out a refresh token with every code exchange of a client allowed the grant; so does this.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    ttl: {
      AccessToken: ID_TOKEN_SECONDS,
      IdToken: ID_TOKEN_SECONDS,
      AuthorizationCode: 60,
      Interaction: 10 * 60,
      Session: REFRESH_TOKEN_SECONDS,
      Grant: REFRESH_TOKEN_SECONDS,
      RefreshToken: REFRESH_TOKEN_SECONDS,
    },
    interactions: { url: (_ctx, interaction) => `${OIDC_MOUNT}/interaction/${interaction.uid}` },
    // First-party client: the consent is the municipality's, never asked of the person.
    loadExistingGrant: async (ctx) => {
      const accountId = ctx.oidc.session?.accountId;
      const client = ctx.oidc.client;
      if (accountId === undefined || client === undefined) return undefined;
      const existing = ctx.oidc.session?.grantIdFor(client.clientId);
      if (existing !== undefined) {
        const grant = await ctx.oidc.provider.Grant.find(existing);
        if (grant !== undefined) return grant;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId });
      grant.addOIDCScope('openid offline_access');
      grant.addOIDCClaims(['sub', 'cognito:groups', 'cognito:username', 'custom:municipality', 'custom:participantId', 'token_use']);
      await grant.save();
      return grant;
    },
    findAccount: async (_ctx, sub) => {
      const identity = bySub(sub);
      if (identity === undefined) return undefined;
      return {
        accountId: sub,
        claims: async () => {
          const step = await claimsFor(identity.kind === 'participant' ? { kind: 'participant', nationalId: identity.nationalId } : { kind: 'staff', groups: identity.directoryGroups }, options.tokenStep);
          if (identity.kind === 'staff') options.onStaffSignIn?.({ sub, municipality: step.municipality, groups: step.groups });
          return { sub, token_use: 'id', 'cognito:username': identity.username, ...tokenClaimNames(step) };
        },
      };
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(typeof out.error_description === 'string' ? out.error_description : String(out.error ?? 'error'));
    },
  };
  const provider = new Provider(issuer.issuer, configuration);
  // Behind the local server on plain http (this machine only); cookies are not `secure` then.
  provider.proxy = false;

  const signOutEverywhere = async (sub: string): Promise<void> => {
    store.sweepAccount(sub);
    issuer.signOutEverywhere(sub);
  };
  provider.on('end_session.success', (ctx: KoaContextWithOIDC) => {
    const sub = ctx.oidc.session?.accountId;
    if (typeof sub === 'string') void signOutEverywhere(sub);
  });
  const callback = provider.callback();

  async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > 4096) throw new Error('too large');
      chunks.push(c as Buffer);
    }
    return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  }

  function html(res: ServerResponse, status: number, body: string): void {
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      // The picker has no script; its one style sheet is inline text.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    });
    res.end(body);
  }

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> {
    let details;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      html(res, 400, errorPage('Innloggingen er utløpt eller ukjent. Gå tilbake til siden og logg inn på nytt.'));
      return;
    }
    if (details.uid !== uid) {
      html(res, 400, errorPage('Innloggingen passer ikke til denne siden. Gå tilbake og logg inn på nytt.'));
      return;
    }
    const role = typeof details.params.introflyt_role === 'string' ? details.params.introflyt_role : undefined;
    const users: PickerUser[] = options
      .identities()
      .filter((i) => role === undefined || roleOf(i, options.tokenStep).includes(role))
      .map((i) => ({ username: i.username, roles: roleOf(i, options.tokenStep) }));
    if (req.method === 'GET') {
      html(res, 200, pickerPage({ action: `${OIDC_MOUNT}/interaction/${uid}`, users, role }));
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'GET, POST' }).end();
      return;
    }
    let form: URLSearchParams;
    try {
      form = await readForm(req);
    } catch {
      html(res, 413, errorPage('For stor forespørsel.'));
      return;
    }
    const chosen = byUsername(form.get('username') ?? '');
    if (chosen === undefined || !users.some((u) => u.username === chosen.username)) {
      html(res, 400, pickerPage({ action: `${OIDC_MOUNT}/interaction/${uid}`, users, role, error: 'Velg en av demobrukerne i listen.' }));
      return;
    }
    // The token step runs now as well, so a refused identity is told here rather than by a failed page.
    try {
      await claimsFor(chosen.kind === 'participant' ? { kind: 'participant', nationalId: chosen.nationalId } : { kind: 'staff', groups: chosen.directoryGroups }, options.tokenStep);
    } catch (err) {
      if (!(err instanceof TokenStepRefusal)) throw err;
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: err.code }, { mergeWithLastSubmission: false });
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: chosen.sub } }, { mergeWithLastSubmission: false });
  }

  return {
    clientId,
    signOutEverywhere,
    handle: async (req, res) => {
      const url = req.url ?? '/';
      if (url !== OIDC_MOUNT && !url.startsWith(`${OIDC_MOUNT}/`) && !url.startsWith(`${OIDC_MOUNT}?`)) return false;
      const path = url.split('?')[0]!;
      const m = /^\/oidc\/interaction\/([A-Za-z0-9_-]{1,64})$/.exec(path);
      if (m !== null) {
        await interaction(req, res, m[1]!);
        return true;
      }
      if (options.devices !== undefined && (await options.devices(req, res, path))) return true;
      // oidc-provider finds its mount path from `originalUrl` minus `url`.
      (req as IncomingMessage & { originalUrl?: string }).originalUrl = url;
      req.url = url.slice(OIDC_MOUNT.length) || '/';
      await new Promise<void>((done) => {
        res.once('finish', done);
        res.once('close', done);
        void callback(req, res);
      });
      return true;
    },
  };
}
