/**
 * The vote API under random requests (methods, paths, headers, bodies, client addresses), in
 * process: never a 5xx, every refusal a JSON error with its code's status, and stored votes
 * unchanged by every refused request.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import './helpers/property-seed.js';
import { VOTE_ERROR_STATUS, VOTE_TOKEN_HEADER, isServerVoteErrorCode, type VoteSummary } from '../../contract/vote-api.js';
import { appUnderTest, type AppUnderTest } from './helpers/app.js';
import { feed, voter } from './helpers/fixtures.js';

const COMPARISONS = ['open', 'guarded'];
const TOOLS = ['alpha', 'beta'];
/** Every voter id the requests below may use validly: with the tallies, the whole stored state. */
const VOTERS = [voter('fuzz-1'), voter('fuzz-2'), voter('fuzz-3')];
const ADDRESSES = ['192.0.2.1', '192.0.2.77', '198.51.100.5', '2001:db8:1:2::3', '::ffff:203.0.113.9'];

let t: AppUnderTest;

before(async () => {
  t = await appUnderTest({
    feeds: {
      'open.json': feed('open'),
      'guarded.json': { ...feed('guarded'), votes: { endpoint: '/api/comparisons/guarded/votes', origins: ['https://blog.example'] } },
    },
    // Small allowances, so refusals for the limits are among the cases too.
    writes: 40,
    integrity: { comparisonWrites: 25, networkWrites: 40 },
  });
});
after(() => t.close());

async function state(): Promise<string> {
  const summaries: VoteSummary[] = [];
  for (const id of COMPARISONS) {
    for (const voterId of VOTERS) summaries.push(await t.store.summary(id, TOOLS, voterId));
  }
  return JSON.stringify(summaries);
}

const comparison = fc.oneof(fc.constantFrom(...COMPARISONS, 'missing', 'OPEN', '..', 'open%2Fvotes', '%E0%A4%A'), fc.string({ maxLength: 12 }));
const path = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(comparison, fc.constantFrom('/votes', '/votes/', '/votes/x', '', '//votes')).map(([id, rest]) => `/api/comparisons/${id}${rest}`) },
  { weight: 1, arbitrary: fc.constantFrom('/api', '/api/', '/api/comparisons', '/api/comparisons/', '/', '/demo/../server/main.ts', '/%00') },
  { weight: 1, arbitrary: fc.webPath().map((rest) => `/api${rest.startsWith('/') ? rest : `/${rest}`}`) },
);
const voterValue = fc.oneof(fc.constantFrom(...VOTERS), fc.constantFrom('', 'short', 'x'.repeat(65), 'spaces are bad here!!', '__proto__'), fc.string({ maxLength: 70 }));
const query = fc.oneof(
  fc.constant(''),
  voterValue.map((v) => `?voter=${encodeURIComponent(v)}`),
  fc.constantFrom('?voter', '?voter=a&voter=b', '?%zz', `?voter=${VOTERS[0]}&voter=${VOTERS[1]}`),
);
const body = fc.oneof(
  { weight: 4, arbitrary: fc.record({ toolId: fc.oneof(fc.constantFrom(...TOOLS, 'gamma', ''), fc.jsonValue()), voterId: fc.oneof(voterValue, fc.jsonValue()) }, { requiredKeys: [] }).map((value) => JSON.stringify(value)) },
  { weight: 2, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value) ?? '') },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
  { weight: 1, arbitrary: fc.nat({ max: 9000 }).map((n) => JSON.stringify({ toolId: 'alpha', voterId: VOTERS[0], padding: 'x'.repeat(n) })) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
const headers = fc.record(
  {
    'content-type': fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain', 'application/jsonp', '', 'multipart/form-data; boundary=x'),
    origin: fc.constantFrom('https://blog.example', 'https://evil.example', 'null', 'http://localhost', 'not a url'),
    token: fc.constantFrom('valid', 'other-comparison', 'junk', ''),
    'x-forwarded-for': fc.constantFrom('10.0.0.1', '2001:db8::1, 10.0.0.2'),
    'content-length': fc.constantFrom('0', '5', '99999999', '-1', 'abc'),
  },
  { requiredKeys: [] },
);
const anyRequest = fc.record({
  method: fc.oneof(fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'OPTIONS', 'HEAD'), fc.constantFrom('post', 'Delete', 'PROPFIND', 'TRACE')),
  path,
  query,
  headers,
  body,
  address: fc.constantFrom(...ADDRESSES),
});
/** Writes as a widget sends them, with one thing or another possibly off: the stored side. */
const likelyWrite = fc.record({
  method: fc.constantFrom('POST', 'POST', 'DELETE'),
  path: fc.constantFrom(...COMPARISONS).map((id) => `/api/comparisons/${id}/votes`),
  query: fc.constantFrom(...VOTERS).map((v) => `?voter=${v}`),
  headers: fc.record(
    {
      'content-type': fc.constantFrom('application/json', 'application/json', 'text/plain'),
      origin: fc.constantFrom('https://blog.example', 'https://blog.example', 'https://evil.example'),
      token: fc.constantFrom('valid', 'valid', 'valid', 'junk'),
    },
    { requiredKeys: ['content-type', 'token'] },
  ),
  body: fc.record({ toolId: fc.constantFrom(...TOOLS, 'gamma'), voterId: fc.constantFrom(...VOTERS) }).map((value) => JSON.stringify(value)),
  address: fc.constantFrom(...ADDRESSES),
});
const request = fc.oneof({ weight: 3, arbitrary: anyRequest }, { weight: 1, arbitrary: likelyWrite });

/** A token this address got for `id`: what a client that read before writing would hold. */
async function tokenFor(id: string, address: string): Promise<string> {
  const read = await t.request(`/api/comparisons/${id}/votes?voter=${VOTERS[0]}`, {}, address);
  await read.arrayBuffer();
  return read.headers.get(VOTE_TOKEN_HEADER) ?? '';
}

describe('the vote API under random requests', () => {
  it('never answers 5xx, refuses with coded JSON errors, and refused requests change nothing', async () => {
    let stored = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path: route, query: search, headers: chosen, body: payload, address }) => {
        const { token, ...plain } = chosen as Record<string, string | undefined>;
        const sent = Object.fromEntries(Object.entries(plain).filter((entry): entry is [string, string] => entry[1] !== undefined));
        if (token === 'valid') sent[VOTE_TOKEN_HEADER] = await tokenFor(route.split('/')[3] ?? 'open', address);
        else if (token === 'other-comparison') sent[VOTE_TOKEN_HEADER] = await tokenFor('open', '203.0.113.200');
        else if (token !== undefined) sent[VOTE_TOKEN_HEADER] = token;
        t.advance(2000);
        const withBody = !['GET', 'HEAD'].includes(method.toUpperCase()) && payload !== undefined;
        const before = await state();
        let response: Response;
        try {
          response = await t.request(`${route}${search}`, { method, headers: sent, body: withBody ? payload : undefined }, address);
        } catch (error) {
          // Only Request itself may refuse to be built (an unusable method name, say): nothing was sent.
          assert.ok(error instanceof TypeError, String(error));
          return;
        }
        const text = await response.text();
        assert.ok(response.status < 500, `${method} ${route}${search} → ${response.status} ${text}`);
        if (response.status >= 400 && route.startsWith('/api') && method.toUpperCase() !== 'HEAD') {
          const { error } = JSON.parse(text) as { error: { code: unknown; message: unknown } };
          assert.ok(isServerVoteErrorCode(error.code), String(error.code));
          assert.equal(VOTE_ERROR_STATUS[error.code], response.status);
          assert.equal(typeof error.message, 'string');
        }
        if (response.status !== 200) {
          refused += 1;
          assert.equal(await state(), before, `${method} ${route}${search} → ${response.status} changed stored votes`);
        } else if (method.toUpperCase() === 'POST' || method.toUpperCase() === 'DELETE') {
          stored += 1;
        }
      }),
      { numRuns: 1500 },
    );
    // Both sides were exercised: some writes went through, many were refused.
    assert.ok(stored > 10, `only ${stored} writes stored`);
    assert.ok(refused > 500, `only ${refused} refusals`);
  });
});
