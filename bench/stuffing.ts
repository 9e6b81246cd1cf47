/**
 * Ballot stuffing, measured: accepted votes per hour on one comparison for a script that casts
 * votes with fresh voter ids as fast as the server lets it, from one address, from one IPv6 /48
 * and from a 50-address botnet. "Before" is the server as it was (one 20-per-10 s bucket per
 * address, no other check); "after" is today's defaults. The hour is simulated in-process with
 * a clock the benchmark moves, so it runs in seconds; the attackers honour Retry-After and send
 * back the vote token of each answer, as a browser does.
 */
import { createApp } from '../server/app.js';
import { DEFAULTS, VOTE_INTEGRITY_DEFAULTS, type VoteIntegrityConfig } from '../server/config.js';
import { loadFeeds } from '../server/feeds.js';
import { buildSummary, type VoteStore } from '../server/storage/vote-store.js';
import { VOTE_TOKEN_HEADER } from '../contract/vote-api.js';
import { votesPath } from '../contract/routes.js';

const HOUR_MS = 3_600_000;
const COMPARISON = 'cursor-1-0-vs-smolvlm2-2b';
const TOOL = 'cursor-1-0';

/** Keeps votes in a map: the benchmark measures the server's gates, not the disk. */
function countingStore(): VoteStore {
  const votes = new Map<string, string>();
  const summary = (id: string, toolIds: readonly string[], voterId: string | null) => {
    const tallies = toolIds.map((tool_id) => ({ tool_id, n: 0 }));
    for (const toolId of votes.values()) {
      const tally = tallies.find((entry) => entry.tool_id === toolId);
      if (tally) tally.n += 1;
    }
    return Promise.resolve(buildSummary(id, toolIds, tallies, voterId === null ? null : (votes.get(voterId) ?? null)));
  };
  return {
    summary,
    vote: (id, toolIds, voterId, toolId) => {
      votes.set(voterId, toolId);
      // Only acceptance is counted here; the voter's own state is answer enough.
      return Promise.resolve(buildSummary(id, toolIds, [], toolId));
    },
    withdraw: (id, toolIds, voterId) => {
      votes.delete(voterId);
      return summary(id, toolIds, voterId);
    },
    // A single process: nobody else changes these votes.
    onChange: () => () => undefined,
    close: () => Promise.resolve(),
  };
}

interface Setting {
  label: 'before' | 'after';
  integrity: VoteIntegrityConfig;
}

const unlimited = 1_000_000_000;
const BEFORE: Setting = {
  label: 'before',
  integrity: { proof: false, secret: undefined, comparisonWrites: unlimited, networkWrites: unlimited, windowMs: HOUR_MS },
};
const AFTER: Setting = { label: 'after', integrity: VOTE_INTEGRITY_DEFAULTS };

interface Attacker {
  label: string;
  /** Every address the attacker owns. */
  addresses: number;
  /** The address number `i`, as the server sees it. */
  address: (i: number) => string;
}

const ATTACKERS: Attacker[] = [
  { label: 'one address', addresses: 1, address: () => '198.51.100.7' },
  // A /48 holds 65,536 /64 prefixes; the server keys an IPv6 client by its /64.
  { label: 'one IPv6 /48', addresses: 65_536, address: (i) => `2001:db8:42:${i.toString(16)}::1` },
  { label: '50-address botnet', addresses: 50, address: (i) => `100.${64 + i}.${i * 3}.${10 + i}` },
];

/**
 * Before, every address (every /64) had a bucket of its own and nothing else counted, so two
 * simulated addresses give the rate of each, and the attacker's total is that times its
 * addresses. After, limits are shared by networks and comparisons, so every address is
 * simulated (50 /64s of the /48: more add nothing, they share the /48's allowance).
 */
const simulated = (setting: Setting, attacker: Attacker) => Math.min(attacker.addresses, setting.label === 'before' ? 2 : 50);

async function appFor(integrity: VoteIntegrityConfig, now?: () => number, origins?: string[]) {
  const feeds = new Map(await loadFeeds('demo/feeds'));
  const published = feeds.get(COMPARISON);
  if (origins && published) {
    const votes = { endpoint: votesPath(COMPARISON), ...published.feed.votes, origins };
    feeds.set(COMPARISON, { ...published, feed: { ...published.feed, votes } });
  }
  return createApp({
    feeds,
    store: countingStore(),
    config: {
      allowedOrigins: '*',
      rateLimit: { writes: DEFAULTS.rateLimitWrites, windowMs: DEFAULTS.rateLimitWindowMs },
      voteIntegrity: integrity,
    },
    staticRoot: '.',
    log: () => undefined,
    now,
  });
}

/** Accepted votes in one simulated hour from the first `sampled` addresses of the attacker. */
async function simulate(setting: Setting, attacker: Attacker, sampled: number): Promise<number> {
  let clock = Date.UTC(2026, 0, 1);
  const app = await appFor(setting.integrity, () => clock);
  const path = votesPath(COMPARISON);
  const clients = Array.from({ length: sampled }, (_, i) => ({
    env: { incoming: { socket: { remoteAddress: attacker.address(i) } } },
    token: '',
    readyAt: clock,
  }));
  const end = clock + HOUR_MS;
  let accepted = 0;
  let voter = 0;
  while (clock < end) {
    for (const client of clients) {
      while (client.readyAt <= clock) {
        voter += 1;
        const response = await app.request(
          path,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', [VOTE_TOKEN_HEADER]: client.token },
            body: JSON.stringify({ toolId: TOOL, voterId: `stuffed-voter-${String(voter).padStart(10, '0')}` }),
          },
          client.env,
        );
        client.token = response.headers.get(VOTE_TOKEN_HEADER) ?? '';
        const retryAfter = Number(response.headers.get('retry-after'));
        await response.arrayBuffer();
        if (response.status === 200) accepted += 1;
        else if (response.status === 429) client.readyAt = clock + retryAfter * 1000;
        // A refusal for the token came with a fresh one: the next round uses it.
        else if (response.status !== 428 && response.status !== 403) throw new Error(`unexpected ${response.status}`);
      }
    }
    // On to the next moment any client may write again.
    clock = Math.max(clock + 1, Math.min(...clients.map((client) => client.readyAt)));
  }
  return accepted;
}

/**
 * One POST as a blind script sends it (no token), or as another site's page makes its readers'
 * browsers send it (`origin`, against a feed that lists `votes.origins`): what the server did.
 */
async function onePost(integrity: VoteIntegrityConfig, origin?: string): Promise<string> {
  const app = await appFor(integrity, undefined, origin ? ['https://blog.example'] : undefined);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (origin) {
    headers.origin = origin;
    // The page can read a token: CORS answers any origin by default.
    const read = await app.request(`${votesPath(COMPARISON)}?voter=page-reader-000001`, { headers });
    headers[VOTE_TOKEN_HEADER] = read.headers.get(VOTE_TOKEN_HEADER) ?? '';
  }
  const response = await app.request(votesPath(COMPARISON), {
    method: 'POST',
    headers,
    body: JSON.stringify({ toolId: TOOL, voterId: 'single-request-voter-01' }),
  });
  const body = (await response.json()) as { error?: { code: string } };
  return body.error ? `refused ${response.status} ${body.error.code}` : `stored (${response.status})`;
}

const format = new Intl.NumberFormat('en');

export async function stuffing(): Promise<void> {
  console.log('ballot stuffing: accepted votes per hour on one comparison (fresh voter ids, simulated hour)');
  for (const attacker of ATTACKERS) {
    const figures: string[] = [];
    for (const setting of [BEFORE, AFTER]) {
      const sampled = simulated(setting, attacker);
      const accepted = await simulate(setting, attacker, sampled);
      if (setting.label === 'after') {
        figures.push(`after ${format.format(accepted)}`);
        continue;
      }
      const each = Math.round(accepted / sampled);
      const how = attacker.addresses > 1 ? ` (${format.format(each)} per address × ${format.format(attacker.addresses)})` : '';
      figures.push(`before ${format.format(each * attacker.addresses)}${how}`);
    }
    console.log(`  ${attacker.label.padEnd(18)} ${figures.join('  →  ')}`);
  }
  console.log(`  one POST without a token: before ${await onePost(BEFORE.integrity)}, after ${await onePost(AFTER.integrity)}`);
  // Nothing checked Origin before, so there is no "before" to measure: such votes were stored.
  const foreign = await onePost(AFTER.integrity, 'https://evil.example');
  console.log(`  a vote from another site's page, the feed listing votes.origins: after ${foreign}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await stuffing();
