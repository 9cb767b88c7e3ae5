/** The complaint board's pure rules (READ-MODELS §2); the projection's tables and SQL live beside them. */
export * from './complaint-rules';
