/**
 * `ai-compare html <feed>`: prints the comparison prerendered, ready to paste into a page where
 * the widget goes (see server/prerender.ts for what the markup holds).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { MAX_FEED_BYTES, parseFeed } from '../../contract/feed-schema.js';
import { withTimeout } from '../../contract/timed-fetch.js';
import type { VoteSummary } from '../../contract/vote-api.js';
import { prerenderComparison, type Theme } from '../../server/prerender.js';
import type { Command } from '../command.js';

const usage = `Usage: ai-compare html <feed> [--lang <tag>] [--theme auto|light|dark] [--base <url>] [--no-votes]

Prints <ai-compare> prerendered for <feed> (a file or an http(s) URL): a declarative shadow root
that paints before any script runs, the feed inline (the widget does not fetch it again), a
plain-HTML summary for readers without shadow DOM, and schema.org JSON-LD. When the feed has a
vote endpoint, its current public tallies are included.

  --lang <tag>     UI language (default: en)
  --theme <name>   auto (default), light or dark
  --base <url>     where the feed is published; its relative links resolve against it
                   (default: the feed's own URL; needed for a file with relative links)
  --no-votes       render without vote buttons

A page with a strict Content-Security-Policy allows the inline style with the hash printed on
standard error, in style-src.`;

const THEMES = ['auto', 'light', 'dark'];

async function readFeed(location: string): Promise<{ text: string; url: string }> {
  if (/^https?:\/\//i.test(location)) {
    const response = await fetch(location, { headers: { accept: 'application/json' } });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`${location}: the server answered ${response.status}`);
    }
    return { text: await response.text(), url: location };
  }
  return { text: await readFile(location, 'utf8'), url: pathToFileURL(resolve(location)).href };
}

async function publicTallies(endpoint: string): Promise<VoteSummary['tallies'] | undefined> {
  try {
    return await withTimeout(5000, undefined, async (signal) => {
      const response = await fetch(endpoint, { headers: { accept: 'application/json' }, signal });
      if (!response.ok) {
        await response.body?.cancel();
        throw new Error(`the vote server answered ${response.status}`);
      }
      return ((await response.json()) as VoteSummary).tallies;
    });
  } catch (error) {
    console.error(`ai-compare html: no current tallies from ${endpoint} (${(error as Error).message}); rendering without`);
    return undefined;
  }
}

export const command: Command = {
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        lang: { type: 'string' },
        theme: { type: 'string', default: 'auto' },
        base: { type: 'string' },
        'no-votes': { type: 'boolean', default: false },
      },
    });
    if (positionals.length !== 1) {
      console.error(usage);
      return 1;
    }
    if (!THEMES.includes(values.theme)) {
      console.error(`ai-compare html: --theme must be auto, light or dark, not "${values.theme}"`);
      return 1;
    }
    const [location] = positionals;
    const { text, url } = await readFeed(location);
    if (Buffer.byteLength(text) > MAX_FEED_BYTES) {
      console.error(`${location}: the feed is larger than ${MAX_FEED_BYTES} bytes`);
      return 1;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      console.error(`${location}: not valid JSON: ${(error as Error).message}`);
      return 1;
    }
    const parsed = parseFeed(data, values.base ?? url);
    if (!parsed.ok) {
      for (const { path, message } of parsed.problems) console.error(`${location}: ${path}: ${message}`);
      return 1;
    }
    const feed = parsed.feed;
    const noVotes = values['no-votes'];
    const tallies = feed.votes?.endpoint && !noVotes ? await publicTallies(feed.votes.endpoint) : undefined;
    const { html, styleHashes } = await prerenderComparison({
      feed,
      tallies,
      lang: values.lang,
      theme: values.theme as Theme,
      noVotes,
    });
    process.stdout.write(html);
    console.error(`ai-compare html: for a strict Content-Security-Policy, add to style-src: ${styleHashes.join(' ')}`);
    return 0;
  },
};
