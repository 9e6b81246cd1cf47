/**
 * Reads the feeds named on the command line: files, every `*.json` of a folder, and http(s) URLs.
 * Each source becomes either the feed's text or one clear reason it could not be read.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_FEED_BYTES } from '../contract/feed-schema.js';
import { readLimitedBytes } from '../contract/read-limited.js';
import { TimeoutError, withTimeout } from '../contract/timed-fetch.js';

export type SourceErrorCode =
  | 'not-found'
  | 'unreadable'
  | 'no-feeds'
  | 'empty'
  | 'too-large'
  | 'not-utf8'
  | 'unreachable'
  | 'timeout'
  | 'http';

export type FeedSource =
  | { name: string; ok: true; text: string; base?: string }
  | { name: string; ok: false; code: SourceErrorCode; message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const LIMIT = `the ${MAX_FEED_BYTES / 1024} KiB limit for a feed`;

/** Checks the bytes of one feed: size, encoding, emptiness. The UTF-8 byte order mark is allowed. */
function decode(name: string, bytes: Uint8Array, base?: string): FeedSource {
  if (bytes.byteLength > MAX_FEED_BYTES) {
    return { name, ok: false, code: 'too-large', message: `is ${bytes.byteLength} bytes, over ${LIMIT}` };
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { name, ok: false, code: 'not-utf8', message: 'is not UTF-8 text; save it with UTF-8 encoding' };
  }
  if (text.trim() === '') {
    return { name, ok: false, code: 'empty', message: 'is empty; a feed is a JSON object (try "ai-compare new")' };
  }
  return base === undefined ? { name, ok: true, text } : { name, ok: true, text, base };
}

async function readFileSource(path: string): Promise<FeedSource> {
  try {
    // The size first: a huge file is refused without reading it.
    const { size } = await stat(path);
    if (size > MAX_FEED_BYTES) return { name: path, ok: false, code: 'too-large', message: `is ${size} bytes, over ${LIMIT}` };
    return decode(path, await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { name: path, ok: false, code: 'not-found', message: 'does not exist' };
    return { name: path, ok: false, code: 'unreadable', message: `cannot be read (${code ?? (error as Error).message})` };
  }
}

async function readFolder(path: string): Promise<FeedSource[]> {
  let entries;
  try {
    entries = await readdir(path, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return [{ name: path, ok: false, code: 'unreadable', message: `cannot be read (${code})` }];
  }
  const names = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json') && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
  if (!names.length) return [{ name: path, ok: false, code: 'no-feeds', message: 'is a folder without any .json file' }];
  return Promise.all(names.map((name) => readFileSource(join(path, name))));
}

async function readUrl(url: string, timeoutMs: number): Promise<FeedSource> {
  // The time limit covers the body too: a server that trickles it is as late as one that is silent.
  try {
    return await withTimeout(timeoutMs, undefined, async (signal) => {
      const response = await fetch(url, { headers: { accept: 'application/json' }, signal });
      if (!response.ok) {
        await response.body?.cancel();
        return { name: url, ok: false, code: 'http', message: `answered HTTP ${response.status} ${response.statusText}`.trimEnd() };
      }
      let bytes: Uint8Array | undefined;
      try {
        bytes = await readLimitedBytes(response, MAX_FEED_BYTES);
      } catch (error) {
        if (signal.aborted) throw error;
        return { name: url, ok: false, code: 'unreachable', message: `broke off while sending (${(error as Error).message})` };
      }
      if (!bytes) return { name: url, ok: false, code: 'too-large', message: `is over ${LIMIT}` };
      return decode(url, bytes, response.url || url);
    });
  } catch (error) {
    if (error instanceof TimeoutError) {
      return { name: url, ok: false, code: 'timeout', message: `did not answer within ${timeoutMs / 1000} s` };
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (error as Error).message;
    return { name: url, ok: false, code: 'unreachable', message: `could not be reached (${why})` };
  }
}

const isUrl = (arg: string) => /^https?:\/\//i.test(arg);

/** Every feed behind one command-line argument, in a stable order. */
export async function readSources(arg: string, timeoutMs: number): Promise<FeedSource[]> {
  if (isUrl(arg)) return [await readUrl(arg, timeoutMs)];
  let isFolder = false;
  try {
    isFolder = (await stat(arg)).isDirectory();
  } catch {
    // Missing: reported by readFileSource with the file's own words.
  }
  return isFolder ? readFolder(arg) : [await readFileSource(arg)];
}
