import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { RecordedEventDoc } from '../http/openapi';
import { Optional } from '../http/optional';

const version = /^(0|[1-9][0-9]{0,8})$/;

/** The query of `GET /v1/customers/:id/events`; every value arrives as text. */
export class CustomerEventsQueryDto {
  @ApiPropertyOptional({ description: 'First stream version (inclusive); default 0.', pattern: version.source })
  @Optional()
  @Matches(version, { message: 'fromVersion must be a stream version: a whole number from 0' })
  fromVersion?: string;

  @ApiPropertyOptional({ description: 'Last stream version (inclusive); default the last of the stream.', pattern: version.source })
  @Optional()
  @Matches(version, { message: 'toVersion must be a stream version: a whole number from 0' })
  toVersion?: string;

  @ApiPropertyOptional({ description: 'Events per page: 1-1000, default 1000.', pattern: '^([1-9][0-9]{0,2}|1000)$' })
  @Optional()
  @Matches(/^([1-9][0-9]{0,2}|1000)$/, { message: 'limit must be a whole number from 1 to 1000' })
  limit?: string;
}

/** The query of `GET /v1/checkpoints`. */
export class CheckpointsQueryDto {
  @ApiPropertyOptional({ description: 'Only checkpoints after this sequence (the `next` of the page before); default 0.', pattern: version.source })
  @Optional()
  @Matches(version, { message: 'after must be a checkpoint sequence: a whole number from 0' })
  after?: string;

  @ApiPropertyOptional({ description: 'Checkpoints per page: 1-1000, default 100.', pattern: '^([1-9][0-9]{0,2}|1000)$' })
  @Optional()
  @Matches(/^([1-9][0-9]{0,2}|1000)$/, { message: 'limit must be a whole number from 1 to 1000' })
  limit?: string;
}

class StoredFormDoc {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Without the sealed personal fields.' }) data!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true }) metadata!: Record<string, unknown>;
}

export class ChainedEventDoc extends RecordedEventDoc {
  @ApiProperty({ description: "sha256 (hex) of `previousHash` and the event's canonical form (DESIGN.md §3).", pattern: '^[0-9a-f]{64}$' }) hash!: string;
  @ApiProperty({ description: "The link of the stream's event before it; empty for its first event.", pattern: '^([0-9a-f]{64})?$' }) previousHash!: string;
  @ApiPropertyOptional({
    type: StoredFormDoc,
    description:
      'Only where it differs from what the event reads: its data and metadata (without `occurredAt`) as stored and hashed, personal ' +
      "fields sealed under the customer's key (`metadata.personalData`). With it, `hash` can be recomputed from this answer alone.",
  })
  stored?: StoredFormDoc;
}

export class CustomerEventsPageDoc {
  @ApiProperty() customerId!: string;
  @ApiProperty({ type: [ChainedEventDoc], description: 'In stream-version order. Erased personal fields read null, named in `metadata.erased`.' }) events!: ChainedEventDoc[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'The `fromVersion` of the next page; null at the end.' }) next!: number | null;
}

export class CheckpointDoc {
  @ApiProperty({ type: 'integer', description: '1, 2, 3 … without gaps.' }) sequence!: number;
  @ApiProperty({ type: 'integer', description: 'Every event at or below this `$all` position is covered.' }) position!: number;
  @ApiProperty({ type: 'integer', description: 'Streams under the root.' }) streams!: number;
  @ApiProperty({ description: "Merkle root (RFC 9162) of the streams' heads, leaf `streamId\\nversion\\nhash`, streams in byte order." }) root!: string;
  @ApiProperty({ description: '`digest` of the checkpoint before; empty for the first.' }) previous!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'The id of the signing key (first 16 hex digits of sha256 of its SPKI DER).' }) keyId!: string;
  @ApiProperty({ description: 'Ed25519 signature (base64) of the statement: `crm-checkpoint/1`, then `sequence n`, `position p`, `streams s`, `root r`, `previous d`, `createdAt t`, one a line.' })
  signature!: string;
  @ApiProperty({ description: 'sha256 (hex) of that statement.' }) digest!: string;
}

export class CheckpointsPageDoc {
  @ApiProperty({ type: [CheckpointDoc] }) checkpoints!: CheckpointDoc[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'The `after` of the next page; null when this is the last.' }) next!: number | null;
}

export class MadeCheckpointDoc {
  @ApiProperty({ type: CheckpointDoc, nullable: true, description: 'The checkpoint covering everything written; null while nothing is.' }) checkpoint!: CheckpointDoc | null;
  @ApiProperty({ description: 'Whether this call made it (false: the latest already covered everything).' }) created!: boolean;
}

export class PublicKeyDoc {
  @ApiProperty() keyId!: string;
  @ApiProperty({ description: 'Ed25519 public key, SPKI PEM.' }) publicKey!: string;
  @ApiProperty({ example: 'Ed25519' }) algorithm!: string;
}

class FindingDoc {
  @ApiProperty() streamId!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The link the chain or a checkpoint says the event must have.' }) expected!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The link stored; null when the event is gone.' }) found!: string | null;
  @ApiProperty({ enum: ['link', 'committed-head', 'not-committed'] }) reason!: string;
  @ApiPropertyOptional({ type: 'integer', description: 'The checkpoint that shows it.' }) checkpoint?: number;
}

class CheckpointProblemDoc {
  @ApiProperty({ type: 'integer' }) sequence!: number;
  @ApiProperty() problem!: string;
}

class LatestCheckpointDoc {
  @ApiProperty({ type: 'integer' }) sequence!: number;
  @ApiProperty({ type: 'integer' }) position!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

class CheckpointsAuditDoc {
  @ApiProperty({ type: 'integer' }) checked!: number;
  @ApiProperty({ type: LatestCheckpointDoc, nullable: true }) latest!: LatestCheckpointDoc | null;
  @ApiProperty({ type: [CheckpointProblemDoc] }) problems!: CheckpointProblemDoc[];
}

export class VerifyReportDoc {
  @ApiProperty() ok!: boolean;
  @ApiProperty({ type: 'integer', description: 'Events whose links were checked.' }) checked!: number;
  @ApiProperty({ type: [FindingDoc] }) broken!: FindingDoc[];
  @ApiProperty() checkpoints!: CheckpointsAuditDoc;
  @ApiProperty({ type: 'integer', description: 'Events after the latest checkpoint, vouched for by their links only until the next.' }) uncovered!: number;
}
