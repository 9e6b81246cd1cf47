/**
 * Feed parsing at its worst: feeds of up to 512 KiB built to cost the most (deep nesting, huge
 * records, thousands of problems, a quarter-million values), each parsed from text (JSON.parse
 * and the checks) by the widget's check and by the zod schema the server and CLI use. Prints
 * medians; the target is under 50 ms each on the reference machine.
 */
import { readFileSync } from 'node:fs';
import { checkFeed } from '../contract/check-feed.js';
import { MAX_FEED_BYTES, MAX_FEED_DEPTH } from '../contract/feed-check.js';
import { parseFeed } from '../contract/feed-schema.js';

const BASE = 'https://publisher.example/feeds/worst.json';
const launchText = readFileSync(new URL('../demo/feeds/cursor-vs-smolvlm2.json', import.meta.url), 'utf8');
const launch = () => JSON.parse(launchText) as Record<string, unknown>;

/** Pads a list or record builder until the feed's JSON is just under 512 KiB. */
function fill(build: (count: number) => Record<string, unknown>): string {
  let low = 1;
  let high = 1 << 20;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (Buffer.byteLength(JSON.stringify(build(mid))) <= MAX_FEED_BYTES) low = mid;
    else high = mid - 1;
  }
  return JSON.stringify(build(low));
}

const nestedText = (depth: number) => `${'{"a":'.repeat(depth)}0${'}'.repeat(depth)}`;

const WORST: Record<string, string> = {
  // Nests to just under the cap, side by side, until the feed is full.
  'nesting just under the depth cap': fill((n) => ({ ...launch(), extra: Array.from({ length: n }, () => JSON.parse(nestedText(MAX_FEED_DEPTH - 3)) as unknown) })),
  // 85,000 levels: refused by the depth rule (JSON.parse itself is iterative in V8).
  'nesting 85,000 deep (refused)': `${launchText.trimEnd().slice(0, -1)},"extra":${nestedText(85_000)}}`,
  // The most values a feed can hold, in a field the format ignores.
  'a quarter-million values': fill((n) => ({ ...launch(), extra: new Array(n).fill(0) })),
  // Community tallies for thousands of ids that are not the two tools: one problem each.
  'thousands of problems (community)': fill((n) => ({
    ...launch(),
    community: Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${i}`, i])),
  })),
  // Fifty reviewers with the longest quotes and thousands of verdicts for unknown tools.
  'fifty reviewers, long quotes, stray verdicts': fill((n) => ({
    ...launch(),
    reviewers: Array.from({ length: 50 }, (_, r) => ({
      id: `r${r}`,
      name: `Reviewer ${r}`,
      verdicts: Object.fromEntries([
        ['cursor-1-0', { verdict: 'ship', quote: 'q'.repeat(2000) }],
        ['smolvlm2-2b', { verdict: 'skip', quote: 'q'.repeat(2000) }],
        ...Array.from({ length: Math.floor(n / 50) }, (_, i) => [`x${i}`, { verdict: 'ship' }]),
      ]),
    })),
  })),
};

/**
 * Median CPU time of `run` in ms (user + system of this process, so other work on a shared
 * machine does not inflate it), and the median wall time beside it.
 */
function median(run: () => void, times = 15): { cpu: number; wall: number } {
  for (let i = 0; i < 3; i += 1) run();
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const usage = process.cpuUsage();
    const start = performance.now();
    run();
    wall.push(performance.now() - start);
    const spent = process.cpuUsage(usage);
    cpu.push((spent.user + spent.system) / 1000);
  }
  const mid = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { cpu: mid(cpu), wall: mid(wall) };
}

const ms = ({ cpu, wall }: { cpu: number; wall: number }) => `${cpu.toFixed(1)} (${wall.toFixed(0)}) ms`;

export function parseWorstCases(): void {
  console.log('feed parsing, worst cases (JSON text → verdict; median CPU ms of 15, wall ms in brackets; Node)');
  console.log(`  ${'feed'.padEnd(46)} ${'KiB'.padStart(5)}  ${'widget check'.padStart(16)}  ${'zod (server, CLI)'.padStart(17)}  outcome`);
  for (const [name, text] of Object.entries(WORST)) {
    let outcome = '';
    const widget = median(() => {
      const result = checkFeed(JSON.parse(text), BASE);
      outcome = result.ok ? 'valid' : `${result.problems.length} problem(s): ${result.problems[0].message.slice(0, 40)}`;
    });
    const zod = median(() => parseFeed(JSON.parse(text), BASE));
    const kib = (Buffer.byteLength(text) / 1024).toFixed(0);
    console.log(`  ${name.padEnd(46)} ${kib.padStart(5)}  ${ms(widget).padStart(16)}  ${ms(zod).padStart(17)}  ${outcome}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) parseWorstCases();
