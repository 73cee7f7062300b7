/** Set by web/build.ts (esbuild define). */
declare const __API_BASE__: string;
declare const __AUTH_MODE__: 'local' | 'cognito';
declare const __COGNITO_LOGIN_URL__: string;
/** The staff user pool's sign-in (MFA required): adviser and payroll pages. */
declare const __COGNITO_STAFF_LOGIN_URL__: string;
declare module '*.css';
