/**
 * Who may call the API: two Cognito user pools whose groups are the roles of
 * shared/contract/routes.ts, each with one app client whose tokens the HTTP API's
 * authorizers accept. Ownership claims (`custom:municipality`,
 * `custom:participantId`) are set by admins when the user is created and can
 * never be changed by the user: they decide whose data a token may touch.
 *
 * MFA (issue 8 item 11): staff must use it, participants and kiosks not.
 * Cognito requires MFA per pool, not per group, and an optional pool lets a
 * staff user sign in without a second factor, so staff have their own pool:
 *
 * - `staffPool` (adviser, payroll, admin): MFA REQUIRED, TOTP only (no SMS:
 *   SIM swapping, and no phone number is kept), no remembered devices, so
 *   every sign-in asks for the code and a user who has none set up yet is made
 *   to set one up before any token is issued. The HTTP API accepts this
 *   pool's tokens on staff routes only (infra/constructs/http-api.ts).
 * - `userPool` (participants): MFA optional. Participants will sign in
 *   through ID-porten (its own strong authentication, before Cognito sees
 *   them). Staff groups do not exist here, so no user of this pool can hold a
 *   staff role, and its tokens are refused on staff routes.
 *
 * Kiosks are not users (issue 8 item 3): each is an app client of its own in
 * `userPool`, made by POST /devices (shared/adapters/device-clients.ts), that
 * gets short-lived access tokens with the client-credentials grant and the one
 * scope of the `introflyt` resource server, `introflyt/checkin`, at the pool's
 * domain (`/oauth2/token`); no user, no second factor. The kiosk authorizer
 * checks them (infra/constructs/http-api.ts). `custom:deviceId` stays in the
 * schema (custom attributes cannot be removed) but no token is trusted for it.
 *
 * Sign-in (issue 13): nobody has a password in either pool. Each pool
 * federates one OpenID Connect identity provider, and its page client allows
 * only that provider, the authorization-code grant (the pages use PKCE) and
 * refresh tokens, no SRP or password flow:
 *
 * - participants: ID-porten (`IdPorten`); its `pid` (national id) is mapped
 *   to `custom:nationalId`, which the pre-token step looks up in the
 *   participants' national-id index (first sign-in finds the file the adviser
 *   registered) and suppresses from every token;
 * - staff: the municipality's directory (`StaffDirectory`, Entra ID over
 *   OIDC); its `groups` and `amr` claims are mapped to `custom:idpGroups` and
 *   `custom:amr`, from which the pre-token step derives roles and municipality
 *   (the group table in `introflyt:signIn`) and requires a second factor.
 *   Cognito's MFA (required, TOTP, above) does not apply to federated
 *   sign-ins: the directory's conditional access gives the second factor.
 *
 * Participants without ID-porten yet (the activation code, docs/deploy.md):
 * a bound phone is a user of the participant pool made by the redemption
 * route (user name = binding id, immutable `custom:deviceBinding`, no
 * password), signing in through `deviceClient`, which allows only Cognito's
 * custom authentication (and refresh); the pool's token-step function answers
 * its define, create and verify triggers (`addPreTokenTriggers`).
 *
 * Every municipality-supplied value (issuers, client ids, secret names, group
 * ids, the pages' URL) comes from the CDK context `introflyt:signIn`
 * (infra/sign-in-context.ts). The pre-token functions are attached by the
 * stateless stack (`addPreTokenTriggers`).
 *
 * Locally (`npm start`) an OpenID Connect provider (infra/local/oidc-provider.ts)
 * stands in for both pools and both identity providers, with the same token step.
 */
import { Aws, Duration, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  OAuthScope,
  OidcAttributeRequestMethod,
  ProviderAttribute,
  UserPoolClientIdentityProvider,
  UserPoolIdentityProviderOidc,
  UserPoolOperation,
  ResourceServerScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
  type UserPoolResourceServer,
  type UserPoolProps,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { Role } from '../../shared/contract/roles.js';
import { STAFF_ROLES } from '../../shared/contract/roles.js';
import type { SignInContext } from '../sign-in-context.js';

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
  /** The municipality's sign-in values (CDK context `introflyt:signIn`). */
  signIn: SignInContext;
}

/** The federated providers' names in the pools (the pages pass them as `identity_provider`). */
export const PARTICIPANT_IDP = 'IdPorten';
export const STAFF_IDP = 'StaffDirectory';
/** The pages the clients redirect back to (web/src/lib/session.ts uses the page's own URL). */
export const PARTICIPANT_PAGES = ['/participant/'] as const;
export const STAFF_PAGES = ['/adviser/', '/payroll/'] as const;

/** The resource server and scope kiosks' tokens carry. */
export const RESOURCE_SERVER = 'introflyt';
export const CHECKIN_SCOPE = 'checkin';
export const DEVICE_SCOPE = `${RESOURCE_SERVER}/${CHECKIN_SCOPE}`;
const PASSWORD_POLICY = {
  minLength: 12,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  requireSymbols: true,
  tempPasswordValidity: Duration.days(3),
};

/**
 * What both pools share: accounts made by advisers (participants) and admins (staff, kiosks), strong
 * passwords, Plus tier threat protection, the same immutable ownership attributes (so both pools'
 * tokens carry the claims shared/http/auth.ts reads), and retention.
 */
function commonPoolProps(): UserPoolProps {
  return {
    selfSignUpEnabled: false,
    signInAliases: { username: true },
    signInCaseSensitive: false,
    passwordPolicy: PASSWORD_POLICY,
    // Plus tier: compromised-credential checks and adaptive blocking of risky sign-ins.
    featurePlan: FeaturePlan.PLUS,
    standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
    // Many participants have no e-mail or phone, and a staff member's lost authenticator is a matter
    // for an admin who checks who is asking: resets go through a person.
    accountRecovery: AccountRecovery.NONE,
    customAttributes: {
      municipality: new StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
      participantId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
      deviceId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
    },
    // Users and their group memberships are not re-creatable from code.
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  };
}

export class UserDirectory extends Construct {
  /** Participants and kiosk devices (MFA optional). */
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** The `iss` claim of this pool's tokens. */
  readonly issuerUrl: string;
  /** Scopes for machine clients: `introflyt/checkin` for kiosks. */
  readonly resourceServer: UserPoolResourceServer;
  /** The Cognito domain: its `/oauth2/token` is the kiosks' token endpoint. */
  readonly domain: UserPoolDomain;
  /** Advisers, payroll staff and admins (MFA required, TOTP). */
  readonly staffPool: UserPool;
  readonly staffClient: UserPoolClient;
  readonly staffIssuerUrl: string;
  readonly staffDomain: UserPoolDomain;
  /**
   * Bound phones of participants without ID-porten yet (the activation path, docs/deploy.md): Cognito's
   * custom authentication only (the phone signs a challenge with its key; functions/pre-token/device-auth.ts),
   * no password, SRP or OAuth flow.
   */
  readonly deviceClient: UserPoolClient;
  /** The federated identity providers: ID-porten (participants) and the municipality's directory (staff). */
  readonly idPorten: UserPoolIdentityProviderOidc;
  readonly staffDirectory: UserPoolIdentityProviderOidc;

  constructor(scope: Construct, id: string, props: UserDirectoryProps) {
    super(scope, id);
    const tokenValidity = props.tokenValidity ?? Duration.hours(1);
    const staffRoles = props.roles.filter((r) => STAFF_ROLES.includes(r));
    const otherRoles = props.roles.filter((r) => !STAFF_ROLES.includes(r));

    const common = commonPoolProps();
    this.userPool = new UserPool(this, 'UserPool', {
      ...common,
      // ID-porten's `pid`, written by Cognito at every federated sign-in (so mutable); read only by the pre-token step.
      // A bound phone's binding id, set once by the redemption route (AdminCreateUser), never by a client.
      customAttributes: {
        ...common.customAttributes,
        nationalId: new StringAttribute({ minLen: 11, maxLen: 11, mutable: true }),
        deviceBinding: new StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
      },
      // Not required here: participants (ID-porten later) and kiosks (client credentials) have no
      // second factor in this pool (see the COG2 acknowledgement in infra/nag.ts). Staff: staffPool.
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
    });

    for (const role of otherRoles) {
      this.userPool.addGroup(`Group-${role}`, { groupName: role, description: `Introflyt role ${role}` });
    }

    const signIn = props.signIn;
    // Federated only: no SRP, password or custom flow (authFlows all off leaves refresh tokens only), the code grant.
    const clientOptions = (pages: readonly string[], idp: UserPoolIdentityProviderOidc) => ({
      generateSecret: false,
      authFlows: { userSrp: false, userPassword: false, adminUserPassword: false, custom: false },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID],
        callbackUrls: pages.map((p) => `${signIn.siteUrl}${p}`),
        logoutUrls: pages.map((p) => `${signIn.siteUrl}${p}`),
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.custom(idp.providerName)],
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
    /**
     * One federated OpenID Connect provider of a pool, with the values the municipality supplied.
     * The client secret is a Secrets Manager dynamic reference, resolved by CloudFormation at deploy
     * time: it never appears in the template (docs/deploy.md puts it there).
     */
    const federate = (pool: UserPool, name: string, provider: SignInContext['idPorten'], custom: Record<string, string>, fullname?: string) =>
      new UserPoolIdentityProviderOidc(this, name, {
        userPool: pool,
        name,
        issuerUrl: provider.issuer,
        clientId: provider.clientId,
        clientSecret: SecretValue.secretsManager(provider.clientSecretName).unsafeUnwrap(),
        scopes: ['openid', 'profile'],
        attributeRequestMethod: OidcAttributeRequestMethod.GET,
        attributeMapping: {
          custom: Object.fromEntries(Object.entries(custom).map(([attr, claim]) => [attr, ProviderAttribute.other(claim)])),
          ...(fullname === undefined ? {} : { fullname: ProviderAttribute.other(fullname) }),
        },
      });
    this.idPorten = federate(this.userPool, PARTICIPANT_IDP, signIn.idPorten, { 'custom:nationalId': 'pid' });
    this.client = this.userPool.addClient('WebClient', clientOptions(PARTICIPANT_PAGES, this.idPorten));
    this.client.node.addDependency(this.idPorten);
    // The bound phones' client: custom authentication only (CDK adds refresh, which the pre-token step
    // checks against the binding again), no OAuth, no hosted UI, no secret (a phone keeps none).
    this.deviceClient = this.userPool.addClient('DeviceClient', {
      generateSecret: false,
      authFlows: { custom: true, userSrp: false, userPassword: false, adminUserPassword: false },
      disableOAuth: true,
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      // As short as Cognito allows: a challenge answered in 3 minutes or never.
      authSessionValidity: Duration.minutes(3),
      accessTokenValidity: Duration.minutes(15),
      idTokenValidity: Duration.minutes(15),
      refreshTokenValidity: Duration.hours(1),
      readAttributes: new ClientAttributes().withStandardAttributes({ locale: true }).withCustomAttributes(...CUSTOM_ATTRIBUTES, 'deviceBinding'),
      // Never an ownership attribute (they are immutable as well).
      writeAttributes: new ClientAttributes().withStandardAttributes({ locale: true }),
    });

    this.staffPool = new UserPool(this, 'StaffPool', {
      ...common,
      // The directory's group ids and authentication methods, written at every federated sign-in; read only by the pre-token step.
      customAttributes: {
        ...common.customAttributes,
        idpGroups: new StringAttribute({ minLen: 1, maxLen: 2048, mutable: true }),
        amr: new StringAttribute({ minLen: 1, maxLen: 256, mutable: true }),
        // The unit the municipality shows for the person (with the standard `name`): set by an admin, no client writes it.
        staffUnit: new StringAttribute({ minLen: 1, maxLen: 100, mutable: true }),
      },
      // Every staff sign-in needs the code from an authenticator app; a new user sets one up first.
      // No `deviceTracking`: a remembered device may skip the second factor, which would undo the requirement.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
    });
    for (const role of staffRoles) {
      this.staffPool.addGroup(`StaffGroup-${role}`, { groupName: role, description: `Introflyt role ${role}` });
    }
    // The directory's `name` claim is the name the municipality shows for the person (staff-directory.ts `staffLabel`).
    this.staffDirectory = federate(this.staffPool, STAFF_IDP, signIn.staffDirectory, { 'custom:idpGroups': 'groups', 'custom:amr': signIn.staffDirectory.mfaClaim }, 'name');
    this.staffClient = this.staffPool.addClient('StaffWebClient', clientOptions(STAFF_PAGES, this.staffDirectory));
    this.staffClient.node.addDependency(this.staffDirectory);

    this.resourceServer = this.userPool.addResourceServer('Api', {
      identifier: RESOURCE_SERVER,
      userPoolResourceServerName: 'Introflyt API',
      scopes: [new ResourceServerScope({ scopeName: CHECKIN_SCOPE, scopeDescription: 'A kiosk identifies participants and records their check-ins and check-outs' })],
    });
    this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: signIn.domainPrefixes?.participant ?? props.domainPrefix ?? `introflyt-${Aws.ACCOUNT_ID}` } });
    // The staff pool's hosted sign-in: where the staff pages start the federated sign-in.
    this.staffDomain = this.staffPool.addDomain('StaffDomain', { cognitoDomain: { domainPrefix: signIn.domainPrefixes?.staff ?? `introflyt-staff-${Aws.ACCOUNT_ID}` } });

    const stack = Stack.of(this);
    this.issuerUrl = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
    this.staffIssuerUrl = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.staffPool.userPoolId}`;
  }

  /**
   * The pre-token-generation step (functions/pre-token) on each pool, event
   * version 2 (claims and groups of the ID token; kiosks' client-credentials
   * tokens do not invoke it).
   */
  addPreTokenTriggers(participantFn: IFunction, staffFn: IFunction): void {
    this.userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, participantFn, LambdaVersion.V2_0);
    this.staffPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, staffFn, LambdaVersion.V2_0);
    // Bound phones' custom sign-in: the participant pool's same function answers define, create and verify
    // (functions/pre-token/device-auth.ts), so the pool's whole sign-in is one function.
    for (const op of [UserPoolOperation.DEFINE_AUTH_CHALLENGE, UserPoolOperation.CREATE_AUTH_CHALLENGE, UserPoolOperation.VERIFY_AUTH_CHALLENGE_RESPONSE]) this.userPool.addTrigger(op, participantFn);
  }
}
