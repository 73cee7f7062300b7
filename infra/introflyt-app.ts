/**
 * Builds the Introflyt CDK app: the stateful stack (key, tables) and the
 * stateless stack (functions, API, users, alarms). Used by infra/app.ts (the
 * CLI entry), infra/synth.ts (in-process synthesis for the local runtime) and
 * the infra tests, so all three synthesize the same thing.
 */
import { App, Validations, type Environment } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addNagSuppressions } from './nag.js';
import { readCdkContext } from './project.js';
import type { RouteDef } from '../shared/contract/routes.js';
import { IntroflytStatefulStack } from './stateful-stack.js';
import { IntroflytStatelessStack } from './stateless-stack.js';
import { IntroflytWebStack } from './web-stack.js';

export const STATEFUL_STACK_NAME = 'IntroflytStateful';
export const STATELESS_STACK_NAME = 'IntroflytStateless';
export const WEB_STACK_NAME = 'IntroflytWeb';

export interface IntroflytAppOptions {
  outdir: string;
  /** Bundle function code with esbuild. Off: assets are placeholders (fast; fine for tests and table creation). */
  bundle?: boolean;
  /** Run the cdk-nag AWS Solutions checks as part of synthesis (a finding fails the synth). */
  nag?: boolean;
  /** CDK's built-in CloudFormation schema and lint checks at synthesis (about 1 s). @default true */
  cfnValidation?: boolean;
  env?: Environment;
  routes?: readonly RouteDef[];
  entryFor?: (fn: string) => string;
  /** Extra context on top of cdk.json's. */
  context?: Record<string, unknown>;
  /**
   * Built pages (web/dist) to deploy with the web stack. Default: the context value
   * `introflyt:webDir` (`cdk deploy -c introflyt:webDir=web/dist`); absent: the web stack has no deployment.
   */
  webDir?: string;
}

export interface IntroflytApp {
  app: App;
  stateful: IntroflytStatefulStack;
  stateless: IntroflytStatelessStack;
  web: IntroflytWebStack;
}

/** A CDK App with cdk.json's context and this project's synthesis settings, and no stacks yet. */
export function newCdkApp(options: Pick<IntroflytAppOptions, 'outdir' | 'bundle' | 'cfnValidation' | 'context'>): App {
  const context: Record<string, unknown> = { ...readCdkContext(), ...options.context };
  // An empty list tells every NodejsFunction to skip esbuild.
  if (options.bundle === false) context['aws:cdk:bundling-stacks'] = [];
  // No AWS::CDK::Metadata resource: same as cdk.json's versionReporting=false for the CLI.
  return new App({
    outdir: options.outdir,
    context,
    analyticsReporting: false,
    builtinCloudFormationValidation: options.cfnValidation ?? true,
  });
}

export function addStatefulStack(app: App, env?: Environment): IntroflytStatefulStack {
  return new IntroflytStatefulStack(app, STATEFUL_STACK_NAME, {
    ...(env ? { env } : {}),
    description: 'Introflyt data: customer-managed keys, tables and the audit anchor (retained)',
  });
}

export function createIntroflytApp(options: IntroflytAppOptions): IntroflytApp {
  const app = newCdkApp(options);
  const stateful = addStatefulStack(app, options.env);
  const stateless = new IntroflytStatelessStack(app, STATELESS_STACK_NAME, {
    ...(options.env ? { env: options.env } : {}),
    description: 'Introflyt compute: functions, HTTP API, users, alarms',
    tables: stateful.tables,
    dataKey: stateful.dataKey,
    logsKey: stateful.logsKey,
    auditMacKey: stateful.auditMacKey,
    auditAnchors: stateful.auditAnchors,
    exportBucket: stateful.exportBucket,
    ...(options.routes ? { routes: options.routes } : {}),
    ...(options.entryFor ? { entryFor: options.entryFor } : {}),
  });
  stateless.addStackDependency(stateful, 'reads the tables and key');

  const webDir = options.webDir ?? (app.node.tryGetContext('introflyt:webDir') as string | undefined);
  const web = new IntroflytWebStack(app, WEB_STACK_NAME, {
    ...(options.env ? { env: options.env } : {}),
    description: 'Introflyt pages: S3 + CloudFront in front of the pages and the HTTP API',
    apiUrl: stateless.httpApi.url,
    routes: stateless.plans.flatMap((p) => p.routes),
    authDomainUrl: stateless.users.domain.baseUrl(),
    // The pages' sign-in (web/src/lib/oidc.ts): both pools' domains and Cognito's API for GlobalSignOut.
    signInOrigins: [stateless.users.domain.baseUrl(), stateless.users.staffDomain.baseUrl(), `https://cognito-idp.${stateless.region}.${stateless.urlSuffix}`],
    ...(webDir !== undefined ? { siteDir: webDir } : {}),
  });

  addNagSuppressions(stateful, stateless);
  if (options.nag !== false) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  }
  return { app, stateful, stateless, web };
}
