/**
 * The local issuer's token endpoint, `POST /oauth2/token`, for the OAuth 2.0
 * client-credentials grant (RFC 6749 §4.4) as Cognito's token endpoint
 * serves it to kiosks on AWS (issue 8 item 3):
 *
 *   POST /oauth2/token
 *   Authorization: Basic base64(client_id ":" client_secret)
 *   Content-Type: application/x-www-form-urlencoded
 *
 *   grant_type=client_credentials&scope=introflyt/checkin
 *
 * → 200 `{ access_token, token_type: "Bearer", expires_in }`, no-store. The
 * client authenticates with HTTP Basic only (client_secret_basic); a secret
 * in the body is refused. Errors are RFC 6749 §5.2 bodies: 400
 * invalid_request / unsupported_grant_type / invalid_scope, 401
 * invalid_client (with WWW-Authenticate). Only an active registered device
 * with its right secret gets a token (infra/local/system.ts checks that).
 */

/** The scopes a client may have, or undefined when the pair is not an active client. */
export type ClientAuthenticator = (clientId: string, clientSecret: string) => Promise<readonly string[] | undefined>;

export interface TokenEndpoint {
  authenticate: ClientAuthenticator;
  issue: (clientId: string, scope: string, ttlSeconds: number) => Promise<string>;
  ttlSeconds: number;
}

export interface TokenRequestParts {
  method: string;
  contentType: string | undefined;
  authorization: string | undefined;
  body: Buffer;
}

export interface TokenReply {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

function failure(status: number, error: string, description: string, extra: Record<string, string> = {}): TokenReply {
  return { status, headers: { ...NO_STORE, ...extra }, body: { error, error_description: description } };
}

/** RFC 6749 §2.3.1: id and secret are form-encoded, then joined by ':' and base64-encoded. */
function basicCredentials(header: string | undefined): { clientId: string; clientSecret: string } | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (m === null) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  try {
    const formDecode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    return { clientId: formDecode(decoded.slice(0, colon)), clientSecret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

export async function clientCredentialsToken(req: TokenRequestParts, endpoint: TokenEndpoint): Promise<TokenReply> {
  if (req.method !== 'POST') return failure(405, 'invalid_request', 'Use POST', { allow: 'POST' });
  const mediaType = (req.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded') return failure(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded');
  const params = new URLSearchParams(req.body.toString('utf8'));
  const names = [...params.keys()];
  // §3.2: a parameter sent twice makes the request invalid.
  if (new Set(names).size !== names.length) return failure(400, 'invalid_request', 'A parameter is repeated');
  if (params.has('client_secret')) return failure(400, 'invalid_request', 'Authenticate the client with HTTP Basic, not in the body');
  const grantType = params.get('grant_type');
  if (grantType === null) return failure(400, 'invalid_request', 'grant_type is missing');
  if (grantType !== 'client_credentials') return failure(400, 'unsupported_grant_type', 'Only client_credentials is served here');

  const credentials = basicCredentials(req.authorization);
  const challenge = { 'www-authenticate': 'Basic realm="introflyt"' };
  if (credentials === undefined) return failure(401, 'invalid_client', 'Client authentication (HTTP Basic) is required', challenge);
  const bodyClient = params.get('client_id');
  if (bodyClient !== null && bodyClient !== credentials.clientId) return failure(400, 'invalid_request', 'client_id does not match the authenticated client');
  const allowed = await endpoint.authenticate(credentials.clientId, credentials.clientSecret);
  if (allowed === undefined) return failure(401, 'invalid_client', 'Unknown or inactive client, or a wrong secret', challenge);

  const requested = (params.get('scope') ?? '').split(' ').filter((s) => s.length > 0);
  if (requested.some((s) => !allowed.includes(s))) return failure(400, 'invalid_scope', 'A requested scope is not allowed for this client');
  const scope = (requested.length > 0 ? [...new Set(requested)] : [...allowed]).join(' ');
  const token = await endpoint.issue(credentials.clientId, scope, endpoint.ttlSeconds);
  return { status: 200, headers: NO_STORE, body: { access_token: token, token_type: 'Bearer', expires_in: endpoint.ttlSeconds } };
}
