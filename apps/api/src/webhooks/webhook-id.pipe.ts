import type { PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { RequestValidationError } from '../http/validation';

/** Webhook ids are UUIDs: anything else is a 400 naming the path parameter. */
export class WebhookIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUUID(value)) throw new RequestValidationError([{ path: 'id', message: 'id must be the UUID of a webhook' }]);
    return value.toLowerCase();
  }
}
