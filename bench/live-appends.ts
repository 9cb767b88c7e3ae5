import { setTimeout as sleep } from 'node:timers/promises';
import { LeanHttpClient } from './lean-http-client';
import { percentProgress } from './progress';

export interface PacedAppends {
  /** Answered 201 per second, from the first request to the last answer. */
  appendPerSecond: number;
  /** Each accepted append's request-to-answer time. */
  appendMs: number[];
  refused: number;
}

/** Keep-alive connections the appends share, each one request at a time: enough for 1,000/s at a few ms each. */
const connections = 16;

/**
 * Records `total` interactions over HTTP (the service's write path) at `rate` per second, paced
 * from the start rather than from the last answer, spread over `customers`. Each carries its
 * marker as its `X-Correlation-Id`, which the service writes into the event's metadata;
 * `sending(marker, at)` is told just before its request goes out, `refused(marker)` when it fails.
 */
export async function paceAppends(
  port: number,
  authorization: string,
  customers: readonly string[],
  rate: number,
  total: number,
  markerOf: (n: number) => string,
  sending: (marker: string, at: number) => void,
  refused: (marker: string) => void,
): Promise<PacedAppends> {
  const free = await Promise.all(Array.from({ length: connections }, () => LeanHttpClient.open(port, authorization)));
  const result: PacedAppends = { appendPerSecond: 0, appendMs: [], refused: 0 };
  const inFlight = new Set<Promise<void>>();
  const show = percentProgress(`appending ${rate}/s over HTTP for ${total / rate} s`);
  let answered = 0;
  let lastAnswer = 0;
  const refuse = (marker: string, why: string) => {
    refused(marker);
    if (++result.refused <= 3) process.stderr.write(`live append ${marker} refused: ${why}\n`);
  };
  const send = (client: LeanHttpClient, n: number) => {
    const marker = markerOf(n);
    const body = JSON.stringify({ channel: 'visit', direction: 'outbound', purpose: 'care', summary: `live visit ${n}` });
    const sentAt = performance.now();
    sending(marker, sentAt);
    const work = client
      .post(`/v1/customers/${customers[n % customers.length]}/interactions`, body, { 'x-correlation-id': marker })
      .then(
        (status) => {
          lastAnswer = performance.now();
          if (status !== 201) return refuse(marker, `HTTP ${status}`);
          answered++;
          result.appendMs.push(lastAnswer - sentAt);
        },
        (error: unknown) => refuse(marker, String(error)),
      )
      // Round robin, so that no connection idles into the service's keep-alive timeout; one the service closed is opened again.
      .then(async () => void free.push(client.closed ? await LeanHttpClient.open(port, authorization) : client))
      .finally(() => inFlight.delete(work));
    inFlight.add(work);
  };

  const started = performance.now();
  for (let issued = 0; issued < total; ) {
    const due = Math.min(total, Math.floor(((performance.now() - started) * rate) / 1000));
    while (issued < due && free.length > 0) send(free.shift()!, issued++);
    show(issued / total);
    await sleep(1);
  }
  await Promise.all(inFlight);
  for (const client of free) client.close();
  result.appendPerSecond = answered / ((lastAnswer - started) / 1000);
  return result;
}
