export { createTestDatabase, type TestDatabase } from './test-database';
export { fuzzOpenApi, fuzzTarget, type FuzzReport, type FuzzTarget } from './openapi-fuzz';
