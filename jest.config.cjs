/** Tests run on the compiled output (dist/), the same code that ships. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/dist/test'],
  testMatch: ['**/*.test.js'],
  transform: {},
  // pgvet honours FORCE_COLOR; Jest sets it in its workers at a terminal (see the file)
  setupFiles: ['<rootDir>/dist/test/support/no-force-color.js'],
  testTimeout: 30000,
  maxWorkers: 2,
};
