#!/usr/bin/env node
// Takes the README screenshots for publishers: the three ready-made themes of the theming
// playground, the widget in Arabic, and the playground itself. Needs a build (npm run build)
// and Debian's chromium.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { spawnServer } from './spawn-server.mjs';

// Seeded votes are plain POSTs: no vote tokens for this throwaway server.
const server = await spawnServer({ env: { VOTE_PROOF: 'off' } });
try {
  const endpoint = `${server.url}/api/comparisons/cursor-1-0-vs-smolvlm2-2b/votes`;
  const votes = [...Array(7).fill('cursor-1-0'), ...Array(5).fill('smolvlm2-2b')];
  for (const [index, toolId] of votes.entries()) {
    await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ toolId, voterId: `screenshot-reader-${String(index).padStart(4, '0')}` }),
    });
  }

  const shots = [
    ['theme-newspaper', '?preset=newspaper&bare', 820, 2000],
    ['theme-neon', '?preset=neon&bare', 820, 2100],
    ['theme-mono', '?preset=mono&bare', 820, 2100],
    ['language-arabic', '?lang=ar&sample=ar&bare', 820, 1440],
    ['playground', '?preset=newspaper', 1280, 1000],
  ];
  for (const [name, query, width, height] of shots) {
    const file = `docs/${name}.png`;
    const result = spawnSync('/usr/bin/chromium', [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--hide-scrollbars',
      '--force-prefers-reduced-motion',
      `--user-data-dir=${join(server.dir, 'profile')}`,
      '--blink-settings=preferredColorScheme=1',
      `--window-size=${width},${height}`,
      '--virtual-time-budget=8000',
      `--screenshot=${file}`,
      `${server.url}/demo/theming.html${query}`,
    ], { stdio: 'ignore' });
    console.log(result.status === 0 ? `wrote ${file}` : `failed: ${file}`);
  }
} finally {
  await server.stop();
}
