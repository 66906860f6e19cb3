const base = {
  testTimeout: 60_000,
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest'],
    // CommonJS packages that require() ESM-only NestJS: see test/support/cjs-esm-bridge.cjs.
    '/node_modules/@nestjs/throttler/.+\\.js$': '<rootDir>/test/support/cjs-esm-bridge.cjs',
  },
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/throttler/)'],
  setupFiles: ['<rootDir>/test/support/cjs-esm-bridge.setup.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};

export default {
  // e2e suites start the real app and drive many requests: generous on a busy 2-core machine.
  testTimeout: 60_000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{src,test}/**/*.unit.spec.ts'] },
    { ...base, displayName: 'int', testMatch: ['<rootDir>/test/**/*.int.spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e.spec.ts'] },
    // Child processes killed, stores made unavailable: run one file at a time (test:faults).
    { ...base, displayName: 'faults', testMatch: ['<rootDir>/test/faults/**/*.faults.spec.ts'] },
  ],
};
