import { customerStream } from '@crm/domain';
import { idPattern } from '../customers/customer-id';

/** A filter's `stream`: a customer id, or the stream id itself (`customer-<id>`, which also names a customer whose id starts so). */
export const streamPattern = new RegExp(`^(customer-${idPattern.source.slice(1, -1)}|${idPattern.source.slice(1, -1)})$`);
export const streamRule = 'must be a customer id (1-100 letters, digits or _ . : -, starting with a letter or digit) or its stream id customer-<id>';

/** The stream a filter's `stream` names. */
export function streamOf(stream: string): string {
  return stream.startsWith('customer-') ? stream : customerStream(stream);
}
