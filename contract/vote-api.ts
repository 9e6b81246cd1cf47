/** The vote API contract (SPEC §3), shared by the widget's client and the reference server. */
import * as z from 'zod/mini';

/** Voter ids: 16–64 characters of `[A-Za-z0-9_-]`. */
export const VOTER_ID = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * The header that carries the voter id where a request has no body (a personal read, a
 * withdrawal): unlike `?voter=` it stays out of URLs, and so out of logs, histories and caches.
 */
export const VOTER_HEADER = 'Voter-Id';

/** The largest vote request body the server reads, in bytes. */
export const MAX_VOTE_BODY_BYTES = 4 * 1024;

// The widget imports this module for its constants; `@__PURE__` lets the bundle drop the zod
// schema the server validates requests with.
export const voteRequestSchema = /* @__PURE__ */ voteRequest();

function voteRequest() {
  return z.object({
    toolId: z.string().check(z.minLength(1), z.maxLength(64)),
    voterId: z.string().check(z.refine((value) => VOTER_ID.test(value), 'must be 16–64 characters of A–Z, a–z, 0–9, _ and -')),
  });
}

export type VoteRequest = z.output<typeof voteRequestSchema>;

/** What every successful vote call answers. */
export interface VoteSummary {
  comparisonId: string;
  tallies: Record<string, number>;
  total: number;
  yourVote: string | null;
}

const isCount = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;

/** Whether a vote server's answer has the shape of a VoteSummary (the widget checks every answer). */
export function isVoteSummary(value: unknown): value is VoteSummary {
  const summary = value as VoteSummary | null;
  return (
    typeof summary === 'object' &&
    summary !== null &&
    typeof summary.comparisonId === 'string' &&
    typeof summary.tallies === 'object' &&
    summary.tallies !== null &&
    !Array.isArray(summary.tallies) &&
    Object.values(summary.tallies).every(isCount) &&
    isCount(summary.total) &&
    (summary.yourVote === null || typeof summary.yourVote === 'string')
  );
}

/**
 * Error codes the server answers with, each with its HTTP status. One list for the server's
 * answers, the widget's client and the `ai-compare-vote-error` event.
 */
export const VOTE_ERROR_STATUS = {
  'bad-request': 400,
  'bad-voter': 400,
  'forbidden-origin': 403,
  'token-invalid': 403,
  'not-found': 404,
  'method-not-allowed': 405,
  'too-large': 413,
  'unsupported-media-type': 415,
  'token-required': 428,
  'rate-limited': 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ServerVoteErrorCode = keyof typeof VOTE_ERROR_STATUS;

/**
 * The vote token: every answer of the vote routes carries a fresh one in this header, and a
 * write must send the latest one back in the same header (unless the server runs with
 * `VOTE_PROOF=off`). It is opaque to clients.
 */
export const VOTE_TOKEN_HEADER = 'Vote-Token';

/** Refusals a client cures by sending the fresh token that came with the refusal. */
export const TOKEN_ERROR_CODES: readonly VoteErrorCode[] = ['token-required', 'token-invalid'];

/** Failures the widget's client detects itself, without an error answer from the server. */
export type ClientVoteErrorCode = 'network' | 'timeout' | 'http' | 'bad-response';

export type VoteErrorCode = ServerVoteErrorCode | ClientVoteErrorCode;

export function isServerVoteErrorCode(code: unknown): code is ServerVoteErrorCode {
  return typeof code === 'string' && Object.hasOwn(VOTE_ERROR_STATUS, code);
}

export interface VoteErrorBody {
  error: { code: ServerVoteErrorCode; message: string };
}
