/**
 * Who may call the API: one Cognito user pool whose groups are the roles of
 * infra/routes.ts, and one app client whose tokens the HTTP API's JWT
 * authorizer accepts. Ownership claims (`custom:municipality`,
 * `custom:participantId`, `custom:deviceId`) are set by admins when the user or
 * device is created and can never be changed by the user: they decide whose
 * data a token may touch.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { Role } from '../routes.js';

/** Token claims handlers rely on; the local runtime issues the same names. */
export const CUSTOM_ATTRIBUTES = ['municipality', 'participantId', 'deviceId'] as const;
export type CustomAttribute = (typeof CUSTOM_ATTRIBUTES)[number];

export interface UserDirectoryProps {
  roles: readonly Role[];
  /** Lifetime of access and id tokens. */
  tokenValidity?: Duration;
  /** How long a signed-in session lasts without a new password prompt. */
  refreshTokenValidity?: Duration;
}

export class UserDirectory extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** The `iss` claim of this pool's tokens. */
  readonly issuerUrl: string;

  constructor(scope: Construct, id: string, props: UserDirectoryProps) {
    super(scope, id);
    const tokenValidity = props.tokenValidity ?? Duration.hours(1);

    this.userPool = new UserPool(this, 'UserPool', {
      // Accounts are created by advisers (participants) and admins (staff, kiosks).
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      signInCaseSensitive: false,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Pool-wide MFA cannot be required: kiosk devices and many participants have
      // no second factor (see the COG2 suppression in infra/nag.ts). Staff enrol TOTP.
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      // Plus tier: compromised-credential checks and adaptive blocking of risky sign-ins.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      // Participants often have no e-mail or phone; resets go through their adviser.
      accountRecovery: AccountRecovery.NONE,
      customAttributes: {
        municipality: new StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
        participantId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
        deviceId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
      },
      // Users and their group memberships are not re-creatable from code.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const role of props.roles) {
      this.userPool.addGroup(`Group-${role}`, { groupName: role, description: `Introflyt role ${role}` });
    }

    this.client = this.userPool.addClient('WebClient', {
      generateSecret: false,
      // Sign-in from the web pages and kiosks with SRP only: no plain-password flow.
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: tokenValidity,
      idTokenValidity: tokenValidity,
      refreshTokenValidity: props.refreshTokenValidity ?? Duration.hours(12),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ preferredUsername: true, locale: true })
        .withCustomAttributes(...CUSTOM_ATTRIBUTES),
      // Users may set their language, never an ownership claim.
      writeAttributes: new ClientAttributes().withStandardAttributes({ locale: true }),
    });

    const stack = Stack.of(this);
    this.issuerUrl = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
  }
}
