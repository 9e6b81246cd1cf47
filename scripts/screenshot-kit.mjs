// What the screenshot scripts share: a throwaway server with a few votes in it, and one headless
// Chromium screenshot of a page at a given size and colour scheme.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { spawnServer } from './spawn-server.mjs';

/** A server on a fresh database holding 7 votes for Cursor 1.0 and 5 for SmolVLM2-2B. */
export async function seededServer() {
  // Votes are seeded with plain POSTs from one address, as a trusted back end would send them.
  const server = await spawnServer({
    env: { VOTE_PROOF: 'off', RATE_LIMIT_COMPARISON_WRITES: '1000', RATE_LIMIT_NETWORK_WRITES: '1000' },
  });
  const endpoint = `${server.url}/api/comparisons/cursor-1-0-vs-smolvlm2-2b/votes`;
  const votes = [...Array(7).fill('cursor-1-0'), ...Array(5).fill('smolvlm2-2b')];
  for (const [index, toolId] of votes.entries()) {
    await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ toolId, voterId: `screenshot-reader-${String(index).padStart(4, '0')}` }),
    });
  }
  return server;
}

/** Writes `file` (a PNG) of `url` at `width` × `height`; true when Chromium succeeded. */
export function screenshot({ url, file, width, height, scheme = 'light', profile }) {
  const result = spawnSync('/usr/bin/chromium', [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--hide-scrollbars',
    // Transitions do not advance under a virtual time budget; show the settled state.
    '--force-prefers-reduced-motion',
    `--user-data-dir=${join(profile, 'profile')}`,
    `--blink-settings=preferredColorScheme=${scheme === 'dark' ? 0 : 1}`,
    `--window-size=${width},${height}`,
    '--virtual-time-budget=8000',
    `--screenshot=${file}`,
    url,
  ], { stdio: 'ignore' });
  console.log(result.status === 0 ? `wrote ${file}` : `failed: ${file}`);
  return result.status === 0;
}
