import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { problem, type Problem } from './problem';

/**
 * What Fastify and Node answer before a request reaches a route (a URL that
 * does not decode, a path segment too long, a header block too large, a
 * request that does not parse as HTTP), answered as problem+json too.
 */
export function transportOptions(): Pick<
  FastifyServerOptions,
  'frameworkErrors' | 'clientErrorHandler' | 'connectionTimeout' | 'keepAliveTimeout' | 'requestTimeout' | 'routerOptions'
> {
  return {
    // A half-sent request is closed: the whole request within 30 s, no socket silent for 60 s, idle keep-alive 10 s.
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    keepAliveTimeout: 10_000,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: (error, _request: FastifyRequest, reply: FastifyReply) => {
      const code = (error as { code?: string }).code;
      const answer =
        code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? problem(414, 'A path segment of the URL is over 200 characters.', { code: 'uri-too-long' })
          : problem(400, 'The URL is not valid: a percent-escape does not decode to UTF-8.', { code: 'bad-url' });
      void reply.status(answer.status).header('content-type', problemType).send(answer);
    },
    clientErrorHandler: answerClientError,
  };
}

const problemType = 'application/problem+json; charset=utf-8';

/** Node's own refusals of what is not HTTP (or too large to read), written to the socket as a problem. */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const answer: Problem =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? problem(408, 'The request was not received in time.', { code: 'request-timeout' })
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? problem(431, 'The request line and headers are over 16 KiB.', { code: 'headers-too-large' })
        : problem(400, 'The request is not valid HTTP.', { code: 'bad-http' });
  if (socket.writable) {
    const body = JSON.stringify(answer);
    socket.write(
      `HTTP/1.1 ${answer.status} ${answer.title}\r\nContent-Type: ${problemType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/**
 * Headers on every answer: no content sniffing, no referrer, a content
 * security policy the Swagger page still runs under, and no caching of the
 * API's answers (they carry personal data).
 */
export function securityHeaders(request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void): void {
  void reply.header('x-content-type-options', 'nosniff');
  void reply.header('referrer-policy', 'no-referrer');
  void reply.header('content-security-policy', contentSecurityPolicy);
  if (!request.url.startsWith('/docs')) void reply.header('cache-control', 'no-store');
  done(null, payload);
}

const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  // Swagger UI sets styles inline.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');
