/**
 * A token bucket per client: `capacity` writes at once, refilled evenly so a drained bucket is
 * full again after `windowMs`. Buckets live in memory: the limit is per server process.
 */
export interface RateLimitOptions {
  capacity: number;
  windowMs: number;
  /** How many clients to remember; the least recently seen are forgotten past this. */
  maxClients?: number;
  now?: () => number;
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class RateLimiter {
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

  take(client: string): RateLimitDecision {
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
    const waitMs = ((1 - bucket.tokens) * this.#windowMs) / this.#capacity;
    // The epsilon keeps float noise (20.000000001 s) from adding a whole second.
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000 - 1e-9)) };
  }
}
