/** Set by web/build.ts (esbuild define). */
declare const __API_BASE__: string;
declare const __AUTH_MODE__: 'local' | 'cognito';
/** Sign-in endpoints and client per pool (web/src/lib/oidc.ts PoolEndpoints). */
declare const __AUTH__: Record<
  'participant' | 'staff',
  { kind: 'oidc' | 'cognito'; authorize: string; token: string; revoke: string; logout: string; clientId: string; identityProvider?: string; userPoolApi?: string; deviceClientId?: string }
>;
declare module '*.css';
