import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { idPattern, idRule } from '../customers/customer-id';
import { RequestValidationError } from './validation';

/** A client-chosen id in the path (customer, contact, complaint, order): checked without a DTO, on every request. */
@Injectable()
export class IdPipe implements PipeTransform<string, string> {
  transform(value: string, { data }: ArgumentMetadata): string {
    if (!idPattern.test(value)) throw new RequestValidationError([{ path: data ?? 'id', message: `${data ?? 'id'} ${idRule}` }]);
    return value;
  }
}
