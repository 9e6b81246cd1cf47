/**
 * Prints figures, never pass/fail: the widget bundle's size against its budget, feed validation
 * speed, and the vote server's throughput and latency on loopback.
 */
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { spawnServer } from '../scripts/spawn-server.mjs';
import { parseFeed } from '../contract/feed-schema.js';
import { feedsReload } from './feeds-reload.js';
import { stuffing } from './stuffing.js';
import { parseWorstCases } from './parse.js';
import { languages } from './languages.js';
import { lighthouseScores } from './lighthouse.js';
import { paint } from './paint.js';
import { scale } from './scale.js';

const BUDGET_KB = 15;
const kb = (bytes: number) => (bytes / 1024).toFixed(2);

function bundleSize(): void {
  const code = readFileSync('dist/ai-compare.js');
  const gzip = gzipSync(code, { level: 9 }).length;
  const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log('bundle dist/ai-compare.js');
  console.log(`  minified      ${kb(code.length)} KB`);
  console.log(`  min+gzip      ${kb(gzip)} KB   (budget ${BUDGET_KB} KB: ${gzip <= BUDGET_KB * 1024 ? 'within' : 'OVER'})`);
  console.log(`  min+brotli    ${kb(brotli)} KB`);
}

function validation(): void {
  const launch = JSON.parse(readFileSync('demo/feeds/cursor-vs-smolvlm2.json', 'utf8')) as unknown;
  const base = 'https://publisher.example/feeds/launch.json';
  for (let i = 0; i < 200; i += 1) parseFeed(launch, base);
  const runs = 2000;
  const start = performance.now();
  for (let i = 0; i < runs; i += 1) parseFeed(launch, base);
  const perRun = (performance.now() - start) / runs;
  console.log('feed validation (launch feed, Node)');
  console.log(`  ${perRun.toFixed(3)} ms per feed, ${Math.round(1000 / perRun)} feeds/s`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function voteThroughput(): Promise<void> {
  // A load test from one address: no write limits, no vote tokens.
  const unlimited = '1000000000';
  const server = await spawnServer({
    env: {
      RATE_LIMIT_WRITES: unlimited,
      RATE_LIMIT_COMPARISON_WRITES: unlimited,
      RATE_LIMIT_NETWORK_WRITES: unlimited,
      VOTE_PROOF: 'off',
    },
    stderr: 'ignore',
  });
  try {
    const endpoint = `${server.url}/api/comparisons/cursor-1-0-vs-smolvlm2-2b/votes`;
    const tools = ['cursor-1-0', 'smolvlm2-2b'];
    for (const concurrency of [1, 16, 64]) {
      const total = 1500;
      let next = 0;
      const latencies: number[] = [];
      const start = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < total) {
            const i = next++;
            const began = performance.now();
            const response = await fetch(endpoint, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ toolId: tools[i % 2], voterId: `bench-voter-${concurrency}-${String(i).padStart(6, '0')}` }),
            });
            await response.arrayBuffer();
            if (response.status !== 200) throw new Error(`vote answered ${response.status}`);
            latencies.push(performance.now() - began);
          }
        }),
      );
      const seconds = (performance.now() - start) / 1000;
      latencies.sort((a, b) => a - b);
      console.log(
        `  ${String(concurrency).padStart(2)} concurrent: ${Math.round(total / seconds)} durable votes/s, ` +
          `p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms`,
      );
    }
  } finally {
    await server.stop();
  }
}

bundleSize();
await languages();
validation();
parseWorstCases();
console.log('vote server (SQLite, synchronous=FULL, loopback, 1500 new voters per row)');
await voteThroughput();
await stuffing();
await feedsReload();
await paint();
await lighthouseScores();
await scale();
