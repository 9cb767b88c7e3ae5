/** Ids chosen by clients (customers, contacts, complaints, orders): short, URL-safe, no surprises. */
export const idPattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
export const idRule = 'must be 1-100 letters, digits or _ . : - and start with a letter or digit';

