/** One message of a `text/event-stream`: its `id:`, `event:` and `data:` lines. */
export interface SseMessage {
  id?: string;
  event?: string;
  data: string;
}

/**
 * Parses a `text/event-stream` body as it arrives: a blank line ends a message, `: ping`
 * comments are skipped, several `data:` lines join with a line break (the spec's rules, for
 * `\n` line ends, which is what the service sends). Answers the messages of each chunk
 * together, so that a catch-up of many small messages costs no generator step per message.
 */
export async function* sseMessages(body: ReadableStream<Uint8Array>): AsyncIterable<SseMessage[]> {
  const decoder = new TextDecoder();
  let rest = '';
  for await (const chunk of body) {
    const text = rest + decoder.decode(chunk, { stream: true });
    const messages: SseMessage[] = [];
    let start = 0;
    for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n', start)) {
      const message = parseMessage(text.slice(start, end));
      if (message) messages.push(message);
      start = end + 2;
    }
    rest = text.slice(start);
    if (messages.length > 0) yield messages;
  }
}

/** One message's lines; undefined for a block of comments only. */
function parseMessage(block: string): SseMessage | undefined {
  let id: string | undefined;
  let event: string | undefined;
  let data: string | undefined;
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(line.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1);
    if (field === 'data') data = data === undefined ? value : `${data}\n${value}`;
    else if (field === 'id') id = value;
    else if (field === 'event') event = value;
  }
  return data === undefined && event === undefined ? undefined : { id, event, data: data ?? '' };
}

/** `GET path` of the service as an event stream; fails unless it answers 200 with one. */
export async function openEventStream(url: string, key: string, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const answer = await fetch(url, { headers: { authorization: `Bearer ${key}`, accept: 'text/event-stream' }, signal });
  if (answer.status !== 200 || !answer.body || !answer.headers.get('content-type')?.startsWith('text/event-stream')) {
    throw new Error(`GET ${url} answered ${answer.status} ${answer.headers.get('content-type')}: ${await answer.text()}`);
  }
  return answer.body;
}
