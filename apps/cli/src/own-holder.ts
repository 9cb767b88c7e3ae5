import { hostname } from 'node:os';

/** Whether a projection's lease is this process's: the daemon names its holder `<host>:<pid>:<random>` (its default). */
export const isThisProcess = (holder: string) => holder.startsWith(`${hostname()}:${process.pid}:`);
