/** The reference vote server, started for a test by the test runner (see test-server-plugin.mjs). */
import { fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { AiCompare } from '../../src/ai-compare.js';
import { part, until } from './dom.js';
import { launchFeed } from './feeds.js';

/** The launch comparison's id, as the served demo feeds have it. */
export const LAUNCH_COMPARISON = 'cursor-1-0-vs-smolvlm2-2b';

/** A vote server with `env` on loopback; resolves with the votes endpoint of `comparison`. */
export async function startVoteServer(env: Record<string, string> = {}, comparison = LAUNCH_COMPARISON): Promise<string> {
  const url = await executeServerCommand<string, { env: Record<string, string> }>('start-vote-server', { env });
  if (!url) throw new Error('the vote server did not start');
  return `${url}/api/comparisons/${comparison}/votes`;
}

/** Resolves once `el` shows results read from its server. */
export const resultsShown = (el: AiCompare, what = 'results from the server'): Promise<void> =>
  until(() => part(el, 'results')[0]?.getAttribute('aria-busy') === 'false', what, 10_000);

/**
 * The launch comparison twice on one page, voting at `endpoint` (the second following live
 * results when `live`); resolves once both show results from the server.
 */
export async function comparisonTwice(endpoint: string, live = false): Promise<[AiCompare, AiCompare]> {
  const feed = await launchFeed();
  const page = await fixture<HTMLElement>(html`<div>
    <ai-compare .feed=${feed} vote-endpoint=${endpoint}></ai-compare>
    <ai-compare ?live=${live} .feed=${feed} vote-endpoint=${endpoint}></ai-compare>
  </div>`);
  const [first, second] = page.querySelectorAll('ai-compare');
  for (const el of [first, second]) await resultsShown(el);
  return [first, second];
}
