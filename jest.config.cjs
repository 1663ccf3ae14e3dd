/** Tests run on the compiled output (dist/), the same code that ships. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/dist/test'],
  testMatch: ['**/*.test.js'],
  transform: {},
  // a fixed date for every test (the lifecycle rules read it): test/support/clock.ts
  setupFiles: ['<rootDir>/dist/test/support/clock.js'],
  testTimeout: 30000,
  maxWorkers: 2,
};
