/** HTTP calls to a vote endpoint (SPEC §3). Every failure becomes a VoteRequestError. */
import { TimeoutError, withTimeout } from '../../contract/timed-fetch.js';
import {
  isServerVoteErrorCode,
  isVoteSummary,
  TOKEN_ERROR_CODES,
  VOTE_TOKEN_HEADER,
  VOTER_HEADER,
  type VoteErrorCode,
  type VoteSummary,
} from '../../contract/vote-api.js';

export class VoteRequestError extends Error {
  readonly code: VoteErrorCode;
  readonly status: number;
  constructor(code: VoteErrorCode, message: string, status = 0) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

const TIMEOUT_MS = 10_000;

/** The latest vote token each endpoint handed out; writes echo it (SPEC §3, VOTE_TOKEN_HEADER). */
const tokens = new Map<string, string>();

async function call(endpoint: string, url: string, init: RequestInit, signal?: AbortSignal, retry = true): Promise<VoteSummary> {
  const headers = new Headers(init.headers);
  // Only writes need the token; a read without it stays a simple request (no CORS preflight).
  const token = init.method === 'GET' ? undefined : tokens.get(endpoint);
  if (token) headers.set(VOTE_TOKEN_HEADER, token);
  let response: Response;
  let text: string;
  try {
    [response, text] = await withTimeout(TIMEOUT_MS, signal, async (timed) => {
      const answer = await fetch(url, { ...init, headers, mode: 'cors', credentials: 'omit', signal: timed });
      return [answer, await answer.text()] as const;
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    if (error instanceof TimeoutError) throw new VoteRequestError('timeout', 'The vote server did not answer in time.');
    throw new VoteRequestError('network', 'The vote server could not be reached.');
  }
  const fresh = response.headers.get(VOTE_TOKEN_HEADER);
  if (fresh) tokens.set(endpoint, fresh);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const code: VoteErrorCode = isServerVoteErrorCode(error?.code) ? error.code : 'http';
    // A missing or stale token (a page left open for hours, a reader whose network changed) is
    // cured by the fresh one that came with the refusal; nothing was stored, so once more is safe.
    if (retry && fresh && TOKEN_ERROR_CODES.includes(code)) return call(endpoint, url, init, signal, false);
    throw new VoteRequestError(
      code,
      typeof error?.message === 'string' ? error.message : `The vote server answered ${response.status}.`,
      response.status,
    );
  }
  // The public tallies are the same for every reader: they name no vote.
  if (init.method === 'GET' && !headers.has(VOTER_HEADER) && typeof body === 'object' && body) {
    body = { ...body, yourVote: null };
  }
  if (!isVoteSummary(body)) {
    throw new VoteRequestError('bad-response', 'The vote server answered in an unexpected shape.', response.status);
  }
  return body;
}

/**
 * The public tallies (the same cacheable answer for every reader), with `yourVote: null`.
 * `revalidate` asks past the browser's cache (a reader back on the tab wants today's figures).
 */
export function fetchTallies(endpoint: string, signal?: AbortSignal, revalidate = false): Promise<VoteSummary> {
  return call(endpoint, endpoint, { method: 'GET', cache: revalidate ? 'no-cache' : 'default' }, signal);
}

/** The tallies with this voter's own vote. The voter id goes in a header, never in the URL. */
export function fetchVotes(endpoint: string, voterId: string, signal?: AbortSignal): Promise<VoteSummary> {
  return call(endpoint, endpoint, { method: 'GET', headers: { [VOTER_HEADER]: voterId } }, signal);
}

export function castVote(endpoint: string, voterId: string, toolId: string): Promise<VoteSummary> {
  return call(endpoint, endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ toolId, voterId }),
  });
}

export function withdrawVote(endpoint: string, voterId: string): Promise<VoteSummary> {
  return call(endpoint, endpoint, { method: 'DELETE', headers: { [VOTER_HEADER]: voterId } });
}
