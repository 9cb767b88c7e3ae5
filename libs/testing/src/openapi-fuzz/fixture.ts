import type { FuzzTarget } from './fuzz';

/** Customers with a contact, a complaint and an order, so that fuzzed requests also reach the deciders' rules. */
export async function fuzzTarget(url: string, adminKey: string): Promise<FuzzTarget> {
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status >= 300) throw new Error(`fuzz fixture: ${path} answered ${response.status} ${await response.text()}`);
    return (await response.json()) as { id?: string };
  };
  const ids = ['fuzz-1', 'fuzz-2'];
  for (const customerId of ids) {
    await post('/v1/customers', { customerId, kind: 'organization', name: `Fuzz ${customerId}` });
    await post(`/v1/customers/${customerId}/contacts`, { contactId: 'ct-1', name: 'Li Na', level: 'middle', role: 'decision-maker' });
    await post(`/v1/customers/${customerId}/complaints`, {
      complaintId: 'cp-1', category: 'delivery', severity: 'high', channel: 'call', description: 'Late', receivedBy: 'agent-1',
    });
    await post(`/v1/customers/${customerId}/purchases`, {
      orderId: 'SO-1', currency: 'CNY', lines: [{ sku: 'A', category: 'booths', quantity: 2, unitPriceMinor: 5000 }],
    });
  }
  const key = await post('/v1/api-keys', { name: 'fuzz-writer', role: 'writer' });
  return { url, adminKey, knownIds: { id: ids, contactId: ['ct-1'], complaintId: ['cp-1'], orderId: ['SO-1'], keyId: [key.id!] } };
}
