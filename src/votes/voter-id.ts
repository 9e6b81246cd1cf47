/**
 * One anonymous voter id per browser, kept in localStorage. Where storage is blocked (private
 * modes, sandboxed iframes, storage quotas) the id lives in memory for this page instead.
 */
import { VOTER_ID } from '../../contract/vote-api.js';

export const VOTER_KEY = 'ai-compare:voter';

let memoryId: string | undefined;

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

export function voterId(): string {
  if (memoryId) return memoryId;
  const store = storage();
  try {
    const saved = store?.getItem(VOTER_KEY);
    if (saved && VOTER_ID.test(saved)) return (memoryId = saved);
  } catch {
    // Reading can throw too (blocked storage); fall through to a fresh id.
  }
  memoryId = newId();
  try {
    store?.setItem(VOTER_KEY, memoryId);
  } catch {
    // Memory only: this page keeps one id, a reload starts a new one.
  }
  return memoryId;
}

/** Forgets the id cached in memory (the stored one stays). */
export function resetVoterIdCache(): void {
  memoryId = undefined;
}
