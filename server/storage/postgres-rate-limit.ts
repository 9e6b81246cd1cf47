/**
 * Token buckets in PostgreSQL, shared by every server on the database: the same arithmetic as
 * `MemoryRateLimiter`, done in one statement on the database's clock, so servers with skewed
 * clocks still agree. The table is UNLOGGED: buckets need no crash safety, and skipping the
 * write-ahead log makes each take cheap.
 */
import type pg from 'pg';
import { retryAfterSeconds, type BucketOptions, type RateLimitDecision, type RateLimiter } from '../http/rate-limit.js';

export const RATE_LIMITS_TABLE = `CREATE UNLOGGED TABLE IF NOT EXISTS ai_compare_rate_limits (
  key text PRIMARY KEY,
  tokens double precision NOT NULL,
  updated_ms double precision NOT NULL,
  allowed boolean NOT NULL
)`;

/** $1 key, $2 capacity, $3 tokens refilled per millisecond. */
const TAKE_SQL = `INSERT INTO ai_compare_rate_limits AS b (key, tokens, updated_ms, allowed)
  VALUES ($1, $2::float8 - 1, extract(epoch FROM clock_timestamp()) * 1000, true)
  ON CONFLICT (key) DO UPDATE SET
    tokens = CASE WHEN least($2::float8, b.tokens + (excluded.updated_ms - b.updated_ms) * $3::float8) >= 1
      THEN least($2::float8, b.tokens + (excluded.updated_ms - b.updated_ms) * $3::float8) - 1
      ELSE least($2::float8, b.tokens + (excluded.updated_ms - b.updated_ms) * $3::float8) END,
    allowed = least($2::float8, b.tokens + (excluded.updated_ms - b.updated_ms) * $3::float8) >= 1,
    updated_ms = excluded.updated_ms
  RETURNING tokens, allowed`;

/** A bucket untouched for a whole window is full again: its row can go. */
const SWEEP_SQL = `DELETE FROM ai_compare_rate_limits
  WHERE key LIKE $1 AND updated_ms < extract(epoch FROM clock_timestamp()) * 1000 - $2::float8`;

const SWEEP_INTERVAL_MS = 60_000;

export class PostgresRateLimiter implements RateLimiter {
  readonly #pool: pg.Pool;
  readonly #prefix: string;
  readonly #bucket: BucketOptions;
  readonly #sweeper: NodeJS.Timeout;

  /** `name` keeps the buckets of different limits apart in the one table. */
  constructor(pool: pg.Pool, name: string, bucket: BucketOptions) {
    this.#pool = pool;
    this.#prefix = `${name}:`;
    this.#bucket = bucket;
    this.#sweeper = setInterval(() => {
      const pattern = `${this.#prefix.replace(/[\\%_]/g, '\\$&')}%`;
      this.#pool.query(SWEEP_SQL, [pattern, bucket.windowMs]).catch(() => undefined);
    }, SWEEP_INTERVAL_MS).unref();
  }

  async take(key: string): Promise<RateLimitDecision> {
    const { capacity, windowMs } = this.#bucket;
    const { rows } = await this.#pool.query<{ tokens: number; allowed: boolean }>(TAKE_SQL, [
      this.#prefix + key,
      capacity,
      capacity / windowMs,
    ]);
    const [{ tokens, allowed }] = rows;
    return allowed ? { allowed: true } : { allowed: false, retryAfterSeconds: retryAfterSeconds(tokens, this.#bucket) };
  }

  stop(): void {
    clearInterval(this.#sweeper);
  }
}
