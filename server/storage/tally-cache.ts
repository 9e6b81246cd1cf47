/**
 * The public tallies of each comparison, kept for a moment in memory: a burst of page views costs
 * the store one read per comparison per interval, and every answer is the same bytes with the same
 * ETag, so browsers and CDNs can revalidate it for free. A change reported by the store (here or,
 * over PostgreSQL, on any server) lets the next read refresh sooner.
 */
import { createHash } from 'node:crypto';
import type { VoteStore } from './vote-store.js';

/** The public read of a comparison: no voter, the same for everyone. */
export interface PublicTallies {
  comparisonId: string;
  tallies: Record<string, number>;
  total: number;
}

export interface TallySnapshot {
  tallies: PublicTallies;
  /** The JSON answer, made once per refresh. */
  body: string;
  etag: string;
}

export interface TallyCacheOptions {
  /** How long tallies are served without asking the store, when nothing changed meanwhile. */
  maxAgeMs?: number;
  /** How soon after the last read a change may cause the next one (at most one read this often). */
  minIntervalMs?: number;
  now?: () => number;
}

interface Entry {
  toolKey: string;
  snapshot?: TallySnapshot;
  fetchedAt: number;
  /** Bumped on every change; a read started before a bump is already stale when it lands. */
  version: number;
  freshVersion: number;
  pending?: Promise<TallySnapshot>;
}

export function snapshotOf(tallies: PublicTallies): TallySnapshot {
  const body = JSON.stringify(tallies);
  const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
  return { tallies, body, etag };
}

export class TallyCache {
  readonly #store: VoteStore;
  readonly #maxAgeMs: number;
  readonly #minIntervalMs: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, Entry>();

  constructor(store: VoteStore, { maxAgeMs = 1000, minIntervalMs = 100, now = () => performance.now() }: TallyCacheOptions = {}) {
    this.#store = store;
    this.#maxAgeMs = maxAgeMs;
    this.#minIntervalMs = minIntervalMs;
    this.#now = now;
    store.onChange((comparisonId) => {
      if (comparisonId === null) for (const entry of this.#entries.values()) entry.version += 1;
      else {
        const entry = this.#entries.get(comparisonId);
        if (entry) entry.version += 1;
      }
    });
  }

  /** The comparison's current public tallies; `toolIds` are its two tools, from its feed. */
  get(comparisonId: string, toolIds: readonly string[]): Promise<TallySnapshot> {
    const toolKey = toolIds.join('\n');
    let entry = this.#entries.get(comparisonId);
    if (!entry || entry.toolKey !== toolKey) {
      entry = { toolKey, fetchedAt: -Infinity, version: 0, freshVersion: -1 };
      this.#entries.set(comparisonId, entry);
    }
    if (entry.snapshot) {
      const age = this.#now() - entry.fetchedAt;
      const changed = entry.version !== entry.freshVersion;
      if (age < (changed ? this.#minIntervalMs : this.#maxAgeMs)) return Promise.resolve(entry.snapshot);
    }
    return (entry.pending ??= this.#refresh(entry, comparisonId, toolIds));
  }

  async #refresh(entry: Entry, comparisonId: string, toolIds: readonly string[]): Promise<TallySnapshot> {
    const version = entry.version;
    const startedAt = this.#now();
    try {
      const { tallies, total } = await this.#store.summary(comparisonId, toolIds, null);
      const snapshot = entry.snapshot?.tallies.total === total && sameTallies(entry.snapshot.tallies.tallies, tallies)
        ? entry.snapshot
        : snapshotOf({ comparisonId, tallies, total });
      entry.snapshot = snapshot;
      entry.fetchedAt = startedAt;
      entry.freshVersion = version;
      return snapshot;
    } finally {
      entry.pending = undefined;
    }
  }
}

function sameTallies(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
