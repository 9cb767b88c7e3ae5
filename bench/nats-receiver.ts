import { setTimeout as sleep } from 'node:timers/promises';
import { connect, type NatsConnection } from 'nats';
import { percentProgress } from './progress';

/** The service's JetStream stream and subjects (libs/subscriptions/src/nats). */
const eventStream = 'CRM_EVENTS';
const eventSubjects = 'crm.events.>';
/** The error code of JetStream for a stream that does not exist (yet). */
const streamNotFound = 10059;

export function connectNats(url: string): Promise<NatsConnection> {
  return connect({ servers: url, name: 'crm-bench-subscriptions' });
}

/**
 * Every event the service publishes from now on, as a plain NATS subscriber on its subjects
 * receives it (JetStream stores them besides): each body (the envelope) with the instant it arrived.
 */
export function followNatsEvents(nc: NatsConnection, onEnvelope: (envelope: unknown, at: number) => void): () => void {
  const subscription = nc.subscribe(eventSubjects, {
    callback: (error, message) => {
      if (!error) onEnvelope(message.json(), performance.now());
    },
  });
  return () => subscription.unsubscribe();
}

/** Waits until the service's stream holds `events` messages: its publisher has caught up with `$all`. */
export async function untilPublished(nc: NatsConnection, events: number, withinMs: number): Promise<void> {
  const show = percentProgress(`NATS publisher catching up on ${events} events`);
  const jsm = await nc.jetstreamManager();
  const deadline = Date.now() + withinMs;
  for (;;) {
    const messages = await jsm.streams.info(eventStream).then(
      (info) => info.state.messages,
      (error: { api_error?: { err_code?: number } }) => {
        if (error.api_error?.err_code === streamNotFound) return 0;
        throw error;
      },
    );
    show(messages / events);
    if (messages >= events) return;
    if (Date.now() > deadline) throw new Error(`the NATS publisher had published ${messages} of ${events} events after ${withinMs / 1000} s`);
    await sleep(250);
  }
}
