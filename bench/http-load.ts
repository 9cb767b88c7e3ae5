import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { LeanHttpClient } from './lean-http-client';

/** A load of POSTs from concurrent clients, each waiting for its answer before sending the next. */
export interface HttpLoad {
  port: number;
  authorization: string;
  clients: number;
  perClient: number;
  /** Names this load's orders, so that a second load on the same customers records new ones. */
  run: string;
  /** Purchases are spread over customers bench-0 … bench-(customers-1), registered beforehand. */
  customers: number;
  /** Client 0 records all its purchases on this customer instead (a long stream under the same load). */
  dedicatedCustomer?: string;
}

export interface HttpLoadResult {
  latenciesMs: number[];
  seconds: number;
  /** Client 0's latencies, when it had a dedicated customer. */
  dedicatedLatenciesMs?: number[];
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
  const customer = client === 0 && load.dedicatedCustomer ? load.dedicatedCustomer : `bench-${(client * 31 + i) % load.customers}`;
  const order = { orderId: `SO-${load.run}-${client}-${i}`, currency: 'CNY', lines: [{ sku: 'NB-T14', category: 'notebooks', quantity: 2, unitPriceMinor: 599_900 }] };
  return { path: `/v1/customers/${customer}/purchases`, body: JSON.stringify(order) };
}

/** POSTs JSON over one keep-alive connection; answers the latency in ms, and fails on any status but 201. */
export async function jsonPoster(port: number, authorization: string) {
  let client = await LeanHttpClient.open(port, authorization);
  const post = async (path: string, body: string): Promise<number> => {
    if (client.closed) client = await LeanHttpClient.open(port, authorization);
    const started = process.hrtime.bigint();
    const status = await client.post(path, body);
    if (status !== 201) throw new Error(`${path} answered ${status}`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  return { post, close: () => client.close() };
}

async function drive(load: HttpLoad): Promise<HttpLoadResult> {
  const posters = await Promise.all(Array.from({ length: load.clients }, () => jsonPoster(load.port, load.authorization)));
  const latenciesMs: number[] = [];
  const dedicatedLatenciesMs: number[] = [];
  const started = process.hrtime.bigint();
  await Promise.all(
    posters.map(async ({ post }, client) => {
      for (let i = 0; i < load.perClient; i++) {
        const { path, body } = nextRequest(load, client, i);
        const latency = await post(path, body);
        latenciesMs.push(latency);
        if (client === 0 && load.dedicatedCustomer) dedicatedLatenciesMs.push(latency);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  for (const { close } of posters) close();
  return { latenciesMs, seconds, ...(load.dedicatedCustomer ? { dedicatedLatenciesMs } : {}) };
}

if (!isMainThread && parentPort) {
  void drive(workerData as HttpLoad).then((result) => parentPort!.postMessage(result));
}
