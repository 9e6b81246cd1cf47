/**
 * Token buckets per client: `capacity` requests at once, refilled evenly so a drained bucket is
 * full again after `windowMs`. `MemoryRateLimiter` keeps them in this process (one server);
 * a store that several servers share offers a limiter whose buckets they share
 * (`VoteStore.rateLimiter`), with the same arithmetic.
 */
export interface RateLimiter {
  /** Takes one token from `key`'s bucket, or answers how long to wait for one. */
  take(key: string): Promise<RateLimitDecision>;
}

export interface BucketOptions {
  /** Burst size: how many requests one key may make at once. */
  capacity: number;
  /** The time in which a drained bucket fills up again. */
  windowMs: number;
}

export interface RateLimitOptions extends BucketOptions {
  /** How many clients to remember; the least recently seen are forgotten past this. */
  maxClients?: number;
  now?: () => number;
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Seconds to wait until a bucket holding `tokens` has one whole token again. */
export function retryAfterSeconds(tokens: number, { capacity, windowMs }: BucketOptions): number {
  const waitMs = ((1 - tokens) * windowMs) / capacity;
  // The epsilon keeps float noise (20.000000001 s) from adding a whole second.
  return Math.max(1, Math.ceil(waitMs / 1000 - 1e-9));
}

export class MemoryRateLimiter implements RateLimiter {
  readonly #capacity: number;
  readonly #windowMs: number;
  readonly #refillPerMs: number;
  readonly #maxClients: number;
  readonly #now: () => number;
  /** Kept in least-recently-used order (Map keeps insertion order; a hit re-inserts). */
  readonly #buckets = new Map<string, Bucket>();

  constructor({ capacity, windowMs, maxClients = 100_000, now = Date.now }: RateLimitOptions) {
    this.#capacity = capacity;
    this.#windowMs = windowMs;
    this.#refillPerMs = capacity / windowMs;
    this.#maxClients = maxClients;
    this.#now = now;
  }

  take(client: string): Promise<RateLimitDecision> {
    return Promise.resolve(this.takeNow(client));
  }

  takeNow(client: string): RateLimitDecision {
    const now = this.#now();
    const bucket = this.#buckets.get(client) ?? { tokens: this.#capacity, updatedAt: now };
    bucket.tokens = Math.min(this.#capacity, bucket.tokens + (now - bucket.updatedAt) * this.#refillPerMs);
    bucket.updatedAt = now;
    this.#buckets.delete(client);
    this.#buckets.set(client, bucket);
    // Bounded memory however many addresses write; forgetting a client only refills its bucket.
    if (this.#buckets.size > this.#maxClients) {
      const oldest = this.#buckets.keys().next();
      if (!oldest.done) this.#buckets.delete(oldest.value);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return {
      allowed: false,
      retryAfterSeconds: retryAfterSeconds(bucket.tokens, { capacity: this.#capacity, windowMs: this.#windowMs }),
    };
  }
}
