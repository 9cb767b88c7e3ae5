import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsObject, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import { FactDto } from '../customers/fact.dto';
import { idPattern, idRule } from '../customers/customer-id';
import { DtoType } from '../http/dto-type';
import { Optional } from '../http/optional';

const currencyPattern = /^[A-Z]{3}$/;
const currencyRule = 'must be an ISO 4217 code such as CNY';


class PurchaseLineDto {
  @ApiProperty({ example: 'NB-T480' }) @IsString() @Length(1, 100) sku!: string;
  @ApiProperty({ example: 'notebooks' }) @IsString() @Length(1, 100) category!: string;
  @ApiProperty() @IsInt() @Min(1) quantity!: number;
  @ApiProperty({ description: 'Price of one unit in minor units (fen, cents).', example: 599900 }) @IsInt() @Min(0) unitPriceMinor!: number;
}

export class RecordPurchaseDto extends FactDto {
  @ApiProperty({ example: 'SO-2024-000123' }) @Matches(idPattern, { message: `orderId ${idRule}` }) orderId!: string;
  @ApiProperty({ example: 'CNY' }) @Matches(currencyPattern, { message: `currency ${currencyRule}` }) currency!: string;

  @ApiProperty({ type: [PurchaseLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsObject({ each: true }) @ValidateNested({ each: true })
  @DtoType(() => PurchaseLineDto)
  lines!: PurchaseLineDto[];

  @ApiPropertyOptional({ description: 'In minor units; must equal the sum of the lines when given.' }) @Optional() @IsInt() @Min(0) amountMinor?: number;
  @ApiPropertyOptional({ description: 'What the goods cost us, in minor units, when known.' }) @Optional() @IsInt() @Min(0) costMinor?: number;
  @ApiPropertyOptional({ description: 'Amount minus cost, in minor units: gives the cost when only the margin is known; must agree with `costMinor` when both are given.' }) @Optional() @IsInt() marginMinor?: number;
}

export class RefundPurchaseDto extends FactDto {
  @ApiProperty({ example: 'CN-2024-0042', description: 'Unique within the order, e.g. the credit note number.' })
  @Matches(idPattern, { message: `refundId ${idRule}` })
  refundId!: string;
  @ApiProperty({ description: 'In minor units; at most what remains of the order.' }) @IsInt() @Min(1) amountMinor!: number;
  @ApiProperty({ example: 'CNY' }) @Matches(currencyPattern, { message: `currency ${currencyRule}` }) currency!: string;
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 1000) reason?: string;
}
