/**
 * Loads the comparison feeds served by this server: every `*.json` file of one folder, validated
 * once at start-up so a broken feed stops the server instead of breaking widgets later.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { MAX_FEED_BYTES, parseFeed, type Feed } from '../contract/feed-schema.js';

/** Relative links in feeds resolve against where the server publishes them. */
export const FEED_BASE_URL = 'http://localhost/api/comparisons/';

export interface PublishedFeed {
  feed: Feed;
  /** The file's bytes, served exactly as published. */
  bytes: Uint8Array<ArrayBuffer>;
  /** A strong validator: the same bytes always get the same tag, across restarts too. */
  etag: string;
  toolIds: readonly string[];
  file: string;
}

/** Comparison id → feed. */
export type FeedCatalog = ReadonlyMap<string, PublishedFeed>;

export class FeedLoadError extends Error {
  override name = 'FeedLoadError';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Paths in messages are relative to the working directory when that is shorter to read. */
function display(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function tooLarge(name: string, size: number): FeedLoadError {
  return new FeedLoadError(`${name}: the feed is ${size} bytes, over the limit of ${MAX_FEED_BYTES}`);
}

function parseFile(bytes: Uint8Array<ArrayBuffer>, name: string): Feed {
  if (bytes.byteLength > MAX_FEED_BYTES) throw tooLarge(name, bytes.byteLength);
  let data: unknown;
  try {
    data = JSON.parse(utf8.decode(bytes));
  } catch (error) {
    throw new FeedLoadError(`${name}: not valid UTF-8 JSON: ${(error as Error).message}`);
  }
  const parsed = parseFeed(data, FEED_BASE_URL);
  if (!parsed.ok) {
    throw new FeedLoadError(parsed.problems.map(({ path, message }) => `${name}: ${path}: ${message}`).join('\n'));
  }
  return parsed.feed;
}

export async function loadFeeds(dir: string, cwd: string = process.cwd()): Promise<FeedCatalog> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    throw new FeedLoadError(`${display(dir, cwd)}: cannot read the feeds folder: ${(error as Error).message}`);
  }
  // An empty folder is almost always a wrong FEEDS_DIR; serving nothing would hide that.
  if (names.length === 0) throw new FeedLoadError(`${display(dir, cwd)}: no *.json feed files found`);

  const catalog = new Map<string, PublishedFeed>();
  for (const name of names) {
    const file = join(dir, name);
    const shown = display(file, cwd);
    // Checked before reading too, so a stray huge file is refused without loading it.
    const { size } = await stat(file);
    if (size > MAX_FEED_BYTES) throw tooLarge(shown, size);
    const bytes = new Uint8Array(await readFile(file));
    const feed = parseFile(bytes, shown);
    const clash = catalog.get(feed.id);
    if (clash) {
      throw new FeedLoadError(`${shown}: id: "${feed.id}" is already used by ${display(clash.file, cwd)}`);
    }
    const etag = `"${createHash('sha256').update(bytes).digest('base64url')}"`;
    catalog.set(feed.id, { feed, bytes, etag, toolIds: feed.tools.map((tool) => tool.id), file });
  }
  return catalog;
}
