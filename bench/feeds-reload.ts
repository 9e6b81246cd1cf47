/**
 * How soon a feed file written into a watched FEEDS_DIR is served: from the rename that
 * publishes it to the moment the catalog has it (watch notice, 100 ms of quiet, read, validate).
 */
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FeedLibrary } from '../server/feeds.js';

export async function feedsReload(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ai-compare-bench-feeds-'));
  const launch = JSON.parse(readFileSync('demo/feeds/cursor-vs-smolvlm2.json', 'utf8')) as { id: string };
  writeFileSync(join(dir, 'launch.json'), JSON.stringify(launch));
  const library = new FeedLibrary(dir);
  await library.load();
  const stop = library.watch();
  const delays: number[] = [];
  try {
    for (let run = 0; run < 20; run += 1) {
      const id = `reloaded-${run}`;
      const temporary = join(dir, `.${id}.tmp`);
      writeFileSync(temporary, JSON.stringify({ ...launch, id }));
      const start = performance.now();
      renameSync(temporary, join(dir, `${id}.json`));
      while (!library.catalog.has(id)) await sleep(2);
      delays.push(performance.now() - start);
    }
  } finally {
    stop();
    rmSync(dir, { recursive: true, force: true });
  }
  delays.sort((a, b) => a - b);
  const at = (p: number) => delays[Math.min(delays.length - 1, Math.floor((p / 100) * delays.length))].toFixed(0);
  console.log('feed reload (new file in a watched FEEDS_DIR until served, 20 runs)');
  console.log(`  p50 ${at(50)} ms   p95 ${at(95)} ms   max ${delays.at(-1)?.toFixed(0)} ms`);
}
