/**
 * Vote tokens: short-lived HMAC signatures over (comparison, client network, expiry). Every
 * answer of the vote routes carries a fresh one; a write must send one back. A script that only
 * POSTs is refused, and a page on another site cannot read one unless CORS lets it.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a token is accepted after it was handed out. */
export const VOTE_TOKEN_LIFETIME_MS = 15 * 60_000;

export type TokenCheck = 'ok' | 'missing' | 'invalid';

export class VoteTokens {
  readonly #secret: Buffer;
  readonly #lifetimeMs: number;
  readonly #now: () => number;

  constructor({ secret, lifetimeMs = VOTE_TOKEN_LIFETIME_MS, now = Date.now }: { secret?: string; lifetimeMs?: number; now?: () => number } = {}) {
    this.#secret = secret === undefined ? randomBytes(32) : Buffer.from(secret, 'utf8');
    this.#lifetimeMs = lifetimeMs;
    this.#now = now;
  }

  #sign(comparisonId: string, network: string, expires: string): Buffer {
    // 128 bits of the MAC: plenty against guessing within a token's short life, and shorter.
    return createHmac('sha256', this.#secret).update(`${comparisonId}\n${network}\n${expires}`).digest().subarray(0, 16);
  }

  /** A token for writes to `comparisonId` from `network`, valid for the token lifetime. */
  issue(comparisonId: string, network: string): string {
    const expires = Math.ceil((this.#now() + this.#lifetimeMs) / 1000).toString(36);
    return `${expires}.${this.#sign(comparisonId, network, expires).toString('base64url')}`;
  }

  check(token: string | undefined, comparisonId: string, network: string): TokenCheck {
    if (token === undefined || token === '') return 'missing';
    const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/.exec(token);
    if (!match) return 'invalid';
    const [, expires, mac] = match;
    if (parseInt(expires, 36) * 1000 < this.#now()) return 'invalid';
    const expected = this.#sign(comparisonId, network, expires);
    const given = Buffer.from(mac, 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'invalid';
  }
}

/**
 * Servers that share a database usually sit behind one address, and a reader's next request may
 * reach another of them: each must accept the others' tokens, so they need one secret.
 */
export function sharedSecretWarning(proof: boolean, secret: string | undefined, sharedDatabase: boolean): string | undefined {
  if (!proof || secret !== undefined || !sharedDatabase) return undefined;
  return (
    'ai-compare server: warning: VOTE_SECRET is not set, so this server signs vote tokens with a key of its own. ' +
    'Give every server that shares this database the same VOTE_SECRET, or votes sent to another of them are refused.'
  );
}
