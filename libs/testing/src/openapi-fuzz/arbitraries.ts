import fc from 'fast-check';

/** The parts of an OpenAPI 3 schema the generator reads. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  nullable?: boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
}

export type Components = Record<string, Schema>;

/** Values no route expects: wrong types, boundaries, unicode edge cases, prototype keys, SQL and script text, bulk. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    0,
    -0,
    -1,
    1e308,
    -1e308,
    2 ** 53 + 1,
    0.1,
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udc00y',
    '\ufeff',
    '\u202e',
    '😀',
    '__proto__',
    'constructor',
    "'; drop table crm_events; --",
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '%00',
    '2024-02-30T10:00:00Z',
    '2024-01-01T10:00:00',
    '20240101T000000Z',
    'NaN',
    '1e999',
  ),
  fc.integer(),
  fc.double(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 3 }).map((s) => s.repeat(5000)),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }), { maxLength: 3 }),
  fc.integer({ min: 30, max: 3000 }).map((depth) => nested(depth)),
  fc.constant({ __proto__: { polluted: true } }).map(() => JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}') as unknown),
);

function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

/** Values that fit the schema (as far as the schema says), so that requests also get past validation into the deciders. */
export function fitting(schema: Schema, components: Components, depth = 0): fc.Arbitrary<unknown> {
  const resolved = resolve(schema, components);
  if (resolved.enum) return fc.constantFrom(...resolved.enum);
  if (resolved.oneOf) return fc.oneof(...resolved.oneOf.map((s) => fitting(s, components, depth + 1)));
  switch (resolved.type) {
    case 'string':
      return fittingString(resolved);
    case 'integer':
      return fc.integer({ min: resolved.minimum ?? -10, max: Math.min(resolved.maximum ?? 1_000_000, 2 ** 31) });
    case 'number':
      return fc.double({ min: resolved.minimum ?? -1e6, max: resolved.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 4 ? fc.constant([]) : fc.array(fitting(resolved.items ?? {}, components, depth + 1), { maxLength: Math.min(resolved.maxItems ?? 3, 3) });
    case 'object':
    default: {
      if (!resolved.properties || depth > 4) return fc.constant({});
      const members = Object.fromEntries(Object.entries(resolved.properties).map(([name, s]) => [name, fitting(s, components, depth + 1)]));
      return fc.record(members, { requiredKeys: (resolved.required ?? []).filter((name) => name in members) });
    }
  }
}

function fittingString(schema: Schema): fc.Arbitrary<string> {
  if (schema.format === 'date-time') {
    return fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date(Date.now() + 60_000), noInvalidDate: true }).map((d) => d.toISOString());
  }
  if (schema.format === 'date') return fc.date({ min: new Date('1950-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? 200));
  return fc.string({ minLength: schema.minLength ?? 1, maxLength: Math.min(schema.maxLength ?? 40, 40) });
}

/** A fitting object with some of it broken: a member replaced, dropped, added, or a prototype key slipped in. */
export function mutated(schema: Schema, components: Components): fc.Arbitrary<unknown> {
  return fc
    .tuple(fitting(schema, components), fc.nat(), hostileValue, fc.constantFrom('drop', 'replace', 'extra', 'proto', 'keep'))
    .map(([value, pick, hostile, how]) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return hostile;
      const copy = { ...(value as Record<string, unknown>) };
      const names = Object.keys(copy);
      const name = names.length > 0 ? names[pick % names.length] : 'unexpected';
      if (how === 'drop') delete copy[name];
      else if (how === 'replace') copy[name] = hostile;
      else if (how === 'extra') copy[`x${pick % 7}`] = hostile;
      else if (how === 'proto') Object.defineProperty(copy, '__proto__', { value: hostile, enumerable: true, configurable: true, writable: true });
      return copy;
    });
}

function resolve(schema: Schema, components: Components): Schema {
  let current = schema;
  for (let hops = 0; current.$ref && hops < 10; hops++) current = components[current.$ref.split('/').pop()!] ?? {};
  if (current.allOf) {
    return current.allOf.reduce<Schema>((merged, part) => {
      const s = resolve(part, components);
      return { ...merged, ...s, properties: { ...merged.properties, ...s.properties }, required: [...(merged.required ?? []), ...(s.required ?? [])] };
    }, {});
  }
  return current;
}
