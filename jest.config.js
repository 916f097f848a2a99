/** Three kinds of test, told apart by suffix: *.unit.spec.ts (no services), *.int.spec.ts (real
 * services, started by the global setup if they are down) and test/**\/*.sys.spec.ts (real processes). */
const shared = {
  rootDir: __dirname,
  // Transpile only: the type-check is its own step of the test command (tsc --noEmit).
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^@trading/([a-z-]+)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
  setupFilesAfterEnv: ['<rootDir>/test/support/equality-testers.ts'],
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.unit.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int.spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/equality-testers.ts', '<rootDir>/test/support/service-test-setup.ts'],
    },
    {
      ...shared,
      displayName: 'system',
      testMatch: ['<rootDir>/test/**/*.sys.spec.ts'],
      globalSetup: '<rootDir>/test/support/system-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/equality-testers.ts', '<rootDir>/test/support/service-test-setup.ts'],
    },
  ],
};
