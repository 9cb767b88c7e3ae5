import { Agent, request } from 'node:http';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/** A load of POSTs from concurrent clients, each waiting for its answer before sending the next. */
export interface HttpLoad {
  port: number;
  authorization: string;
  clients: number;
  perClient: number;
  /** Purchases are spread over customers bench-0 … bench-(customers-1), registered beforehand. */
  customers: number;
}

export interface HttpLoadResult {
  latenciesMs: number[];
  seconds: number;
}

/**
 * Runs the load in a worker thread, so that the clients' work does not sit on
 * the service's event loop (it still shares the machine's cores).
 */
export function runHttpLoad(load: HttpLoad): Promise<HttpLoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: load });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

function nextRequest(load: HttpLoad, client: number, i: number): { path: string; body: string } {
  const customer = (client * 31 + i) % load.customers;
  const order = { orderId: `SO-${client}-${i}`, currency: 'CNY', lines: [{ sku: 'NB-T14', category: 'notebooks', quantity: 2, unitPriceMinor: 599_900 }] };
  return { path: `/v1/customers/bench-${customer}/purchases`, body: JSON.stringify(order) };
}

/** POSTs JSON over keep-alive node:http (fetch costs the shared cores twice as much); answers the latency in ms. */
export function jsonPoster(port: number, authorization: string, sockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const post = (path: string, body: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const started = process.hrtime.bigint();
      const req = request(
        { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { authorization, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 201 ? resolve(Number(process.hrtime.bigint() - started) / 1e6) : reject(new Error(`${path} answered ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return { post, close: () => agent.destroy() };
}

async function drive(load: HttpLoad): Promise<HttpLoadResult> {
  const { post, close } = jsonPoster(load.port, load.authorization, load.clients);
  const latenciesMs: number[] = [];
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: load.clients }, async (_, client) => {
      for (let i = 0; i < load.perClient; i++) {
        const { path, body } = nextRequest(load, client, i);
        latenciesMs.push(await post(path, body));
      }
    }),
  );
  close();
  return { latenciesMs, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

if (!isMainThread && parentPort) {
  void drive(workerData as HttpLoad).then((result) => parentPort!.postMessage(result));
}
