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
  purity,
);
