/**
 * Jest: TypeScript and NestJS 12's ESM-only packages are compiled by SWC to CommonJS.
 * Two tiers: `*.spec.ts` are pure (no database, no server, no child process) and run without
 * PostgreSQL (`npm run test:unit`); `*.integration.ts` and `*.e2e.ts` get one PostgreSQL
 * server for the whole run, started by the global setup only when one of them runs.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  testEnvironment: 'node',
  // Our packages (@crm/...) resolve to their TypeScript sources, as in `tsc`.
  testEnvironmentOptions: { customExportConditions: ['@crm/source', 'node', 'node-addons'] },
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test', '<rootDir>/bench'],
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|content-disposition)/)'],
};

module.exports = {
  testTimeout: 120000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['**/*.integration.ts', '**/*.e2e.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
    },
  ],
};
