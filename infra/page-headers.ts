/**
 * The security headers every page gets, on AWS (CloudFront's response headers
 * policy, infra/constructs/static-site.ts) and locally (infra/local/http-server.ts):
 * one definition, so the local pages cannot be framed or leak a referrer
 * where the deployed ones cannot.
 *
 * `frame-ancestors` only works as a header (a `<meta>` CSP ignores it), and
 * X-Frame-Options covers browsers that predate it.
 */
export const SITE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; object-src 'none'; frame-ancestors 'none'";

export const PAGE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': SITE_CSP,
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
});
