import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class RfmDoc {
  @ApiProperty({ type: 'integer', description: 'Whole days since the last counted order.' }) recencyDays!: number;
  @ApiProperty({ type: 'integer', description: 'Counted orders within 365 days.' }) frequency!: number;
  @ApiProperty({ type: 'integer', description: 'Their net sum, minor units.' }) monetaryMinor!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 }) r!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 }) f!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 }) m!: number;
}

class LoyaltyComponentDoc {
  @ApiProperty({ enum: ['repeat', 'crossCategory', 'referrals', 'competitorResistance', 'complaintTolerance', 'duration', 'frequencyRevenue', 'lifetimeValue'] }) name!: string;
  @ApiProperty() weight!: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) value!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'The raw inputs of the component.' }) inputs!: Record<string, number>;
}

class DegreesDoc {
  @ApiProperty({ type: Number, nullable: true, description: '(mean satisfaction of the year - 1) x 25.' }) satisfaction!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The loyalty index.' }) loyalty!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The customer’s tier value / the population’s.' }) contribution!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Null until a share-of-wallet fact exists.' }) dependence!: null;
}

export class CustomerLoyaltyDoc {
  @ApiProperty() customerId!: string;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: RfmDoc, nullable: true }) rfm!: RfmDoc | null;
  @ApiProperty({ type: 'integer', nullable: true, minimum: 0, maximum: 100 }) index!: number | null;
  @ApiPropertyOptional({ enum: ['no-purchases'] }) reason?: string;
  @ApiProperty({ type: [LoyaltyComponentDoc] }) components!: LoyaltyComponentDoc[];
  @ApiProperty({ type: DegreesDoc, description: '四度 (003).' }) degrees!: DegreesDoc;
}
