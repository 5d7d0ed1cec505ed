/** Jest runs TypeScript through SWC; `tsc --noEmit` (in `npm test`) does the type check. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  moduleNameMapper: { '^@contracts/(.*)$': '<rootDir>/contracts/$1' },
  transformIgnorePatterns: ['/node_modules/'],
  // One migrated, seeded PGlite database dumped once per run; tests start from copies of it.
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  // A test's own work is sized to take seconds on a quiet machine; the limit only catches a hang, with a
  // margin wide enough for a 2-core machine shared by many processes (load 20 was seen: 20× slower).
  testTimeout: 600000,
  maxWorkers: 2,
};
