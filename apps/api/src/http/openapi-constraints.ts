import type { INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/internal';
import { ModulesContainer } from '@nestjs/core';
import { DECORATORS, type OpenAPIObject, type ReferenceObject, type SchemaObject } from '@nestjs/swagger';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { datePattern } from '../customers/customers.dto';

type Rule = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/**
 * What each class-validator rule reads as in OpenAPI. Rules without an
 * OpenAPI word are left out: IsObject and ValidateNested show as the `$ref`,
 * IsArray as the `type: array` the DTO's @ApiProperty gives.
 */
const schemaOf: Record<string, (constraints: any[]) => SchemaObject> = {
  isString: () => ({ type: 'string' }),
  isBoolean: () => ({ type: 'boolean' }),
  isInt: () => ({ type: 'integer' }),
  isLength: ([minLength, maxLength]) => ({ minLength, maxLength }),
  matches: ([pattern]) => {
    const source = new RegExp(pattern).source;
    return { type: 'string', pattern: source, ...(source === datePattern.source ? { format: 'date' } : {}) };
  },
  min: ([minimum]) => ({ minimum }),
  max: ([maximum]) => ({ maximum }),
  isIn: ([values]) => ({ type: typeof values[0], enum: [...values] }),
  isEmail: () => ({ type: 'string', format: 'email' }),
  isInstant: () => ({ type: 'string', format: 'date-time' }),
  arrayMinSize: ([minItems]) => ({ minItems }),
  arrayMaxSize: ([maxItems]) => ({ maxItems }),
};

/**
 * The document with every request field's constraints as class-validator
 * enforces them (lengths, patterns, bounds, enums, integer, formats, array
 * sizes, and `nullable` where a condition lets null through unchecked, as
 * @NullClears does), read from the rules themselves so that the document
 * cannot drift from what is validated. A DTO's schema is the one swagger
 * named after its class.
 */
export function withValidationRules(app: INestApplication, document: OpenAPIObject): OpenAPIObject {
  const schemas = document.components?.schemas ?? {};
  for (const dtoClass of requestClasses(app)) {
    const schema = schemas[dtoClass.name];
    if (!schema || isReference(schema)) continue;
    for (const rule of getMetadataStorage().getTargetValidationMetadatas(dtoClass, '', false, false)) {
      const property = schema.properties?.[rule.propertyName];
      const target = property && !isReference(property) && rule.each ? property.items : property;
      if (target && !isReference(target)) Object.assign(target, documented(rule));
    }
  }
  return document;
}

function documented(rule: Rule): SchemaObject {
  if (rule.type === ValidationTypes.CONDITIONAL_VALIDATION) {
    const skipsNull = !(rule.constraints[0] as (object: object, value: unknown) => boolean)({}, null);
    return skipsNull ? { nullable: true } : {};
  }
  const schemaOfRule = rule.type === ValidationTypes.CUSTOM_VALIDATION && rule.name ? schemaOf[rule.name] : undefined;
  return schemaOfRule?.(rule.constraints ?? []) ?? {};
}

/**
 * The class of every route's body, and the classes its documented properties
 * nest, as swagger reaches them: class-validator lists only the classes that
 * declare rules, not those that inherit all of theirs (FactDto's children).
 */
function requestClasses(app: INestApplication): Set<Function> {
  const found = new Set<Function>();
  const reach = (dtoClass: unknown): void => {
    if (typeof dtoClass !== 'function' || found.has(dtoClass)) return;
    const properties: string[] | undefined = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, dtoClass.prototype ?? {});
    if (!properties) return;
    found.add(dtoClass);
    for (const key of properties) reach(Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, dtoClass.prototype, key.slice(1))?.type);
  };
  for (const { controllers } of app.get(ModulesContainer).values()) {
    for (const { metatype } of controllers.values()) {
      if (!metatype) continue;
      for (const method of Object.getOwnPropertyNames(metatype.prototype)) {
        const args: Record<string, { index: number }> = Reflect.getMetadata(ROUTE_ARGS_METADATA, metatype, method) ?? {};
        const parameterTypes: unknown[] = Reflect.getMetadata('design:paramtypes', metatype.prototype, method) ?? [];
        for (const [key, { index }] of Object.entries(args)) if (key.startsWith(`${RouteParamtypes.BODY}:`)) reach(parameterTypes[index]);
      }
    }
  }
  return found;
}

const isReference = (schema: SchemaObject | ReferenceObject): schema is ReferenceObject => '$ref' in schema;
