import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** Ids chosen by clients (customers, contacts, complaints, orders): short, URL-safe, no surprises. */
export const idPattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
export const idRule = 'must be 1-100 letters, digits or _ . : - and start with a letter or digit';

export class CustomerParams {
  @ApiProperty({ example: 'c0ffee00-0000-4000-8000-000000000001' })
  @Matches(idPattern, { message: `id ${idRule}` })
  id!: string;
}
