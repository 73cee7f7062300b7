/** The roles of the API: the Cognito groups a token carries (a kiosk's role comes from its client-credentials scope). */
export type Role = 'participant' | 'kiosk' | 'adviser' | 'payroll' | 'admin';
export const ROLES: readonly Role[] = ['participant', 'kiosk', 'adviser', 'payroll', 'admin'];
/** Staff sign in to their own user pool, which requires MFA (infra/constructs/user-directory.ts). */
export const STAFF_ROLES: readonly Role[] = ['adviser', 'payroll', 'admin'];
