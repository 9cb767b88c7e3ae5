/** A year of the read rules (READ-MODELS C1): 365 days of 86,400,000 ms, never a calendar year. */
export const yearMs = 365 * 86_400_000;

/** An epoch-ms instant as the API answers it. */
export const iso = (ms: number) => new Date(ms).toISOString();
