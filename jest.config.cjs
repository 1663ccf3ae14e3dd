/**
 * Tests run on the compiled output (dist/), the same code that ships. Two projects:
 * - quick: everything that needs no PostgreSQL server (npm run test:quick, for a fast loop);
 * - servers: the suites that start real PostgreSQL 13–18 servers or run `postgres -C`.
 * npm test runs both, on two workers (CI has two cores; the server suites are CPU-bound in the
 * postgres processes they start, so more workers than cores only adds contention).
 */
const SERVER_SUITES = [
  '/dist/test/calibration/.*\\.test\\.js$',
  '/dist/test/differential/.*\\.test\\.js$',
  '/dist/test/listen-sockets\\.test\\.js$',
  '/dist/test/plan\\.test\\.js$',
  '/dist/test/plan-snapshot\\.test\\.js$',
  '/dist/test/postgres-harness\\.test\\.js$',
  '/dist/test/tune\\.test\\.js$',
  '/dist/test/tune-matrix\\.test\\.js$',
];
const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/dist/test'],
  transform: {},
  // pgvet honours FORCE_COLOR; Jest sets it in its workers at a terminal (see the file)
  // and a fixed date for every test (the lifecycle rules read it): test/support/clock.ts
  setupFiles: ['<rootDir>/dist/test/support/no-force-color.js', '<rootDir>/dist/test/support/clock.js'],
};
module.exports = {
  maxWorkers: 2,
  testTimeout: 30000,
  projects: [
    { ...common, displayName: 'quick', testMatch: ['**/*.test.js'], testPathIgnorePatterns: SERVER_SUITES },
    { ...common, displayName: 'servers', testRegex: SERVER_SUITES },
  ],
};
