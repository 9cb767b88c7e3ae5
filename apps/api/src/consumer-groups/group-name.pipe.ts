import { Injectable, type PipeTransform } from '@nestjs/common';
import { RequestValidationError } from '../http/validation';
import { groupNamePattern } from './consumer-groups.dto';

/** A consumer group's name in the path. */
@Injectable()
export class GroupNamePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!groupNamePattern.test(value)) throw new RequestValidationError([{ path: 'name', message: 'name must be 1-100 letters, digits or _ . : - and start with a letter or digit' }]);
    return value;
  }
}
