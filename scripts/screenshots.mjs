#!/usr/bin/env node
// Takes the README screenshots: the article demo at 1200 px and 375 px, light and dark, with a
// few votes in a throwaway database. Needs a build (npm run build) and Debian's chromium.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { spawnServer } from './spawn-server.mjs';

// Votes are seeded with plain POSTs, as a trusted back end would send them.
const server = await spawnServer({
  env: { VOTE_PROOF: 'off', RATE_LIMIT_COMPARISON_WRITES: '1000', RATE_LIMIT_NETWORK_WRITES: '1000' },
});
const base = server.url;
try {
  const endpoint = `${base}/api/comparisons/cursor-1-0-vs-smolvlm2-2b/votes`;
  const votes = [...Array(7).fill('cursor-1-0'), ...Array(5).fill('smolvlm2-2b')];
  for (const [index, toolId] of votes.entries()) {
    await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ toolId, voterId: `screenshot-reader-${String(index).padStart(4, '0')}` }),
    });
  }

  const shots = [
    [1200, 2250, 'light'],
    [1200, 2250, 'dark'],
    [375, 4600, 'light'],
    [375, 4600, 'dark'],
  ];
  for (const [width, height, scheme] of shots) {
    const file = `docs/screenshot-${width}-${scheme}.png`;
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
      `--user-data-dir=${join(server.dir, 'profile')}`,
      `--blink-settings=preferredColorScheme=${scheme === 'dark' ? 0 : 1}`,
      `--window-size=${width},${height}`,
      '--virtual-time-budget=8000',
      `--screenshot=${file}`,
      `${base}/demo/article.html`,
    ], { stdio: 'ignore' });
    console.log(result.status === 0 ? `wrote ${file}` : `failed: ${file}`);
  }
} finally {
  await server.stop();
}
