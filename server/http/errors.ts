/** The API's error answers: `{"error": {"code", "message"}}` with a matching HTTP status. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { VOTE_ERROR_STATUS, type ServerVoteErrorCode, type VoteErrorBody } from '../../contract/vote-api.js';

export function apiError(
  c: Context,
  code: ServerVoteErrorCode,
  message: string,
  headers: Record<string, string> = {},
): Response {
  const body: VoteErrorBody = { error: { code, message } };
  // Errors describe one moment; a cache must not replay them.
  return c.json(body, VOTE_ERROR_STATUS[code] as ContentfulStatusCode, { 'Cache-Control': 'no-store', ...headers });
}
