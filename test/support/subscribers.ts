import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from 'nats';

/**
 * Subscribers of the service that outlive it: each follows it through kills and restarts,
 * asking `serviceUrl()` where it listens now (its port changes at each start).
 */
export type ServiceUrl = () => string;

/** The fields of the §8 envelope that say which event it is. */
export interface Envelope {
  position: number;
  eventId: string;
  streamId: string;
  streamVersion: number;
  type: string;
}

interface Answer {
  status: number;
  body: any;
}

/** An answer, or undefined while the service is down: it died under the request, is not listening yet, or is starting or stopping (503). */
async function callService(serviceUrl: ServiceUrl, key: string, method: string, path: string, body?: unknown): Promise<Answer | undefined> {
  try {
    const response = await fetch(`${serviceUrl()}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    return response.status === 503 ? undefined : { status: response.status, body: text ? JSON.parse(text) : undefined };
  } catch {
    return undefined;
  }
}

/** Issues an integrator key with the admin key. */
export async function integratorKey(url: string, adminKey: string, name: string): Promise<string> {
  const issued = await callService(() => url, adminKey, 'POST', '/v1/api-keys', { name, role: 'integrator' });
  if (issued?.status !== 201) throw new Error(`could not issue an integrator key: ${JSON.stringify(issued)}`);
  return issued.body.key;
}

/** One ack a member had answered: `seq` orders the acks as they were first sent. */
export interface Ack {
  seq: number;
  member: string;
  event: Envelope;
}

export interface ConsumerGroupMembers {
  /** Every event whose ack was answered as done, in the order the acks were first sent. */
  acks(): Ack[];
  /** Answers other than 2xx and 503. */
  unexpected: string[];
  status(): Promise<{ checkpoint: number; pending: { total: number } } | undefined>;
  stop(): Promise<void>;
}

/**
 * Creates a consumer group and runs its members, each polling and acking until stopped. A
 * member retries a poll or an ack whose answer it lost, against wherever the service is now.
 */
export async function runConsumerGroup(
  serviceUrl: ServiceUrl,
  key: string,
  group: { name: string; filter: { types: string[] }; leaseSeconds: number },
  members: string[],
): Promise<ConsumerGroupMembers> {
  const created = await callService(serviceUrl, key, 'POST', '/v1/consumer-groups', group);
  if (created?.status !== 201) throw new Error(`could not create the consumer group: ${JSON.stringify(created)}`);
  const acks: Ack[] = [];
  const unexpected: string[] = [];
  let running = true;
  let sent = 0;
  const call = async (path: string, body: unknown): Promise<any> => {
    for (; running; await sleep(50)) {
      const answer = await callService(serviceUrl, key, 'POST', `/v1/consumer-groups/${group.name}${path}`, body);
      if (answer?.status === 200) return answer.body;
      if (answer) unexpected.push(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
  };
  const member = async (name: string): Promise<void> => {
    while (running) {
      const polled: Envelope[] = (await call('/poll', { member: name, max: 50 }))?.events ?? [];
      if (polled.length === 0) {
        await sleep(50);
        continue;
      }
      const seq = sent++;
      for (let attempt = 1; running; attempt++) {
        const answer = await callService(serviceUrl, key, 'POST', `/v1/consumer-groups/${group.name}/ack`, { member: name, eventIds: polled.map((e) => e.eventId) });
        if (answer?.status !== 200) {
          if (answer) unexpected.push(`/ack: ${answer.status} ${JSON.stringify(answer.body)}`);
          await sleep(50);
          continue;
        }
        // A retried ack finds the events its lost first attempt may have acked no longer leased: those count as acked then.
        const done = new Set<string>([...answer.body.acked, ...(attempt > 1 ? answer.body.notLeased : [])]);
        acks.push(...polled.filter((e) => done.has(e.eventId)).map((event) => ({ seq, member: name, event })));
        break;
      }
    }
  };
  const running$ = Promise.all(members.map(member));
  return {
    acks: () => [...acks].sort((a, b) => a.seq - b.seq),
    unexpected,
    status: async () => (await callService(serviceUrl, key, 'GET', `/v1/consumer-groups/${group.name}`))?.body,
    stop: async () => {
      running = false;
      await running$;
    },
  };
}

export interface WebhookDelivery {
  headers: Record<string, string>;
  body: string;
}

/** A receiver on loopback that answers every delivery 200 and records it. */
export async function startWebhookReceiver(): Promise<{ url: string; deliveries: WebhookDelivery[]; close(): Promise<void> }> {
  const deliveries: WebhookDelivery[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      deliveries.push({ headers: flat(request.headers), body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/crm`,
    deliveries,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const flat = (headers: IncomingHttpHeaders): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]));

/** Registers a webhook for every event ever recorded. */
export async function registerWebhook(serviceUrl: ServiceUrl, key: string, receiverUrl: string): Promise<{ id: string; secret: string }> {
  const registered = await callService(serviceUrl, key, 'POST', '/v1/webhooks', { url: receiverUrl, from: 1 });
  if (registered?.status !== 201) throw new Error(`could not register the webhook: ${JSON.stringify(registered)}`);
  return registered.body;
}

export async function webhookStatus(serviceUrl: ServiceUrl, key: string, id: string): Promise<{ checkpoint: number; pending: number } | undefined> {
  return (await callService(serviceUrl, key, 'GET', `/v1/webhooks/${id}`))?.body;
}

export interface LiveFollower {
  /** The events received, in the order they came. */
  received: Envelope[];
  /** Connections opened (answered 200). */
  connections(): number;
  /** Answers other than 200 and 503, and `dropped` messages. */
  unexpected: string[];
  stop(): Promise<void>;
}

/**
 * Follows `GET /v1/events/live?from=1`, and whenever its connection fails or ends, connects
 * again with `Last-Event-ID` set to the last id received, as an EventSource would (by hand: the port changes).
 */
export function followLive(serviceUrl: ServiceUrl, key: string): LiveFollower {
  const received: Envelope[] = [];
  const unexpected: string[] = [];
  const abort = new AbortController();
  let connections = 0;
  let lastEventId: string | undefined;
  const follow = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      try {
        const response = await fetch(`${serviceUrl()}/v1/events/live?from=1`, {
          headers: { authorization: `Bearer ${key}`, accept: 'text/event-stream', ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }) },
          signal: abort.signal,
        });
        if (response.status === 200) {
          connections++;
          for await (const message of serverSentEvents(response.body!)) {
            if (message.event === 'dropped') unexpected.push(`dropped: ${message.data}`);
            if (message.id === undefined) continue;
            received.push(JSON.parse(message.data) as Envelope);
            lastEventId = message.id;
          }
        } else {
          if (response.status !== 503) unexpected.push(`${response.status} ${await response.text()}`);
          await response.body?.cancel();
        }
      } catch {
        // The service died under the stream, or is not listening yet.
      }
      await sleep(50);
    }
  };
  const following = follow();
  return {
    received,
    connections: () => connections,
    unexpected,
    stop: async () => {
      abort.abort();
      await following;
    },
  };
}

/** The messages of an SSE body; a message cut off by the end of the body is no message. */
async function* serverSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<{ id?: string; event?: string; data: string }> {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of body) {
    buffered += decoder.decode(chunk, { stream: true });
    for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const fields = new Map<string, string>();
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue; // a comment: `: ping`
        const colon = line.indexOf(':');
        fields.set(line.slice(0, colon), line.slice(colon + 1).replace(/^ /, ''));
      }
      if (fields.has('data')) yield { id: fields.get('id'), event: fields.get('event'), data: fields.get('data')! };
    }
  }
}

export interface JetStreamMessage {
  msgId: string | undefined;
  position: string | undefined;
  event: Envelope;
}

/** Reads the JetStream stream the service publishes `$all` to. */
export async function openJetStream(natsUrl: string, stream = 'CRM_EVENTS') {
  const connection = await connect({ servers: natsUrl });
  const jsm = await connection.jetstreamManager();
  return {
    count: async (): Promise<number> => (await jsm.streams.info(stream).catch(() => undefined))?.state.messages ?? 0,
    /** Every message, by sequence (one purged, as by an erasure, is not there). */
    messages: async (): Promise<JetStreamMessage[]> => {
      const { state } = await jsm.streams.info(stream);
      const messages: JetStreamMessage[] = [];
      for (let from = state.first_seq; state.messages > 0 && from <= state.last_seq; from += 200) {
        const seqs = Array.from({ length: Math.min(200, state.last_seq - from + 1) }, (_, i) => from + i);
        const batch = await Promise.all(seqs.map((seq) => jsm.streams.getMessage(stream, { seq }).catch(() => undefined)));
        messages.push(...batch.flatMap((m) => (m ? [{ msgId: m.header.get('Nats-Msg-Id'), position: m.header.get('Crm-Position'), event: m.json<Envelope>() }] : [])));
      }
      return messages;
    },
    close: () => connection.close(),
  };
}
