/**
 * `/api/comparisons/{id}/votes`: read, cast, move and withdraw votes. Every check runs before the
 * store is touched, so a refused request never changes stored votes.
 */
import type { Context, Hono } from 'hono';
import * as z from 'zod/mini';
import { MAX_VOTE_BODY_BYTES, VOTE_TOKEN_HEADER, VOTER_HEADER, VOTER_ID, voteRequestSchema, type VoteSummary } from '../../contract/vote-api.js';
import { VOTES_ROUTE } from '../../contract/routes.js';
import type { FeedCatalog, PublishedFeed } from '../feeds.js';
import { CORS_METHODS } from '../http/answer-headers.js';
import { apiError } from '../http/errors.js';
import type { MemoryRateLimiter, RateLimitDecision, RateLimiter } from '../http/rate-limit.js';
import { networkOf, type ComparisonLimits } from '../http/vote-limits.js';
import { feedOrigins, writeOriginAllowed } from '../http/vote-origins.js';
import type { VoteTokens } from '../http/vote-token.js';
import type { TallyCache, TallySnapshot } from '../storage/tally-cache.js';
import type { VoteStore } from '../storage/vote-store.js';
import { answerHeader, plainAnswer, requestBody, requestHeader } from '../http/node-answer.js';

export interface VoteRouteOptions {
  feeds: FeedCatalog;
  /** The client a request counts as, for limits and tokens (after `TRUST_PROXY`). */
  clientKey: (c: Context) => string;
  store: VoteStore;
  limiter: RateLimiter;
  /** Who may write, and how much (README: "Vote integrity"). */
  integrity: {
    allowedOrigins: '*' | readonly string[];
    comparisonLimits: ComparisonLimits;
    /** Undefined with VOTE_PROOF=off: writes need no token. */
    tokens: VoteTokens | undefined;
    /** PUBLIC_ORIGIN: where the server's own pages are (else the host each request names). */
    publicOrigins?: readonly string[];
  };
  /** The public tallies, cached for a moment (one store read per comparison per interval). */
  tallies: TallyCache;
  /** Personal reads are limited per client like writes, in a bucket of their own. */
  readLimiter: MemoryRateLimiter;
  log: (message: string) => void;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

type Checked<T> = { ok: true; value: T } | { ok: false; response: Response };

const BAD_VOTER = 'The voter id must be 16–64 characters of A–Z, a–z, 0–9, "_" or "-".';

function findFeed(c: Context, feeds: FeedCatalog): Checked<PublishedFeed> {
  const feed = feeds.get(c.req.param('id') ?? '');
  return feed
    ? { ok: true, value: feed }
    : { ok: false, response: apiError(c, 'not-found', 'There is no comparison with this id.') };
}

/**
 * The voter id of a request without a body: the `Voter-Id` header, or `?voter=` (kept for
 * older clients). Undefined when there is neither.
 */
function voterOf(c: Context): Checked<string> | undefined {
  const voter = requestHeader(c, VOTER_HEADER) ?? c.req.query('voter');
  if (voter === undefined) return undefined;
  return VOTER_ID.test(voter)
    ? { ok: true, value: voter }
    : { ok: false, response: apiError(c, 'bad-voter', BAD_VOTER) };
}

function requireVoter(c: Context): Checked<string> {
  return (
    voterOf(c) ?? { ok: false, response: apiError(c, 'bad-voter', `Send the ${VOTER_HEADER} header. ${BAD_VOTER}`) }
  );
}

/** Whether `If-None-Match` names `etag` (weak or strong, in a list, or `*`). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

/**
 * The same for every reader, so browsers and CDNs may keep it a few seconds and serve it a while
 * longer while they fetch a fresh one.
 */
export const PUBLIC_TALLIES_CACHE_CONTROL = 'public, max-age=5, stale-while-revalidate=25';

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0].trim().toLowerCase() === 'application/json';
}

async function readVoteRequest(c: Context): Promise<Checked<{ toolId: string; voterId: string }>> {
  const fail = (response: Response) => ({ ok: false, response }) as const;
  if (!isJson(requestHeader(c, 'content-type'))) {
    return fail(apiError(c, 'unsupported-media-type', 'Send the vote as Content-Type: application/json.'));
  }
  const bytes = await requestBody(c, MAX_VOTE_BODY_BYTES);
  if (!bytes) return fail(apiError(c, 'too-large', `A vote body is at most ${MAX_VOTE_BODY_BYTES} bytes.`));

  let data: unknown;
  try {
    data = JSON.parse(utf8.decode(bytes));
  } catch {
    return fail(apiError(c, 'bad-request', 'The body is not valid JSON.'));
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail(apiError(c, 'bad-request', 'The body must be a JSON object {"toolId", "voterId"}.'));
  }
  // A present but malformed voter id gets its own code: the widget then makes a fresh one.
  const { voterId } = data as { voterId?: unknown };
  if (typeof voterId === 'string' && !VOTER_ID.test(voterId)) return fail(apiError(c, 'bad-voter', BAD_VOTER));
  const parsed = z.safeParse(voteRequestSchema, data, { jitless: true });
  if (!parsed.success) {
    return fail(apiError(c, 'bad-request', 'The body must be {"toolId": text, "voterId": text}.'));
  }
  return { ok: true, value: parsed.data };
}

export function registerVoteRoutes(
  app: Hono,
  { feeds, clientKey, store, limiter, integrity, tallies, readLimiter, log }: VoteRouteOptions,
): void {
  const { allowedOrigins, comparisonLimits, tokens, publicOrigins } = integrity;

  // Every answer about a known comparison hands out a fresh token, refusals included: a reader
  // whose token went stale gets a good one with the refusal and tries once more.
  if (tokens) {
    app.use(VOTES_ROUTE, async (c, next) => {
      // Set before the answer is made, so it becomes part of it instead of copying it.
      const published = feeds.get(c.req.param('id') ?? '');
      if (published) answerHeader(c, VOTE_TOKEN_HEADER, tokens.issue(published.feed.id, networkOf(clientKey(c))));
      await next();
    });
  }

  /** Writes from a site the comparison does not allow are refused before anything is read. */
  const foreignOrigin = (c: Context, published: PublishedFeed): Response | undefined => {
    // The request URL's host is the Host header on a socket (and localhost in-process).
    const host = new URL(c.req.url).host;
    if (writeOriginAllowed(requestHeader(c, 'origin'), host, feedOrigins(published), allowedOrigins, publicOrigins)) {
      return undefined;
    }
    return apiError(c, 'forbidden-origin', 'This site may not cast votes for this comparison.');
  };

  /** Storage (or the shared limits kept there) cannot be read: logged, and 503 for the client. */
  const unavailable = (c: Context, what: string, error: unknown): Response => {
    log(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    return apiError(c, 'unavailable', 'Votes are unavailable right now; try again shortly.');
  };

  /** The proof a write must carry, then the comparison's own limits; both before storage. */
  const unproven = async (c: Context, comparisonId: string): Promise<Response | undefined> => {
    const client = clientKey(c);
    if (tokens) {
      const check = tokens.check(requestHeader(c, VOTE_TOKEN_HEADER), comparisonId, networkOf(client));
      if (check === 'missing') {
        return apiError(c, 'token-required', `Send the ${VOTE_TOKEN_HEADER} header from the latest answer of this endpoint.`);
      }
      if (check === 'invalid') {
        return apiError(c, 'token-invalid', `The ${VOTE_TOKEN_HEADER} has expired or is not for this comparison; use the fresh one in this answer.`);
      }
    }
    let decision: Awaited<ReturnType<ComparisonLimits['take']>>;
    try {
      decision = await comparisonLimits.take(comparisonId, client);
    } catch (error) {
      // Shared limits live in the database: when it cannot be read, neither can a vote be stored.
      return unavailable(c, 'vote limits unavailable', error);
    }
    if (decision.allowed) return undefined;
    const who = decision.scope === 'network' ? 'your network' : 'this address';
    return apiError(c, 'rate-limited', `Too many votes for this comparison from ${who}; wait a while.`, {
      'Retry-After': String(decision.retryAfterSeconds),
    });
  };

  /** Answers the store's summary, or 503 when storage fails: a 200 must mean "stored". */
  const answer = async (c: Context, work: () => Promise<VoteSummary>): Promise<Response> => {
    try {
      const summary = await work();
      // Per-voter and changing all the time: never cached.
      return plainAnswer(c, JSON.stringify(summary), 200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    } catch (error) {
      return unavailable(c, 'vote store failed', error);
    }
  };

  /** Public tallies: one cached answer for everyone, revalidated by ETag. */
  const publicTallies = async (c: Context, { feed, toolIds }: PublishedFeed): Promise<Response> => {
    let snapshot: TallySnapshot;
    try {
      snapshot = await tallies.get(feed.id, toolIds);
    } catch (error) {
      return unavailable(c, 'vote store failed', error);
    }
    // The reader's vote token comes with the tallies, but it is for one network: shared caches
    // may keep the answer for everyone, never the token (RFC 9111 `private` with a field name).
    const cacheControl = tokens ? `${PUBLIC_TALLIES_CACHE_CONTROL}, private="${VOTE_TOKEN_HEADER}"` : PUBLIC_TALLIES_CACHE_CONTROL;
    const headers = { ETag: snapshot.etag, 'Cache-Control': cacheControl };
    if (matches(requestHeader(c, 'if-none-match'), snapshot.etag)) return plainAnswer(c, null, 304, headers);
    return plainAnswer(c, snapshot.body, 200, { ...headers, 'Content-Type': 'application/json' });
  };

  /** The refusal of a request its client's bucket has no token for. */
  const tooMany = (c: Context, decision: RateLimitDecision): Response | undefined =>
    decision.allowed
      ? undefined
      : apiError(c, 'rate-limited', 'Too many votes from this address; wait a moment.', {
          'Retry-After': String(decision.retryAfterSeconds),
        });

  /** Writes are limited per client before any other work is done for them. */
  const rateLimited = async (c: Context): Promise<Response | undefined> => {
    let decision: RateLimitDecision;
    try {
      decision = await limiter.take(clientKey(c));
    } catch (error) {
      // A shared limit that cannot be read lets the request through: when the database is down
      // the write fails on its own, and readers must not be shut out by a limit.
      log(`rate limit unavailable: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    return tooMany(c, decision);
  };

  app.get(VOTES_ROUTE, async (c) => {
    const feed = findFeed(c, feeds);
    if (!feed.ok) return feed.response;
    const voter = voterOf(c);
    if (voter === undefined) return publicTallies(c, feed.value);
    // Personal reads are limited in memory, so without waiting for anything.
    const limited = tooMany(c, readLimiter.takeNow(clientKey(c)));
    if (limited) return limited;
    if (!voter.ok) return voter.response;
    return answer(c, () => store.summary(feed.value.feed.id, feed.value.toolIds, voter.value));
  });

  app.post(VOTES_ROUTE, async (c) => {
    const limited = await rateLimited(c);
    if (limited) return limited;
    const feed = findFeed(c, feeds);
    if (!feed.ok) return feed.response;
    const foreign = foreignOrigin(c, feed.value);
    if (foreign) return foreign;
    const request = await readVoteRequest(c);
    if (!request.ok) return request.response;
    const { toolId, voterId } = request.value;
    const { feed: published, toolIds } = feed.value;
    if (!toolIds.includes(toolId)) {
      return apiError(c, 'not-found', `"${toolId}" is not one of the two tools of this comparison.`);
    }
    const refused = await unproven(c, published.id);
    if (refused) return refused;
    return answer(c, () => store.vote(published.id, toolIds, voterId, toolId));
  });

  app.delete(VOTES_ROUTE, async (c) => {
    const limited = await rateLimited(c);
    if (limited) return limited;
    const feed = findFeed(c, feeds);
    if (!feed.ok) return feed.response;
    const foreign = foreignOrigin(c, feed.value);
    if (foreign) return foreign;
    const voter = requireVoter(c);
    if (!voter.ok) return voter.response;
    const refused = await unproven(c, feed.value.feed.id);
    if (refused) return refused;
    return answer(c, () => store.withdraw(feed.value.feed.id, feed.value.toolIds, voter.value));
  });

  app.all(VOTES_ROUTE, (c) =>
    apiError(c, 'method-not-allowed', `Votes take ${CORS_METHODS}.`, { Allow: CORS_METHODS }),
  );
}
