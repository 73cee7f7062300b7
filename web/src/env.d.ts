/** Set by web/build.ts (esbuild define). */
declare const __API_BASE__: string;
declare const __AUTH_MODE__: 'local' | 'cognito';
declare const __COGNITO_LOGIN_URL__: string;
declare module '*.css';
