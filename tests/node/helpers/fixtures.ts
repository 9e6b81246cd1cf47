/** Feeds, voters and requests for the server tests. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOKEN_ERROR_CODES, VOTE_TOKEN_HEADER, VOTER_HEADER } from '../../../contract/vote-api.js';

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

type Handler = (url: string, init?: RequestInit) => Promise<Response>;

/** Apps served in-process, by the origin their tests address them with (`http://app-1.test`). */
const inProcess = new Map<string, Handler>();

/** Makes `origin` reach `handler` (an app's `request()`) through `http()`, with no socket. */
export function serveInProcess(origin: string, handler: Handler): void {
  inProcess.set(origin, handler);
}

/** `fetch`, except that URLs of in-process apps go straight to the app. */
export function http(url: string, init?: RequestInit): Promise<Response> {
  const handler = inProcess.get(new URL(url).origin);
  return handler ? handler(url, init) : fetch(url, init);
}

/** The latest vote token per endpoint, as the widget keeps them. */
const tokens = new Map<string, string>();

/**
 * A write as the widget sends it: with the endpoint's latest vote token, and once more with the
 * fresh one when the server refused it for the token.
 */
export async function write(url: string, init: RequestInit): Promise<Response> {
  const endpoint = url.split('?')[0];
  // A reader's widget has read the results (and with them a token) before its first vote.
  if (!tokens.has(endpoint)) await voteToken(endpoint);
  for (let attempt = 0; ; attempt += 1) {
    const headers = new Headers(init.headers);
    const token = tokens.get(endpoint);
    if (token) headers.set(VOTE_TOKEN_HEADER, token);
    const response = await http(url, { ...init, headers });
    const fresh = response.headers.get(VOTE_TOKEN_HEADER);
    if (fresh) tokens.set(endpoint, fresh);
    if (attempt > 0 || !fresh || response.ok) return response;
    const code = ((await response.clone().json()) as Partial<ErrorBody>).error?.code;
    if (!TOKEN_ERROR_CODES.some((tokenCode) => tokenCode === code)) return response;
    await response.arrayBuffer();
  }
}

/** Reads the endpoint as a widget does first, and keeps (and returns) the token of the answer. */
export async function voteToken(endpoint: string): Promise<string | undefined> {
  // A personal read, as the widget's first one: the publicly cached tallies carry no token.
  const response = await http(endpoint, { headers: { [VOTER_HEADER]: voter('token-reader') } });
  await response.arrayBuffer();
  const token = response.headers.get(VOTE_TOKEN_HEADER) ?? undefined;
  // A server with VOTE_PROOF=off hands out none: remember that too, and read only once.
  tokens.set(endpoint, token ?? '');
  return token;
}

/** Server settings for tests that cast many votes from one address: no write limits to speak of. */
export const UNLIMITED_WRITES = {
  RATE_LIMIT_WRITES: '1000000000',
  RATE_LIMIT_COMPARISON_WRITES: '1000000000',
  RATE_LIMIT_NETWORK_WRITES: '1000000000',
};

export function postVote(base: string, comparisonId: string, body: unknown, headers: Record<string, string> = {}) {
  return write(votesUrl(base, comparisonId), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function withdraw(base: string, comparisonId: string, voterId: string, headers: Record<string, string> = {}) {
  return write(votesUrl(base, comparisonId, voterId), { method: 'DELETE', headers });
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
