import { createServer } from 'node:net';

/** A TCP port free on loopback now, for a server of the tests to listen on. */
export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * A process that ends without stopping its server (a crash, an uncaught
 * error, Ctrl-C) still stops it and deletes its folder: on exit, and on
 * SIGINT or SIGTERM, after which the signal is raised again for whoever else
 * handles it (or for the default: ending the process). Answers the undo.
 */
export function removeOnExit(cleanUp: () => void): () => void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    cleanUp();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    once();
    forget();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const forget = () => {
    process.off('exit', once);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.on('exit', once);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return forget;
}
