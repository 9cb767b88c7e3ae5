import type { DemoCustomer } from './dataset';

/**
 * Sends each customer's facts in order over HTTP, customers side by side.
 * Each fact records one event, so fact i of a customer is sent with
 * `If-Match: "i-1"`: on a database that has it already, it answers 409 at a
 * later version and is passed over. Answers the facts that were refused.
 */
export async function loadDataset(
  url: string,
  key: string,
  customers: readonly DemoCustomer[],
  concurrency: number,
  onFact: () => void,
): Promise<string[]> {
  const failures: string[] = [];
  const queue = [...customers];
  const worker = async () => {
    for (let customer = queue.shift(); customer; customer = queue.shift()) {
      await loadCustomer(url, key, customer, failures, onFact);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return failures;
}

async function loadCustomer(url: string, key: string, customer: DemoCustomer, failures: string[], tick: () => void): Promise<void> {
  for (const [index, request] of customer.requests.entries()) {
    const path = request.path === '' ? '/v1/customers' : `/v1/customers/${customer.customerId}${request.path}`;
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        'if-match': `"${index - 1}"`,
      },
      body: JSON.stringify(request.body),
    });
    const text = await response.text();
    const loadedBefore = response.status === 409 && (JSON.parse(text) as { currentVersion?: number }).currentVersion! >= index;
    if (response.status >= 300 && !loadedBefore) failures.push(`${response.status} POST ${path}: ${text.slice(0, 300)}`);
    tick();
  }
}

