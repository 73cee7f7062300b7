import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The domain stays pure (quality.md style 2): no AWS SDK, no environment, no
// clock, no randomness. Time and ids are arguments.
const purity = {
  files: ['shared/domain/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        // Hashing is deterministic and allowed (input hash, policy version); randomness is not.
        paths: [
          { name: 'node:crypto', importNames: ['randomUUID', 'randomBytes', 'randomInt', 'getRandomValues', 'webcrypto'], message: 'shared/domain is pure: ids are arguments.' },
          { name: 'crypto', message: "use 'node:crypto' (createHash only)." },
        ],
        patterns: [
          { group: ['@aws-sdk/*', 'aws-cdk-lib', 'aws-cdk-lib/*', '@middy/*', '@aws-lambda-powertools/*'], message: 'shared/domain is pure: no AWS or Lambda imports.' },
          { group: ['node:fs', 'node:fs/*', 'fs', 'node:process', 'process', 'node:os', 'node:child_process', 'node:net', 'node:http'], message: 'shared/domain is pure: pass I/O results in as arguments.' },
          { group: ['../adapters/*', '../../adapters/*', '../http/*', '../../http/*'], message: 'shared/domain must not depend on adapters or http.' },
          // Nothing outside the domain but the contract's plain data (routes, roles, tables).
          { regex: '^(\\.\\./)+(adapters|http|features|config(\\.js)?|infra|functions|cli|web)(/|$)', message: 'shared/domain is pure: it imports only itself and shared/contract.' },
        ],
      },
    ],
    'no-restricted-globals': ['error', { name: 'process', message: 'shared/domain is pure: no process.env.' }],
    'no-restricted-properties': [
      'error',
      { object: 'Date', property: 'now', message: 'shared/domain is pure: time is an argument.' },
      { object: 'Math', property: 'random', message: 'shared/domain is pure: ids are arguments.' },
      { object: 'crypto', property: 'randomUUID', message: 'shared/domain is pure: ids are arguments.' },
    ],
    'no-restricted-syntax': [
      'error',
      { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'shared/domain is pure: new Date() reads the clock.' },
    ],
  },
};

// The import direction (README "Layout"): cli → infra → functions → shared,
// and inside shared: features → http, adapters → contract, domain. Nothing
// imports upwards and no function folder imports another: what several
// functions share lives once under shared/features/<feature>.
const upward = (message, ...dirs) => ({ regex: `^(\\.\\./)+(${dirs.join('|')})/`, message });
const direction = [
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [upward('shared/ must not import infra/, functions/, cli/ or web/ (they import shared/).', 'infra', 'functions', 'cli', 'web')] }],
    },
  },
  {
    files: ['shared/contract/**/*.ts'],
    rules: {
      // The response types (responses.ts) name the domain's shapes: type-only imports of shared/domain, erased when compiled.
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\.\\./domain/', allowTypeImports: true, message: 'shared/contract is the API as data: only types from shared/domain.' },
            { regex: '^\\.\\./(?!domain/)', message: 'shared/contract is the API as data: it imports only itself.' },
            { regex: '^[^.]', message: 'shared/contract is the API as data: no packages.' },
          ],
        },
      ],
    },
  },
  {
    files: ['functions/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            upward('functions/ must not import infra/ or cli/ (infra builds and serves the functions).', 'infra', 'cli'),
            // '../x/…' from functions/<fn>/ is another function's folder.
            { regex: '^\\.\\./(?!\\.\\./)', message: 'no imports between function folders: move what several functions share to shared/features/<feature>/.' },
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', 'dist/**', '.local/**', 'coverage/**', 'web/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  ...direction,
  purity,
);
