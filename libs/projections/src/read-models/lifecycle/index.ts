/** The lifecycle's pure rules (READ-MODELS §2): stage at T, stage history, funnel. */
export * from './lifecycle-rules';
