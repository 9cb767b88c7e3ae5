export { createTestDatabase, type TestDatabase } from './test-database';
export { testMasterKey, testMasterKeyText } from './master-key';
export { testSigningKey, testSigningKeyText } from './signing-key';
export { fuzzOpenApi, fuzzTarget, type FuzzReport, type FuzzTarget } from './openapi-fuzz';
