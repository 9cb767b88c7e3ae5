import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { funnelStages, stages } from '@crm/projections';
import { AsOfQueryDto } from '../http/as-of.dto';
import { IsInstant } from '../http/instant';
import { Optional } from '../http/optional';

class StageSpanDoc {
  @ApiProperty({ enum: stages }) stage!: string;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null for the stay under way at asOf.' }) to!: string | null;
}

export class CustomerLifecycleDoc {
  @ApiProperty() customerId!: string;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ enum: stages, nullable: true, description: 'Null when the customer was registered after asOf.' }) stage!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) since!: string | null;
  @ApiProperty({ type: [StageSpanDoc] }) history!: StageSpanDoc[];
}

export class FunnelQueryDto extends AsOfQueryDto {
  @ApiPropertyOptional({ description: 'Cohort: registered at or after this instant.', format: 'date-time' })
  @Optional()
  @IsInstant()
  registeredFrom?: string;

  @ApiPropertyOptional({ description: 'Cohort: registered at or before this instant.', format: 'date-time' })
  @Optional()
  @IsInstant()
  registeredTo?: string;
}

class FunnelStageDoc {
  @ApiProperty({ enum: funnelStages }) stage!: string;
  @ApiProperty({ type: 'integer', description: 'Customers in this stage at asOf.' }) current!: number;
  @ApiProperty({ type: 'integer', description: 'Customers whose history holds this stage or a higher one (a skipped stage counts as passed).' }) reached!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'reached(next) / reached(this).' }) conversionToNext!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Median days in the stage over the customers that were in it.' }) medianDaysInStage!: number | null;
}

export class FunnelDoc {
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) registeredFrom!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) registeredTo!: string | null;
  @ApiProperty({ type: 'integer', description: 'Customers in the cohort (registered, not erased, at asOf).' }) customers!: number;
  @ApiProperty({ type: [FunnelStageDoc] }) stages!: FunnelStageDoc[];
}
