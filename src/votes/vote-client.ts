/** HTTP calls to a vote endpoint (SPEC §3). Every failure becomes a VoteRequestError. */
import { isServerVoteErrorCode, isVoteSummary, type VoteErrorCode, type VoteSummary } from '../../contract/vote-api.js';

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

async function call(url: string, init: RequestInit, signal?: AbortSignal): Promise<VoteSummary> {
  const abort = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, TIMEOUT_MS);
  const forward = () => abort.abort();
  signal?.addEventListener('abort', forward);
  let response: Response;
  try {
    response = await fetch(url, { ...init, mode: 'cors', credentials: 'omit', signal: abort.signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    if (timedOut) throw new VoteRequestError('timeout', 'The vote server did not answer in time.');
    throw new VoteRequestError('network', 'The vote server could not be reached.');
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forward);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    throw new VoteRequestError(
      isServerVoteErrorCode(error?.code) ? error.code : 'http',
      typeof error?.message === 'string' ? error.message : `The vote server answered ${response.status}.`,
      response.status,
    );
  }
  if (!isVoteSummary(body)) {
    throw new VoteRequestError('bad-response', 'The vote server answered in an unexpected shape.', response.status);
  }
  return body;
}

function withVoter(endpoint: string, voterId: string): string {
  const url = new URL(endpoint);
  url.searchParams.set('voter', voterId);
  return url.href;
}

export function fetchVotes(endpoint: string, voterId: string, signal?: AbortSignal): Promise<VoteSummary> {
  return call(withVoter(endpoint, voterId), { method: 'GET' }, signal);
}

export function castVote(endpoint: string, voterId: string, toolId: string): Promise<VoteSummary> {
  return call(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ toolId, voterId }),
  });
}

export function withdrawVote(endpoint: string, voterId: string): Promise<VoteSummary> {
  return call(withVoter(endpoint, voterId), { method: 'DELETE' });
}
