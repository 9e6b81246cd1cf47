/** The storage seam of the vote API: one vote per voter per comparison, tallies per tool. */
import type { VoteSummary } from '../../contract/vote-api.js';
import type { BucketOptions, RateLimiter } from '../http/rate-limit.js';

/**
 * Every method answers the state right after the call, read in the same transaction as its
 * write, and a write resolves only once it is durably stored. Methods reject when storage fails.
 * `toolIds` are the comparison's two tools (from its feed): tallies always list both.
 */
export interface VoteStore {
  summary(comparisonId: string, toolIds: readonly string[], voterId: string | null): Promise<VoteSummary>;
  /** Casts or moves the voter's vote; voting again for the same tool changes nothing. */
  vote(comparisonId: string, toolIds: readonly string[], voterId: string, toolId: string): Promise<VoteSummary>;
  /** Withdraws the voter's vote, if any. */
  withdraw(comparisonId: string, toolIds: readonly string[], voterId: string): Promise<VoteSummary>;
  /**
   * Calls `listener` after votes of a comparison changed, by this store or (PostgreSQL) by any
   * other server on the same database; `null` when any comparison may have changed (after a lost
   * connection). Answers a function that stops the calls.
   */
  onChange(listener: ChangeListener): () => void;
  /**
   * A rate limit whose buckets every server on this store's database shares, named so that
   * several limits keep apart; absent when the store serves one process (limits then live in
   * memory).
   */
  rateLimiter?(name: string, bucket: BucketOptions): RateLimiter;
  /** Finishes pending writes and releases the database. */
  close(): Promise<void>;
}

export type ChangeListener = (comparisonId: string | null) => void;

/** The listeners of one store; a throwing listener cannot stop the others or the store. */
export class ChangeListeners {
  readonly #listeners = new Set<ChangeListener>();

  add(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(comparisonId: string | null): void {
    for (const listener of this.#listeners) {
      try {
        listener(comparisonId);
      } catch (error) {
        console.error(`vote change listener failed: ${(error as Error).message}`);
      }
    }
  }
}

export interface ToolCount {
  tool_id: string;
  n: number;
}

/**
 * Builds the answer from raw counts. Votes for a tool the feed no longer lists are left out, so
 * `total` is always the sum of the two tallies the widget shows.
 */
export function buildSummary(
  comparisonId: string,
  toolIds: readonly string[],
  counts: readonly ToolCount[],
  storedVote: string | null,
): VoteSummary {
  const tallies: Record<string, number> = {};
  for (const id of toolIds) tallies[id] = 0;
  let total = 0;
  for (const { tool_id, n } of counts) {
    if (!Object.hasOwn(tallies, tool_id)) continue;
    tallies[tool_id] = n;
    total += n;
  }
  const yourVote = storedVote !== null && toolIds.includes(storedVote) ? storedVote : null;
  return { comparisonId, tallies, total, yourVote };
}

/** Thrown by a store used after `close()`. */
export class StoreClosedError extends Error {
  constructor() {
    super('the vote store is closed');
  }
}
