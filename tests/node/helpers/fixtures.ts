/** Feeds, voters and requests for the server tests. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LAUNCH_FEED = {
  file: 'demo/feeds/cursor-vs-smolvlm2.json',
  id: 'cursor-1-0-vs-smolvlm2-2b',
  tools: ['cursor-1-0', 'smolvlm2-2b'] as const,
};

/** A small valid feed for the comparison `id` of tools `a` and `b`. */
export function feed(id: string, [a, b]: readonly [string, string] = ['alpha', 'beta']): Record<string, unknown> {
  return {
    schemaVersion: 1,
    id,
    title: `${a} vs ${b}`,
    tools: [
      { id: a, name: a.toUpperCase(), url: `https://${a}.example.com/` },
      { id: b, name: b.toUpperCase() },
    ],
  };
}

/** Writes `files` (name → JSON value, or raw text) into `dir`. */
export function writeFeeds(dir: string, files: Record<string, unknown>): void {
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
}

/** A valid voter id, distinct per `label` (ids are 16–64 characters of [A-Za-z0-9_-]). */
export function voter(label: string | number): string {
  return `voter-${String(label).padStart(12, '0')}`;
}

export function votesUrl(base: string, comparisonId: string, voterId?: string): string {
  const url = new URL(`/api/comparisons/${comparisonId}/votes`, base);
  if (voterId !== undefined) url.searchParams.set('voter', voterId);
  return url.href;
}

export function postVote(base: string, comparisonId: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(votesUrl(base, comparisonId), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export interface Summary {
  comparisonId: string;
  tallies: Record<string, number>;
  total: number;
  yourVote: string | null;
}

export interface ErrorBody {
  error: { code: string; message: string };
}
