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
  // Jest reads testTimeout from the global config only, not per project.
  // Integration, end-to-end and browser tests start DynamoDB Local, Chromium
  // or a workflow; on a loaded 2-core machine their hooks need minutes.
  testTimeout: 300_000,
  // On a 2-core machine jest has one worker and would run every file in its
  // own process (in band), where the modules of each file's VM context are
  // never freed: that process grew to about 7 GB over the whole suite. With a
  // limit jest runs the files in a worker and starts a fresh one whenever it
  // has grown past the limit after a file.
  workerIdleMemoryLimit: '1536MB',
  projects: [
    kind('unit'),
    kind('int'),
    kind('e2e'),
    kind('fuzz'),
    kind('browser'),
    kind('infra'),
  ],
  collectCoverageFrom: [
    'cli/**/*.ts',
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
