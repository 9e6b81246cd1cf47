/**
 * Write limits per comparison, on top of the per-address bucket: one address, and one network
 * (IPv4 /24, IPv6 /48), may only make so many writes to one comparison in a window. They bound
 * what a single host, a whole IPv6 allocation or a rented /24 can add to one tally.
 */
import type { VoteIntegrityConfig } from '../config.js';
import { MemoryRateLimiter, type BucketOptions, type RateLimitDecision, type RateLimiter } from './rate-limit.js';

/**
 * The network around a client key (from `clientKeys()`): `a.b.c.0/24` for IPv4, the first three
 * groups (`2001:db8:7::/48`) for an IPv6 /64. A site is usually given a /48 and may use any
 * address in it; a /24 is the smallest IPv4 block that is routed on its own.
 */
export function networkOf(client: string): string {
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.\d+$/.exec(client);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (client.endsWith('::/64')) return `${client.slice(0, -'::/64'.length).split(':').slice(0, 3).join(':')}::/48`;
  return client;
}

export type VoteLimitOptions = Pick<VoteIntegrityConfig, 'comparisonWrites' | 'networkWrites' | 'windowMs'> & {
  now?: () => number;
  /** Makes the buckets (shared by several servers where the store offers it); in memory by default. */
  limiter?: (name: string, bucket: BucketOptions) => RateLimiter;
};

export class ComparisonLimits {
  readonly #perAddress: RateLimiter;
  readonly #perNetwork: RateLimiter;

  constructor({
    comparisonWrites,
    networkWrites,
    windowMs,
    now,
    limiter = (_name, bucket) => new MemoryRateLimiter({ ...bucket, now }),
  }: VoteLimitOptions) {
    this.#perAddress = limiter('comparison-address', { capacity: comparisonWrites, windowMs });
    this.#perNetwork = limiter('comparison-network', { capacity: networkWrites, windowMs });
  }

  /** One write by `client` to `comparisonId`: allowed only while both allowances last. */
  async take(comparisonId: string, client: string): Promise<RateLimitDecision & { scope?: 'address' | 'network' }> {
    // The address's own allowance first: writes it is refused then never spend its neighbours'.
    const address = await this.#perAddress.take(`${comparisonId}\n${client}`);
    if (!address.allowed) return { ...address, scope: 'address' };
    const network = await this.#perNetwork.take(`${comparisonId}\n${networkOf(client)}`);
    return network.allowed ? network : { ...network, scope: 'network' };
  }
}
