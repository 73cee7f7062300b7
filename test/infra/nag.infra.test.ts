/**
 * quality.md S8: cdk-nag's AWS Solutions pack finds nothing unacknowledged,
 * neither errors nor warnings. cdk-nag 3 is a CDK validation plugin (not an
 * aspect emitting annotations): its findings go to validation-report.json in
 * the cloud assembly, and errors fail the synth. Both stacks are also checked
 * directly with validateScope before synthesis.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { Duration } from 'aws-cdk-lib';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildTestApp, type TestApp } from './infra-app.js';

interface Violation {
  ruleName: string;
  severity: string;
  violatingConstructs: { constructPath: string }[];
}
interface Report {
  pluginReports: { pluginName: string; violations: Violation[] }[];
}

/**
 * Synthesizes with the nag plugin and returns every AwsSolutions finding as
 * "severity rule at path", and those of other plugins (CDK's CloudFormation checks).
 */
function synthFindings(t: TestApp): { findings: string[]; others: string[]; threw: boolean } {
  let threw = false;
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    t.app.synth();
  } catch {
    threw = true;
  } finally {
    quiet.mockRestore();
  }
  const report = JSON.parse(readFileSync(join(t.outdir, 'validation-report.json'), 'utf8')) as Report;
  const all = report.pluginReports.flatMap((r) =>
    r.violations.map((v) => ({ nag: v.ruleName.startsWith('AwsSolutions-'), v, plugin: r.pluginName })),
  );
  const describe = (v: Violation) => v.violatingConstructs.map((c) => `${v.severity} ${v.ruleName} at ${c.constructPath}`);
  return {
    findings: all.filter((x) => x.nag).flatMap((x) => describe(x.v)),
    others: all.filter((x) => !x.nag).flatMap((x) => describe(x.v).map((d) => `${x.plugin}: ${d}`)),
    threw,
  };
}

test('both stacks: no unacknowledged AwsSolutions finding before synthesis (validateScope)', () => {
  const t = buildTestApp();
  try {
    for (const stack of [t.stateful, t.stateless]) {
      const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);
      expect(report.violations.map((v) => `${v.severity} ${v.ruleName}`)).toEqual([]);
      expect(report.success).toBe(true);
    }
  } finally {
    t.cleanup();
  }
});

test('synthesis with the cdk-nag plugin: no unacknowledged errors or warnings, and clean CloudFormation checks', () => {
  const t = buildTestApp({ nag: true });
  try {
    const { findings, others, threw } = synthFindings(t);
    expect(findings).toEqual([]);
    expect(others).toEqual([]);
    expect(threw).toBe(false);
  } finally {
    t.cleanup();
  }
});

test('the check sees new problems: a wildcard policy is an error, a pool without MFA a warning', () => {
  const t = buildTestApp({ nag: true });
  try {
    const probe = new Role(t.stateless, 'ProbeRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    probe.addToPolicy(new PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
    new UserPool(t.stateless, 'ProbePool', { passwordPolicy: { minLength: 6, tempPasswordValidity: Duration.days(1) } });
    const { findings, threw } = synthFindings(t);
    expect(threw).toBe(true);
    expect(findings).toEqual(
      expect.arrayContaining([
        'error AwsSolutions-IAM5[Action::dynamodb:*] at IntroflytStateless/ProbeRole/DefaultPolicy/Resource',
        'error AwsSolutions-IAM5[Resource::*] at IntroflytStateless/ProbeRole/DefaultPolicy/Resource',
        'warning AwsSolutions-COG2 at IntroflytStateless/ProbePool/Resource',
      ]),
    );
    // Only the probes are reported: the app's own acknowledgments still hold.
    expect(findings.every((f) => f.includes('/Probe'))).toBe(true);
  } finally {
    t.cleanup();
  }
});

test('every acknowledgment is for one finding id and carries a reason', () => {
  const t = buildTestApp();
  try {
    const acknowledged: { path: string; id: string; reason: string }[] = [];
    for (const node of t.app.node.findAll()) {
      for (const entry of node.node.metadata) {
        if (entry.type !== 'aws:cdk:acknowledged-rules') continue;
        for (const [id, value] of Object.entries(entry.data as Record<string, unknown>)) {
          acknowledged.push({ path: node.node.path, id, reason: JSON.stringify(value) });
        }
      }
    }
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const a of acknowledged) {
      expect(a.id).toMatch(/^(Annotation::)?AwsSolutions-(L1|COG2|CFR[124]|S1|APIG4|IAM4\[Policy::[^\]]+\]|IAM5\[(Action|Resource)::[^\]]+\])$/);
      // A route without an authorizer is acknowledged only on the one public route the route table allows.
      if (a.id.endsWith('APIG4')) expect(a.path).toBe('IntroflytStateless/Http/Api/POST--device-activations');
      expect(a.reason.length).toBeGreaterThan(80);
      // No acknowledgment on a whole stack: each sits on the construct it concerns.
      expect(a.path.split('/').length).toBeGreaterThan(2);
    }
  } finally {
    t.cleanup();
  }
});
