import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookReceiver {
  url: string;
  close(): Promise<void>;
}

/**
 * A receiver of webhook deliveries on loopback, in this process: each body (the envelope) is
 * handed to `onEnvelope` with the instant it arrived whole, and answered 200 at once, as
 * docs/integrators.md asks of receivers. The signature is not checked: what is measured is the
 * delivery's lag, and verifying would only add this process's work to it.
 */
export async function startWebhookReceiver(onEnvelope: (envelope: unknown, at: number) => void): Promise<WebhookReceiver> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = performance.now();
      response.writeHead(200, { 'content-length': '0' }).end();
      onEnvelope(JSON.parse(Buffer.concat(chunks).toString('utf8')), at);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/crm-events`,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
