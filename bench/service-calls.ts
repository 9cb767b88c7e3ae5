/** A JSON POST to the service; answers the parsed body, and fails on any status but `expected`. */
export async function postJson<T>(serviceUrl: string, key: string, path: string, body: unknown, expected = 201): Promise<T> {
  const answer = await fetch(`${serviceUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await answer.text();
  if (answer.status !== expected) throw new Error(`POST ${path} answered ${answer.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** A key of the `integrator` role, issued with the admin key: what a subscriber holds. */
export async function issueIntegratorKey(serviceUrl: string, adminKey: string, name: string): Promise<string> {
  return (await postJson<{ key: string }>(serviceUrl, adminKey, '/v1/api-keys', { name, role: 'integrator' })).key;
}
