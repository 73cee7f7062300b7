// One jest project per test kind (quality.md style 9). Files say their kind in
// their name; `npm test` runs them all and enforces coverage.
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2023' },
    module: { type: 'es6' },
  },
];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};

const kind = (name, extra = {}) => ({
  ...common,
  displayName: name,
  testMatch: [`<rootDir>/test/**/*.${name}.test.ts`],
  ...extra,
});

export default {
  projects: [
    kind('unit'),
    kind('int', { testTimeout: 120_000 }),
    kind('e2e', { testTimeout: 300_000 }),
    kind('fuzz', { testTimeout: 300_000 }),
    kind('browser', { testTimeout: 300_000 }),
    kind('infra', { testTimeout: 300_000 }),
  ],
  collectCoverageFrom: [
    'shared/**/*.ts',
    'functions/**/*.ts',
    'infra/**/*.ts',
    '!infra/app.ts',
    '!**/*.d.ts',
  ],
  coverageReporters: ['text-summary', 'json-summary'],
  coverageThreshold: {
    global: { lines: 85 },
    './shared/domain/': { branches: 100 },
  },
};
