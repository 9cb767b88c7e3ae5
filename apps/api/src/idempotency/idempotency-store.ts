import {
  ConflictException,
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { SqlClient } from '@crm/event-store';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { SQL_CLIENT } from '../database/database.module';

/** An answer as it went out, kept so that a retried request gets it again. */
export interface StoredAnswer {
  status: number;
  body: unknown;
  etag?: string;
}

/**
 * `Idempotency-Key`: the first request with a key claims it, runs and stores
 * its answer; a retry with the same key and request gets that answer without
 * writing again; the same key on a different request is refused (422), and
 * while the first is still running a retry is told so (409). A request that
 * fails leaves no claim behind, so it may be retried with the same key; so
 * does one whose process died while it ran, once its claim is two minutes old
 * (a command takes milliseconds; CRM_IDEMPOTENCY_CLAIM_SECONDS). A retry that
 * runs again after such a death writes nothing twice: its events' ids derive
 * from the key (CommandContext.requestKey), and the store answers stored ids
 * with what it stored. A key is kept for 24 hours; after that it
 * may be used afresh, and an hourly sweep deletes it.
 */
@Injectable()
export class IdempotencyStore implements OnModuleInit, OnModuleDestroy {
  private sweeper?: NodeJS.Timeout;
  private readonly logger = new Logger('Idempotency');

  private readonly claimSeconds: number;

  constructor(@Inject(SQL_CLIENT) private readonly db: SqlClient, @Inject(APP_CONFIG) config: AppConfig) {
    this.claimSeconds = config.idempotencyClaimSeconds ?? 120;
  }

  onModuleInit(): void {
    this.sweeper = setInterval(() => {
      this.sweep().catch((error: unknown) => this.logger.warn(`sweeping expired Idempotency-Keys failed: ${String(error)}`));
    }, 60 * 60 * 1000).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  /** Deletes the keys older than 24 hours; answers how many. */
  async sweep(): Promise<number> {
    const deleted = await this.db.query(`delete from crm_idempotency_keys where created_at < now() - interval '24 hours' returning 1`);
    return deleted.length;
  }

  /** `streamId`: the stream the request writes, whose erasure deletes the answer. */
  async run(apiKeyId: string, key: string, requestHash: string, streamId: string, work: () => Promise<StoredAnswer>): Promise<StoredAnswer> {
    const claimed = await this.db.query<{ claimed_at: string }>(
      `insert into crm_idempotency_keys (api_key_id, idempotency_key, request_hash, stream_id) values ($1, $2, $3, $4)
       on conflict (api_key_id, idempotency_key) do update
         set request_hash = excluded.request_hash, stream_id = excluded.stream_id, status = null, body = null, etag = null, created_at = now()
         where crm_idempotency_keys.created_at < now() - interval '24 hours'
            or (crm_idempotency_keys.status is null and crm_idempotency_keys.created_at < now() - make_interval(secs => $5))
       returning created_at::text as claimed_at`,
      [apiKeyId, key, requestHash, streamId, this.claimSeconds],
    );
    if (claimed.length === 0) return this.replay(apiKeyId, key, requestHash);
    // The claim is ours while it carries our time (as text: a Date would lose the microseconds); a request taken
    // for dead and claimed again must not overwrite the new claim.
    const ours = [apiKeyId, key, claimed[0].claimed_at];
    try {
      const answer = await work();
      await this.db.query(
        `update crm_idempotency_keys set status = $4, body = $5::text::json, etag = $6
         where api_key_id = $1 and idempotency_key = $2 and created_at = $3::text::timestamptz`,
        [...ours, answer.status, JSON.stringify(answer.body), answer.etag ?? null],
      );
      return answer;
    } catch (error) {
      await this.db.query(`delete from crm_idempotency_keys where api_key_id = $1 and idempotency_key = $2 and created_at = $3::text::timestamptz`, ours);
      throw error;
    }
  }

  private async replay(apiKeyId: string, key: string, requestHash: string): Promise<StoredAnswer> {
    const [row] = await this.db.query<{ request_hash: string; status: number | null; body: unknown; etag: string | null }>(
      `select request_hash, status, body, etag from crm_idempotency_keys where api_key_id = $1 and idempotency_key = $2`,
      [apiKeyId, key],
    );
    if (!row) throw new ConflictException(`The request with Idempotency-Key ${key} failed a moment ago; send it again.`);
    if (row.request_hash !== requestHash) {
      throw new UnprocessableEntityException(`Idempotency-Key ${key} was used for a different request; use a new key.`);
    }
    if (row.status === null) {
      throw new ConflictException(`A request with Idempotency-Key ${key} is still being processed; retry shortly.`);
    }
    return { status: row.status, body: row.body, ...(row.etag ? { etag: row.etag } : {}) };
  }
}
