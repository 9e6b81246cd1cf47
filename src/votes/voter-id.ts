/**
 * One anonymous voter id per vote-endpoint origin, kept in localStorage beside the votes it cast.
 * An id is a secret of this browser for that one server: a feed naming another server never
 * sees it. Knowing its own votes, the widget reads only the public tallies on a page view.
 * Where storage is blocked (private modes, sandboxed iframes, quotas) all of it lives in memory
 * for this page instead.
 */
import { VOTER_ID } from '../../contract/vote-api.js';

/** What this browser keeps for one vote server. */
interface VoterRecord {
  id: string;
  /** The reader's vote per endpoint (`null`: none). */
  votes: Record<string, string | null>;
  /**
   * Whether `votes` lists every vote of this id: true for an id made here; false for one kept
   * from before votes were remembered, whose unlisted votes are asked for once.
   */
  complete: boolean;
}

export const voterKey = (origin: string): string => `ai-compare:voter:${origin}`;

/** Where one id for every server used to be kept; it now serves only the first server asked. */
export const LEGACY_VOTER_KEY = 'ai-compare:voter';

const records = new Map<string, VoterRecord>();

/** Origins whose last save failed (storage full): their record in memory is the newer one. */
const unsaved = new Set<string>();

function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; a plain-http blog still gets 128 random bits.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

function read(key: string): string | null {
  try {
    return storage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function save(origin: string, record: VoterRecord): void {
  try {
    storage()?.setItem(voterKey(origin), JSON.stringify(record));
    unsaved.delete(origin);
  } catch {
    // Memory only: this page keeps the id and its votes; a reload starts from what was stored.
    unsaved.add(origin);
  }
}

function parse(text: string | null): VoterRecord | undefined {
  try {
    const record = JSON.parse(text ?? '') as Partial<VoterRecord> | null;
    if (typeof record?.id !== 'string' || !VOTER_ID.test(record.id)) return undefined;
    const votes = typeof record.votes === 'object' && record.votes !== null ? record.votes : {};
    return { id: record.id, votes, complete: record.complete === true };
  } catch {
    return undefined;
  }
}

const originOf = (endpoint: string): string => new URL(endpoint).origin;

function recordFor(endpoint: string): VoterRecord {
  const origin = originOf(endpoint);
  // Storage first, read afresh each time: another tab of the site may have voted since. Memory
  // holds the record only where storage cannot.
  let record = (unsaved.has(origin) ? undefined : parse(read(voterKey(origin)))) ?? records.get(origin);
  if (!record) {
    const legacy = read(LEGACY_VOTER_KEY);
    if (legacy && VOTER_ID.test(legacy)) {
      record = { id: legacy, votes: {}, complete: false };
      try {
        storage()?.removeItem(LEGACY_VOTER_KEY);
      } catch {
        // It stays; it is only read when a server has no id of its own yet.
      }
    } else {
      record = { id: newId(), votes: {}, complete: true };
    }
    save(origin, record);
  }
  records.set(origin, record);
  return record;
}

/** The voter id for `endpoint`'s origin, made on first use. */
export function voterId(endpoint: string): string {
  return recordFor(endpoint).id;
}

/** The reader's vote at `endpoint`: a tool id, `null` for none, undefined when not known here. */
export function knownVote(endpoint: string): string | null | undefined {
  const record = recordFor(endpoint);
  const vote = record.votes[endpoint];
  if (typeof vote === 'string' || vote === null) return vote;
  return record.complete ? null : undefined;
}

/** Remembers the vote the server confirmed (`null` after a withdrawal). */
export function rememberVote(endpoint: string, toolId: string | null): void {
  const record = recordFor(endpoint);
  record.votes[endpoint] = toolId;
  save(originOf(endpoint), record);
}

/** Forgets what is cached in memory (what is stored stays), as a reload does. */
export function resetVoterIdCache(): void {
  records.clear();
  unsaved.clear();
}
