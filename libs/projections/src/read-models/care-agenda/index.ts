/** The care agenda (READ-MODELS §2): its projection, queries and pure rules (care dates, visits due, no-contact alerts). */
export * from './agenda-dates';
export * from './visits-due';
export { careSourcesOf, foldCareFacts } from './care-sources';
export { readKeptCareSources } from './kept-care-sources-query';
export { readCareFacts, readPlannedVisits } from './care-query';
export { careFactsByCustomer, type CareFact, type StoredCareFact } from './care-facts';
export { careAgenda } from './definition';
