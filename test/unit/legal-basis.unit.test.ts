/**
 * The law as data (issue 10 item 5): every rule id the engine uses has a row
 * in the legal-basis table and every row is used; every reason code is
 * produced in the one rule file that declares it, and that file's row cites
 * a law, a paragraph and a Lovdata link.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { ReasonCode } from '../../shared/domain/decision.js';
import { REASON_CODES } from '../../shared/domain/decision.js';
import { decideCore, simulate } from '../../shared/domain/engine.js';
import { parseCase } from '../../shared/domain/case.js';
import { absence, absentOn, baseCase } from '../support/case-builder.js';
import type { LegalBasisId, RuleMeta } from '../../shared/domain/rules/legal-basis.js';
import { citationOf, citationsFor, LAWS, LEGAL_BASIS, provisionUrl } from '../../shared/domain/rules/legal-basis.js';
import { curedByDoctorNote, LINE_RULES, ruleOf, RULES } from '../../shared/domain/rules/registry.js';
import { GOLDEN_DIR, ROOT } from '../support/paths.js';

const DOMAIN = join(ROOT, 'shared/domain');
const RULES_DIR = join(DOMAIN, 'rules');

/** Every .ts file under shared/domain, relative to it. */
function domainFiles(dir = DOMAIN, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? domainFiles(join(dir, e.name), `${prefix}${e.name}/`) : e.name.endsWith('.ts') ? [`${prefix}${e.name}`] : [],
  );
}

/** The `RULE` export of each file in rules/, by file name. */
async function ruleFiles(): Promise<Map<string, RuleMeta>> {
  const out = new Map<string, RuleMeta>();
  for (const f of readdirSync(RULES_DIR).filter((n) => n.endsWith('.ts')).sort()) {
    const mod = (await import(join(RULES_DIR, f))) as { RULE?: RuleMeta };
    if (mod.RULE !== undefined) out.set(f, mod.RULE);
  }
  return out;
}

describe('legal-basis table', () => {
  test('every rule file names a row, every row is named by a rule file, and the registry lists every rule file', async () => {
    const files = await ruleFiles();
    const used = new Set([...files.values()].map((r) => r.id));
    expect([...used].sort()).toEqual(Object.keys(LEGAL_BASIS).sort());
    expect(new Set(RULES)).toEqual(new Set(files.values()));
  });

  test('every rule on a golden decision line and every line rule has a row', () => {
    const seen = new Set<string>();
    for (const f of readdirSync(GOLDEN_DIR).filter((n) => n.endsWith('.case.json')))
      for (const l of simulate(JSON.parse(readFileSync(join(GOLDEN_DIR, f), 'utf8'))).lines) seen.add(l.rule);
    expect(seen.size).toBeGreaterThan(3);
    for (const id of [...seen, ...LINE_RULES.map((r) => r.id)]) expect([id, id in LEGAL_BASIS]).toEqual([id, true]);
  });

  test('each row: its key is its id, and every provision names a known law, a paragraph and a Lovdata (or EUR-Lex) link', () => {
    for (const [key, row] of Object.entries(LEGAL_BASIS)) {
      expect(row.id).toBe(key);
      for (const p of row.provisions) {
        expect(Object.keys(LAWS)).toContain(p.law);
        expect(p.paragraph).toMatch(/^(§§? \d|art\. \d)/);
        expect(provisionUrl(p)).toMatch(/^https:\/\/(lovdata\.no\/(lov|forskrift)\/\d{4}-\d{2}-\d{2}(-\d+)?(\/§[\d-]+)?|eur-lex\.europa\.eu\/)/);
      }
    }
  });

  test('links follow the spec and the issue: integreringsloven LOV-2020-11-06-127, integreringsforskriften 2020-12-18-2902', () => {
    expect(citationOf('IL-20')).toEqual({ text: 'integreringsloven § 20', url: 'https://lovdata.no/lov/2020-11-06-127/§20' });
    expect(citationOf('IL-21').url).toBe('https://lovdata.no/lov/2020-11-06-127/§21');
    expect(citationOf('IF-CHILD-ILLNESS').url).toBe('https://lovdata.no/forskrift/2020-12-18-2902/§7');
    expect(citationOf('G')).toEqual({ text: 'folketrygdloven § 1-4', url: 'https://lovdata.no/lov/1997-02-28-19/§1-4' });
    const fvl = LEGAL_BASIS['REVIEW-CLASS'].provisions.find((p) => p.paragraph === '§§ 24–25')!;
    expect(provisionUrl(fvl)).toBe('https://lovdata.no/lov/1967-02-10/§24');
    const gdpr = LEGAL_BASIS['REVIEW-CLASS'].provisions.find((p) => p.law === 'GDPR')!;
    expect(provisionUrl(gdpr)).toBe(LAWS.GDPR.url);
  });

  test('the citations of a decision: rates, proration when the month is not whole, then each line rule once', () => {
    expect(citationsFor(decideCore(parseCase(baseCase())))).toEqual([{ rule: 'IL-20', text: 'integreringsloven § 20', url: 'https://lovdata.no/lov/2020-11-06-127/§20' }]);
    const c = absentOn(baseCase(), ['2026-10-05', '2026-10-06', '2026-10-07']);
    const partial = decideCore(
      parseCase({
        ...c,
        participant: { ...c.participant, enrolments: [{ from: '2026-10-02', to: null }] },
        absences: [absence('2026-10-05', 'OWN_ILLNESS', 'NONE'), absence('2026-10-06', 'OWN_ILLNESS', 'NONE')],
      }),
    );
    expect(partial.lines.map((l) => l.rule)).toEqual(['IL-21', 'IL-21', 'IL-21']);
    expect(citationsFor(partial).map((x) => x.rule)).toEqual(['IL-20', 'POLICY-PRORATION', 'IL-21']);
  });

  test('no row cites integreringsforskriften without a paragraph, and an inferred paragraph is marked so', () => {
    const ifRows = Object.values(LEGAL_BASIS).flatMap((r) => r.provisions.filter((p) => p.law === 'IF'));
    expect(ifRows.length).toBeGreaterThan(4);
    for (const p of ifRows) expect(p.paragraph).toMatch(/^§ \d+$/);
    expect(LEGAL_BASIS['IF-CHILD-ILLNESS'].provisions[0].confidence).toBe('inferred');
  });
});

describe('reason code → rule file → legal-basis row', () => {
  test('every reason code is declared by exactly one rule file, whose row exists', async () => {
    const files = await ruleFiles();
    for (const code of REASON_CODES) {
      const owners = [...files].filter(([, r]) => r.reasons.includes(code)).map(([f]) => f);
      expect([code, owners.length]).toEqual([code, 1]);
      const rule = files.get(owners[0]!)!;
      expect([code, ruleOf(code)]).toEqual([code, rule.id]);
      expect(LEGAL_BASIS[rule.id as LegalBasisId].id).toBe(rule.id);
    }
  });

  test('no file of shared/domain produces a reason code but the rule file that declares it (the type checker finds every literal used as one)', async () => {
    const files = await ruleFiles();
    const strays = producers().filter(({ rel, code }) => !(rel.startsWith('rules/') && (files.get(rel.slice('rules/'.length))?.reasons ?? []).includes(code as ReasonCode)));
    expect(strays.map(({ rel, line, code }) => `${rel}:${line} ${code}`)).toEqual([]);
  });

  test('the scan sees the rule files produce every code', () => {
    expect(new Set(producers().filter(({ rel }) => rel.startsWith('rules/')).map(({ code }) => code))).toEqual(new Set(REASON_CODES));
  });

  test('a doctor note cures the self-certification refusals and the child-illness run rule, nothing else', () => {
    const cured = REASON_CODES.filter(curedByDoctorNote);
    expect(cured).toEqual(['SELF_CERT_BEFORE_8_WEEKS', 'SELF_CERT_EPISODE_OVER_3_DAYS', 'SELF_CERT_QUOTA_EXHAUSTED', 'CHILD_ILLNESS_NEEDS_DOCTOR_NOTE']);
  });
});

/* ---------------------------------------------------------------------------
 * The scan. A string literal equal to a reason code *produces* that code when
 * it is written where a reason code is expected: its contextual type holds a
 * literal that only a reason code has (e.g. 'NO_DOCUMENTATION'), or, for a
 * code that is only a reason code, it has no contextual type at all (a bare
 * constant, a Set element), or it is the value of a `reason` or `reasonCode`
 * property. Comparisons (===, !==, case) read a code, and
 * literal types only describe one; neither produces. 'REJECTED' as an absence
 * status or 'UNPAID_LEAVE' as a category, kind or day state has a contextual
 * type without any reason-only literal, so it is not a reason code there.
 * ------------------------------------------------------------------------- */

/** Codes that are also another enum's value (absence status, category, line kind, day state). */
const SHARED_CODES = new Set<string>(['REJECTED', 'UNPAID_LEAVE']);
const REASON_ONLY = new Set<string>(REASON_CODES.filter((c) => !SHARED_CODES.has(c)));
/** The code list itself, and the message catalogues (another engineer's; their keys are prefixed ids, not codes). */
const EXEMPT = (rel: string) => rel === 'decision.ts' || rel.startsWith('explanation/messages/');

interface Produced {
  rel: string;
  line: number;
  code: string;
}

let scanned: Produced[] | undefined;

/** Every literal of shared/domain that produces a reason code (one type-checked program, built once). */
function producers(): Produced[] {
  scanned ??= scan();
  return scanned;
}

function scan(): Produced[] {
  const rels = domainFiles().filter((r) => !EXEMPT(r));
  const program = ts.createProgram(
    rels.map((r) => join(DOMAIN, r)),
    { strict: true, noEmit: true, target: ts.ScriptTarget.ES2023, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, skipLibCheck: true, types: [] },
  );
  const checker = program.getTypeChecker();
  const found: Produced[] = [];
  for (const rel of rels) {
    const sf = program.getSourceFile(join(DOMAIN, rel))!;
    const visit = (node: ts.Node): void => {
      if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && (REASON_CODES as readonly string[]).includes(node.text)) {
        if (producesCode(node, checker)) found.push({ rel, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, code: node.text });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

function producesCode(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral, checker: ts.TypeChecker): boolean {
  for (let n: ts.Node = node; n.parent !== undefined; n = n.parent) {
    if (ts.isTypeNode(n.parent) || ts.isCaseClause(n.parent)) return false;
    if (ts.isBinaryExpression(n.parent) && isComparison(n.parent.operatorToken.kind)) return false;
    if (!ts.isParenthesizedExpression(n.parent) && !ts.isConditionalExpression(n.parent)) break;
  }
  // Written as a line's or a verdict's reason, whatever the inferred type (a generic callback's result has none).
  if (ts.isPropertyAssignment(node.parent) && ['reason', 'reasonCode'].includes(node.parent.name.getText())) return true;
  const contextual = checker.getContextualType(node);
  if (contextual === undefined) return REASON_ONLY.has(node.text);
  const literals = (contextual.isUnion() ? contextual.types : [contextual]).filter((t) => t.isStringLiteral()).map((t) => (t as ts.StringLiteralType).value);
  if (literals.length === 0) return REASON_ONLY.has(node.text);
  return literals.some((l) => REASON_ONLY.has(l));
}

const isComparison = (k: ts.SyntaxKind) =>
  k === ts.SyntaxKind.EqualsEqualsEqualsToken || k === ts.SyntaxKind.ExclamationEqualsEqualsToken || k === ts.SyntaxKind.EqualsEqualsToken || k === ts.SyntaxKind.ExclamationEqualsToken;

describe('the scan itself', () => {
  // Proves the scan would fail on the code this change moved into rules/.
  test.each<[string, string, ReasonCode | null]>([
    ['a reason in a verdict outside rules/', "type V = { reason: 'NO_DOCUMENTATION' | 'REJECTED' }; export const v: V = { reason: 'REJECTED' };", 'REJECTED'],
    ['a code in a bare Set', "export const s = new Set(['SELF_CERT_QUOTA_EXHAUSTED']);", 'SELF_CERT_QUOTA_EXHAUSTED'],
    ['a comparison reads, does not produce', "export const f = (x: string) => x === 'NO_REASON_GIVEN';", null],
    ['an absence status is not a reason', "type S = 'APPROVED' | 'PENDING' | 'REJECTED'; export const s: S = 'REJECTED';", null],
    ['a reason code written in an untyped callback', "export const ls = [1].map(() => ({ kind: 'UNPAID_LEAVE', reasonCode: 'UNPAID_LEAVE' }));", 'UNPAID_LEAVE'],
  ])('%s', (_name, source, expected) => {
    const file = 'scan-probe.ts';
    const host = ts.createCompilerHost({ noEmit: true, types: [] });
    const original = host.getSourceFile.bind(host);
    host.getSourceFile = (name, lang) => (name === file ? ts.createSourceFile(file, source, lang, true) : original(name, lang));
    const program = ts.createProgram([file], { noEmit: true, types: [], noLib: true }, host);
    const checker = program.getTypeChecker();
    const hits: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node) && (REASON_CODES as readonly string[]).includes(node.text) && producesCode(node, checker)) hits.push(node.text);
      ts.forEachChild(node, visit);
    };
    visit(program.getSourceFile(file)!);
    expect(hits).toEqual(expected === null ? [] : [expected]);
  });
});
