export { fuzzOpenApi, type FuzzReport, type FuzzTarget } from './fuzz';
export { fuzzTarget } from './fixture';
