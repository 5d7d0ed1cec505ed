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
  testTimeout: 60000,
  maxWorkers: 2,
};
