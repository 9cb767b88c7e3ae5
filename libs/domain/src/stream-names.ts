/** A customer's events live in the stream `customer-<id>`: the name every reader and writer agrees on. */
const streamPrefix = 'customer-';

export const customerStream = (customerId: string) => `${streamPrefix}${customerId}`;

/** The customer of a customer stream; undefined for any other stream. */
export const customerOfStream = (streamId: string) => (streamId.startsWith(streamPrefix) ? streamId.slice(streamPrefix.length) : undefined);
