import { getMetadataStorage } from 'class-validator';
import { startApi, type TestApi } from '../support/api';

/**
 * The OpenAPI document read as a stranger reads it: every operation says what
 * it does, every answer has a schema, every field the constraints the service
 * enforces (checked against class-validator's own rules, the source of truth).
 */

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  oneOf?: Schema[];
  allOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  nullable?: boolean;
  description?: string;
  [constraint: string]: unknown;
}

interface Operation {
  summary?: string;
  description?: string;
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
}

interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, Record<string, unknown>> };
}

type Rule = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/** What each class-validator rule must read as in a property's schema (an `each` rule: in its items'). */
const documented: Record<string, (constraints: any[]) => Record<string, unknown>> = {
  isLength: ([min, max]) => ({ minLength: min, maxLength: max }),
  matches: ([pattern]) => ({ type: 'string', pattern: (pattern as RegExp).source }),
  min: ([minimum]) => ({ minimum }),
  max: ([maximum]) => ({ maximum }),
  isIn: ([values]) => ({ enum: values }),
  isInt: () => ({ type: 'integer' }),
  isString: () => ({ type: 'string' }),
  isBoolean: () => ({ type: 'boolean' }),
  isEmail: () => ({ type: 'string', format: 'email' }),
  isInstant: () => ({ type: 'string', format: 'date-time' }),
  arrayMinSize: ([minItems]) => ({ minItems }),
  arrayMaxSize: ([maxItems]) => ({ maxItems }),
};

/**
 * Every class that declares class-validator rules: it has no public list, so its store is read directly.
 * A class that only inherits its rules (FactDto's children) is not listed: the checks by field name cover it.
 */
function ruledClasses(): Function[] {
  return [...(getMetadataStorage() as unknown as { validationMetadatas: Map<Function, unknown> }).validationMetadatas.keys()];
}

describe('the OpenAPI document (PostgreSQL)', () => {
  let api: TestApi;
  let document: Document;
  beforeAll(async () => {
    api = await startApi();
    const response = await fetch(`${api.url}/docs-json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as Document;
  });
  afterAll(() => api.close());

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, path, operation })),
    );
  const named = (schema: Schema): Schema => (schema.$ref ? document.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema);

  /** Every object schema a request body reaches, following $ref and array items, by its name (or place, when inline). */
  function requestSchemas(): { place: string; schema: Schema }[] {
    const found = new Map<string, Schema>();
    const visit = (place: string, schema: Schema): void => {
      const target = named(schema);
      const key = schema.$ref?.replace('#/components/schemas/', '') ?? place;
      if (found.has(key)) return;
      if (target.properties) found.set(key, target);
      for (const [name, property] of Object.entries(target.properties ?? {})) visit(`${key}.${name}`, property);
      if (target.items) visit(`${key}[]`, target.items);
    };
    for (const { route, operation } of operations()) {
      const schema = operation.requestBody?.content['application/json']?.schema;
      if (schema) visit(route, schema);
    }
    return [...found].map(([place, schema]) => ({ place, schema }));
  }

  /** Every property of every schema in the document, requests and answers. */
  const everyProperty = () =>
    Object.entries(document.components.schemas).flatMap(([name, schema]) =>
      Object.entries(schema.properties ?? {}).map(([property, value]) => ({ at: `${name}.${property}`, property, schema: value })),
    );

  it('sums up and describes every operation and each of its answers', () => {
    for (const { route, operation } of operations()) {
      expect({ route, summary: operation.summary?.trim() || undefined, description: operation.description?.trim() || undefined }).toEqual({
        route,
        summary: expect.any(String),
        description: expect.any(String),
      });
      for (const [status, { description }] of Object.entries(operation.responses)) {
        expect({ route, status, description: description?.trim() || undefined }).toEqual({ route, status, description: expect.any(String) });
      }
    }
  });

  it('documents 401, 403 and 429 as problems on every route that needs a key (all but /health and the public signing key), and every error as a problem', () => {
    for (const { route, path, operation } of operations()) {
      const statuses = Object.keys(operation.responses);
      if (path === '/health' || path === '/v1/checkpoints/public-key') {
        expect({ route, statuses: statuses.filter((s) => ['401', '403'].includes(s)), security: operation.security }).toEqual({ route, statuses: [], security: undefined });
        continue;
      }
      expect({ route, statuses: statuses.filter((s) => ['401', '403', '429', '503'].includes(s)).sort() }).toEqual({ route, statuses: ['401', '403', '429', '503'] });
      expect({ route, security: operation.security }).toEqual({ route, security: [{ bearer: [] }] });
      for (const status of statuses.filter((s) => Number(s) >= 400)) {
        const schema = operation.responses[status].content?.['application/problem+json']?.schema;
        expect({ route, status, schema }).toEqual({ route, status, schema: { $ref: '#/components/schemas/ProblemDoc' } });
      }
    }
  });

  it('gives every successful answer with a body a schema', () => {
    for (const { route, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!status.startsWith('2') || status === '204') continue;
        const schema = (response.content?.['application/json'] ?? response.content?.['text/event-stream'])?.schema;
        expect({ route, status, schema: schema && (named(schema).properties || named(schema).type) ? 'described' : schema }).toEqual({ route, status, schema: 'described' });
      }
    }
  });

  it('types every field a request body reaches', () => {
    for (const { place, schema } of requestSchemas()) {
      for (const [name, property] of Object.entries(schema.properties!)) {
        // A bare `type: object` is what swagger makes of a `string | null` field it knows nothing more of.
        const typed = Boolean((property.type && property.type !== 'object') || property.$ref || property.enum || property.oneOf || property.allOf);
        expect({ field: `${place}.${name}`, typed }).toEqual({ field: `${place}.${name}`, typed: true });
        if (property.type === 'array') expect({ field: `${place}.${name}[]`, items: Boolean(property.items?.type || property.items?.$ref) }).toEqual({ field: `${place}.${name}[]`, items: true });
      }
    }
  });

  it('shows every constraint class-validator enforces on a request field', () => {
    const schemas = document.components.schemas;
    const checked = ruledClasses().filter((dtoClass) => schemas[dtoClass.name]);
    expect(checked.map((dtoClass) => dtoClass.name)).toEqual(expect.arrayContaining(['RegisterCustomerDto', 'PurchaseLineDto', 'IssueApiKeyDto']));
    for (const dtoClass of checked) {
      const rules = getMetadataStorage().getTargetValidationMetadatas(dtoClass, '', false, false) as Rule[];
      for (const rule of rules) {
        const expected = rule.name && documented[rule.name]?.(rule.constraints ?? []);
        if (!expected) continue;
        const property = schemas[dtoClass.name].properties?.[rule.propertyName] ?? {};
        const where = rule.each ? (property.items ?? {}) : property;
        const field = `${dtoClass.name}.${rule.propertyName}${rule.each ? '[]' : ''} (${rule.name})`;
        expect({ field, schema: where }).toMatchObject({ field, schema: expected });
      }
    }
  });

  it('reads money in minor units as integers, times as RFC 3339 instants and calendar dates as dates', () => {
    const properties = everyProperty();
    const minor = properties.filter(({ property }) => property.endsWith('Minor'));
    expect(minor.map(({ at }) => at)).toEqual(expect.arrayContaining(['PurchaseLineDto.unitPriceMinor', 'RefundPurchaseDto.amountMinor']));
    for (const { at, schema } of minor) expect({ at, type: schema.type }).toEqual({ at, type: 'integer' });
    const instants = properties.filter(({ property }) => ['occurredAt', 'plannedFor'].includes(property));
    expect(instants.length).toBeGreaterThan(30);
    for (const { at, schema } of instants) expect({ at, format: schema.format }).toEqual({ at, format: 'date-time' });
    for (const at of ['UpdateProfileCardDto.birthday', 'AnniversaryDto.date', 'AddContactDto.birthday']) {
      expect({ at, format: properties.find((p) => p.at === at)?.schema.format }).toEqual({ at, format: 'date' });
    }
  });

  it('allows null only where it clears a field, and says what it clears', () => {
    const nullable = requestSchemas().flatMap(({ place, schema }) =>
      Object.entries(schema.properties!).filter(([, property]) => property.nullable).map(([name, property]) => ({ field: `${place}.${name}`, description: property.description ?? '' })),
    );
    expect(nullable.map(({ field }) => field).sort()).toEqual(['UpdateContactDto.birthday', 'UpdateContactDto.reportsTo', 'UpdateProfileCardDto.birthday']);
    for (const { field, description } of nullable) expect({ field, saysNull: /`null`/.test(description) }).toEqual({ field, saysNull: true });
  });

  it('describes the bearer scheme as an API key, not a JWT', () => {
    const { bearer } = document.components.securitySchemes;
    expect(bearer).toEqual({ type: 'http', scheme: 'bearer', description: expect.stringContaining('POST /v1/api-keys') });
  });
});
