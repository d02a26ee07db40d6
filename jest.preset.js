// Shared jest set-up for every workspace. Sources run through SWC with decorator metadata
// (tsyringe and TypeORM read it); workspace packages resolve to their sources so a test never
// runs against a stale build. ESM-only dependencies (jose) are transformed to CommonJS.
const path = require('node:path');

const root = __dirname;
const workspaces = {
  sdk: 'packages/sdk', core: 'packages/core', contracts: 'packages/contracts',
  testing: 'packages/testing', api: 'apps/api', worker: 'apps/worker', cli: 'apps/cli',
};

module.exports = (dir) => ({
  rootDir: dir,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
  moduleNameMapper: {
    ...Object.fromEntries(Object.entries(workspaces).map(([name, p]) => [`^@ketenhuis/${name}$`, path.join(root, p, 'src/index.ts')])),
    '^@ketenhuis/core/testing$': path.join(root, 'packages/core/src/testing/index.ts'),
    '^@ketenhuis/chain-([a-z0-9-]+)$': path.join(root, 'modules/$1/src/index.ts'),
  },
  setupFiles: [path.join(root, 'jest.setup.js')],
  testTimeout: 60000,
  reporters: ['default', path.join(root, 'scripts/jest-summary-reporter.js')],
});
