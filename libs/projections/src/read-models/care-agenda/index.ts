/** The care agenda's pure rules (READ-MODELS §2): care dates, visits due, no-contact alerts. */
export * from './agenda-dates';
export * from './visits-due';
