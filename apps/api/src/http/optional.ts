import { applyDecorators } from '@nestjs/common';
import { IsDefined, ValidateIf } from 'class-validator';

/**
 * The field may be left out; when present it is validated, and `null` is
 * refused (class-validator's @IsOptional lets null through unchecked, and
 * the domain would meet it where it expects a value).
 */
export function Optional(): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_, value) => value !== undefined),
    IsDefined({ message: '$property must not be null: leave it out instead' }),
  );
}

/** With @Optional: `null` is accepted (the OpenAPI says what it clears) and nothing else is checked for it. */
export function NullClears(): PropertyDecorator {
  return ValidateIf((_, value) => value !== null);
}
