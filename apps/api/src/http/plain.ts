/**
 * A validated DTO as plain JSON: class instances become objects and absent
 * optional fields disappear, as event data requires.
 */
export function plainData<T extends { occurredAt?: string }>(dto: T): Omit<T, 'occurredAt'> {
  const { occurredAt: _businessTime, ...data } = JSON.parse(JSON.stringify(dto)) as T;
  return data;
}
