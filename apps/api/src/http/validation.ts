import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { validate, type ValidationError, type ValidatorOptions } from 'class-validator';
import { toDto } from './dto-type';
import { rememberValidationRules } from './validation-rules-cache';

/** A request body or query that does not fit its DTO: every offending field with its path. */
export class RequestValidationError extends Error {
  constructor(readonly errors: { path: string; message: string }[]) {
    super(`The request is invalid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    this.name = 'RequestValidationError';
  }
}

function flatten(errors: ValidationError[], parent = ''): { path: string; message: string }[] {
  return errors.flatMap((error) => {
    // class-validator names no property when the value itself is refused (forbidUnknownValues).
    if (error.property === undefined) return Object.values(error.constraints ?? {}).map((message) => ({ path: parent || '(body)', message }));
    const path = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

const validatorOptions: ValidatorOptions = {
  // Unknown fields are refused, not dropped: a typo must not silently lose data.
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
};

/**
 * A request body or query checked against its DTO class: `toDto` builds the
 * (nested) DTO instances, class-validator checks them. Bodies are
 * JSON (Fastify's parser already refuses prototype poisoning) and queries are
 * strings, so the guards of Nest's ValidationPipe for binary values, sparse
 * arrays and prototype keys have nothing to do here; leaving them out is a
 * third of the pipe's cost.
 */
@Injectable()
export class RequestValidationPipe implements PipeTransform {
  constructor() {
    rememberValidationRules();
  }

  async transform(value: unknown, { type, metatype }: ArgumentMetadata): Promise<unknown> {
    if ((type !== 'body' && type !== 'query') || !metatype || nativeTypes.has(metatype)) return value;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new RequestValidationError([{ path: `(${type})`, message: `the ${type} must be a JSON object` }]);
    }
    const dto = toDto(metatype as new () => object, value);
    const errors = await validate(dto, validatorOptions);
    if (errors.length > 0) throw new RequestValidationError(flatten(errors));
    return dto;
  }
}

const nativeTypes = new Set<unknown>([String, Boolean, Number, Array, Object]);
