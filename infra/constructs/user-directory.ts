/**
 * Who may call the API: one Cognito user pool whose groups are the people's
 * roles of infra/routes.ts, and one app client whose tokens the HTTP API's JWT
 * authorizer accepts. Ownership claims (`custom:municipality`,
 * `custom:participantId`) are set by admins when the user is created and can
 * never be changed by the user: they decide whose data a token may touch.
 *
 * Kiosks are not users (issue 8 item 3): each is an app client of its own,
 * made by POST /devices (shared/adapters/device-clients.ts), that gets
 * short-lived access tokens with the client-credentials grant and the one
 * scope of the `introflyt` resource server, `introflyt/checkin`, at the
 * pool's domain (`/oauth2/token`). The kiosk authorizer checks them
 * (infra/constructs/http-api.ts). `custom:deviceId` stays in the schema
 * (custom attributes cannot be removed) but no token is trusted for it.
 */
import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  ResourceServerScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
  type UserPoolResourceServer,
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
  /**
   * The pool's Cognito domain prefix (its token endpoint); unique per region.
   * @default `introflyt-<account id>`
   */
  domainPrefix?: string;
}

/** The resource server and scope kiosks' tokens carry. */
export const RESOURCE_SERVER = 'introflyt';
export const CHECKIN_SCOPE = 'checkin';
export const DEVICE_SCOPE = `${RESOURCE_SERVER}/${CHECKIN_SCOPE}`;

export class UserDirectory extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** The `iss` claim of this pool's tokens. */
  readonly issuerUrl: string;
  /** Scopes for machine clients: `introflyt/checkin` for kiosks. */
  readonly resourceServer: UserPoolResourceServer;
  /** The Cognito domain: its `/oauth2/token` is the kiosks' token endpoint. */
  readonly domain: UserPoolDomain;

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

    this.resourceServer = this.userPool.addResourceServer('Api', {
      identifier: RESOURCE_SERVER,
      userPoolResourceServerName: 'Introflyt API',
      scopes: [new ResourceServerScope({ scopeName: CHECKIN_SCOPE, scopeDescription: 'A kiosk identifies participants and records their check-ins and check-outs' })],
    });
    this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.domainPrefix ?? `introflyt-${Aws.ACCOUNT_ID}` } });

    const stack = Stack.of(this);
    this.issuerUrl = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
  }
}
