/**
 * A validated DTO as plain JSON: class instances (nested ones too) become
 * plain objects and absent optional fields (own properties set to undefined,
 * as class fields are) disappear, as event data requires. Business time
 * travels in the metadata, not in the data.
 */
export function plainData<T extends { occurredAt?: string }>(dto: T): Omit<T, 'occurredAt'> {
  const data = plainJson(dto) as Record<string, unknown>;
  delete data.occurredAt;
  return data as Omit<T, 'occurredAt'>;
}

/** What JSON.parse(JSON.stringify(value)) gives for a validated body, without the text in between. */
function plainJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : plainJson(item)));
  const plain: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) plain[key] = plainJson(member);
  }
  return plain;
}
