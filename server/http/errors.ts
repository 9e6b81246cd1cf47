/** The API's error answers: `{"error": {"code", "message"}}` with a matching HTTP status. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { VoteErrorBody, VoteErrorCode } from '../../src/votes/vote-api.js';

const STATUS: Record<VoteErrorCode, ContentfulStatusCode> = {
  'bad-request': 400,
  'bad-voter': 400,
  'not-found': 404,
  'method-not-allowed': 405,
  'too-large': 413,
  'unsupported-media-type': 415,
  'rate-limited': 429,
  unavailable: 503,
};

export function apiError(
  c: Context,
  code: VoteErrorCode,
  message: string,
  headers: Record<string, string> = {},
): Response {
  const body: VoteErrorBody = { error: { code, message } };
  // Errors describe one moment; a cache must not replay them.
  return c.json(body, STATUS[code], { 'Cache-Control': 'no-store', ...headers });
}
