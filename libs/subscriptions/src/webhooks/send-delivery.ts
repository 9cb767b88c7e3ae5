/** The most of a receiver's answer read (for the log): a huge or endless answer must not hold the dispatcher. */
const responseBytes = 1024;

export interface SendResult {
  status: number | null;
  error: string | null;
  response: string | null;
  durationMs: number;
}

/**
 * POSTs one signed delivery and reads the start of the answer. Never throws: a refused
 * connection, a timeout or a broken answer is a result like a status. Redirects are not
 * followed (a receiver that moved answers 3xx, which is a failure to fix at registration).
 */
export async function sendDelivery(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<SendResult> {
  const started = performance.now();
  const signal = AbortSignal.timeout(timeoutMs);
  const took = () => Math.round(performance.now() - started);
  try {
    const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, redirect: 'manual', signal });
    const response = await startOf(answer, signal);
    const ok = answer.status >= 200 && answer.status < 300;
    return { status: answer.status, error: ok ? null : `The receiver answered HTTP ${answer.status}.`, response, durationMs: took() };
  } catch (error) {
    const reason = signal.aborted ? `No answer within ${timeoutMs} ms.` : `The request failed: ${causeOf(error)}`;
    return { status: null, error: reason, response: null, durationMs: took() };
  }
}

/** The first `responseBytes` of the answer's body as text; the rest is not read (the connection is let go). */
async function startOf(answer: Response, signal: AbortSignal): Promise<string | null> {
  if (!answer.body) return null;
  const reader = answer.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < responseBytes && !signal.aborted) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // An answer cut short or too slow keeps what arrived: the status is what counts.
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  const text = Buffer.concat(chunks).subarray(0, responseBytes).toString('utf8');
  return text.length > 0 ? text : null;
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  return error instanceof Error ? error.message : String(error);
}
