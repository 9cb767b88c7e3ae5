import fc from 'fast-check';
import { fitting, hostileValue, mutated, type Components, type Schema } from './arbitraries';

/** The service under test: where it answers, a key that passes every role check, ids it knows. */
export interface FuzzTarget {
  url: string;
  adminKey: string;
  /** Ids that exist, per path parameter name (`id`, `contactId`, ...), so that requests reach the deciders too. */
  knownIds: Record<string, string[]>;
}

export interface FuzzReport {
  requests: number;
  byStatus: Record<string, number>;
  serverErrors: number;
  /** Refused writes after which the `$all` head had moved. */
  movedOnRefusal: number;
  /** Each broken promise once per kind, with the request that showed it. */
  faults: string[];
}

interface Operation {
  method: string;
  path: string;
  body?: Schema;
  queryNames: string[];
}

interface FuzzRequest {
  operation: Operation;
  path: string;
  query: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * Drives every operation of the service's OpenAPI document (`/docs-json`)
 * with generated path ids, query strings, headers and bodies, one request at
 * a time, and checks what every answer must be: never a 5xx; a refusal is
 * `application/problem+json` with a `code`, a 400 names its field paths; a
 * refused write leaves the `$all` head where it was. New routes are covered
 * by being in the document.
 */
export async function fuzzOpenApi(
  target: FuzzTarget,
  options: { requests: number; seed: number; onProgress?: (done: number) => void },
): Promise<FuzzReport> {
  const document = (await (await fetch(`${target.url}/docs-json`)).json()) as OpenApiDocument;
  const operations = operationsOf(document);
  const components = document.components?.schemas ?? {};
  const requests = fc.sample(requestArbitrary(operations, components, target), { numRuns: options.requests, seed: options.seed });
  const report: FuzzReport = { requests: 0, byStatus: {}, serverErrors: 0, movedOnRefusal: 0, faults: [] };
  const seen = new Set<string>();
  const fault = (kind: string, request: FuzzRequest, detail: string) => {
    if (seen.has(kind)) return;
    seen.add(kind);
    report.faults.push(`${kind}: ${request.operation.method.toUpperCase()} ${request.path}${request.query} ${JSON.stringify(request.headers)} ${request.body?.slice(0, 300) ?? ''} -> ${detail.slice(0, 500)}`);
  };
  let head = await headPosition(target);
  for (const request of requests) {
    const response = await send(target.url, request);
    const text = await bodyOf(response);
    report.requests += 1;
    report.byStatus[response.status] = (report.byStatus[response.status] ?? 0) + 1;
    if (response.status >= 500) {
      report.serverErrors += 1;
      fault(`${response.status} on ${request.operation.method} ${request.operation.path}`, request, text);
    } else if (response.status >= 400) {
      checkProblem(response, text, (kind, detail) => fault(`${kind} (${response.status})`, request, detail));
    }
    const writes = request.operation.method === 'post';
    if (writes || report.requests % 20 === 0) {
      const now = await headPosition(target);
      if (writes && response.status >= 400 && now !== head) {
        report.movedOnRefusal += 1;
        fault('refused write moved the $all head', request, `${response.status} ${text}`);
      }
      head = now;
    }
    options.onProgress?.(report.requests);
  }
  return report;
}

function checkProblem(response: Response, text: string, fault: (kind: string, detail: string) => void): void {
  if (!/^application\/problem\+json/.test(response.headers.get('content-type') ?? '')) return fault('refusal not problem+json', text);
  let body: { code?: unknown; errors?: { path?: unknown }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return fault('refusal body not JSON', text);
  }
  if (typeof body.code !== 'string') fault('problem without a code', text);
  if (response.status === 400 && !(Array.isArray(body.errors) && body.errors.length > 0 && body.errors.every((e) => typeof e.path === 'string'))) {
    fault('400 without field paths', text);
  }
}

/** A live stream (Server-Sent Events) lasts until the client leaves: its headers are the answer. */
async function bodyOf(response: Response): Promise<string> {
  if (!/^text\/event-stream/.test(response.headers.get('content-type') ?? '')) return response.text();
  await response.body?.cancel();
  return '';
}

async function headPosition(target: FuzzTarget): Promise<number> {
  return ((await (await fetch(`${target.url}/health`)).json()) as { headPosition: number }).headPosition;
}

function send(url: string, request: FuzzRequest): Promise<Response> {
  return fetch(`${url}${request.path}${request.query}`, {
    method: request.operation.method.toUpperCase(),
    headers: request.headers,
    body: request.body,
  });
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> }; parameters?: { in: string; name: string }[] }>>;
  components?: { schemas?: Components };
}

function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method,
      path,
      body: operation.requestBody?.content?.['application/json']?.schema,
      queryNames: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
    })),
  );
}

const asciiText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 300 });

function requestArbitrary(operations: Operation[], components: Components, target: FuzzTarget): fc.Arbitrary<FuzzRequest> {
  const pathValue = (name: string) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...(target.knownIds[name] ?? ['unknown-id'])) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }) },
      { weight: 1, arbitrary: fc.constantFrom('..', '%', '__proto__', 'x'.repeat(250), "1' or '1'='1", '-1', '0') },
    );
  return fc.constantFrom(...operations).chain((operation) => {
    const names = [...operation.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    return fc
      .record({
        ids: fc.tuple(...names.map(pathValue)),
        body: operation.body
          ? fc.oneof({ weight: 3, arbitrary: fitting(operation.body, components) }, { weight: 4, arbitrary: mutated(operation.body, components) }, { weight: 1, arbitrary: hostileValue })
          : fc.option(hostileValue, { nil: undefined, freq: 3 }),
        duplicateKey: fc.nat(9).map((n) => n === 0),
        query: fc.oneof(
          { weight: 4, arbitrary: fc.constant('') },
          { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...operation.queryNames, 'asOf', 'from', 'x'), asciiText).map(([k, v]) => `?${k}=${encodeURIComponent(v)}`) },
        ),
        authorization: fc.oneof({ weight: 12, arbitrary: fc.constant(`Bearer ${target.adminKey}`) }, { weight: 1, arbitrary: fc.constantFrom('', 'Bearer', 'Basic abc', `Bearer ${'k'.repeat(64)}`) }),
        contentType: fc.oneof({ weight: 12, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', '') }),
        ifMatch: fc.option(fc.oneof(fc.constantFrom('"0"', '"1"', '*', 'W/"2"', '"-1"', '"99999999999999999999"'), asciiText), { freq: 4 }),
        idempotencyKey: fc.option(asciiText, { freq: 4 }),
      })
      .map(({ ids, body, duplicateKey, query, authorization, contentType, ifMatch, idempotencyKey }) => {
        let path = operation.path;
        names.forEach((name, i) => (path = path.replace(`{${name}}`, encodeURIComponent(String(ids[i])))));
        // fetch sends no body with GET or DELETE.
        let text = body === undefined || operation.method !== 'post' ? undefined : JSON.stringify(body);
        // The object's first key given twice, as some JSON writers do.
        if (text !== undefined && duplicateKey) text = text.replace(/^\{("(?:[^"\\]|\\.)*"):/, '{$1:null,$1:');
        const headers: Record<string, string> = {};
        if (authorization) headers.authorization = authorization;
        if (text !== undefined && contentType) headers['content-type'] = contentType;
        if (ifMatch) headers['if-match'] = ifMatch;
        if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
        return { operation, path, query, headers, body: text };
      });
  });
}
