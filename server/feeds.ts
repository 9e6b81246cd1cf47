/**
 * The comparison feeds served by this server: every `*.json` file of one folder, validated with
 * the shared schema. The folder is watched, so adding, changing or removing a file takes effect
 * without a restart; a bad file is reported and never replaces the last good version of its
 * feed, nor touches any other feed.
 */
import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { MAX_FEED_BYTES, parseFeed, type Feed } from '../contract/feed-schema.js';
import { silentLogger, type Logger } from './log.js';

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

/** Comparison id → feed. The catalog of a watched folder changes in place. */
export type FeedCatalog = ReadonlyMap<string, PublishedFeed>;

/** A file that is not served as it is now, and why (one line per problem, naming the file). */
export interface FeedProblem {
  file: string;
  problems: readonly string[];
  /** The comparison id of the last good version, still served, if there is one. */
  servingLastGood?: string;
}

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

interface FileState {
  mtimeMs: number;
  size: number;
  hash: string;
  /** The current version, or the last good one when the current version is bad. */
  good?: PublishedFeed;
  /** What is wrong with the current version. */
  error?: FeedLoadError;
}

export interface FeedLibraryOptions {
  /** Anchors file names in messages. */
  cwd?: string;
  logger?: Logger;
}

export interface WatchOptions {
  /** Quiet time after a change before the folder is read again (editors write in steps). */
  debounceMs?: number;
  /** A full rescan on this interval too, for file systems where change events get lost. */
  rescanMs?: number;
}

/** The feeds of one folder, kept current. */
export class FeedLibrary {
  readonly #dir: string;
  readonly #cwd: string;
  readonly #logger: Logger;
  readonly #catalog = new Map<string, PublishedFeed>();
  #files = new Map<string, FileState>();
  #problems: FeedProblem[] = [];
  #folderError: string | undefined;
  #scanning: Promise<void> | undefined;
  #rescanRequested = false;
  /** Changes after the first load are news worth an info line; the first load is not. */
  #loaded = false;

  constructor(dir: string, { cwd = process.cwd(), logger = silentLogger }: FeedLibraryOptions = {}) {
    this.#dir = dir;
    this.#cwd = cwd;
    this.#logger = logger;
  }

  /** The feeds being served, by comparison id (the same map, updated in place). */
  get catalog(): FeedCatalog {
    return this.#catalog;
  }

  /** Files that are not served as they are now, and the folder itself when it cannot be read. */
  problems(): readonly FeedProblem[] {
    const folder = this.#folderError ? [{ file: display(this.#dir, this.#cwd), problems: [this.#folderError] }] : [];
    return [...folder, ...this.#problems];
  }

  /**
   * The first read: a folder that cannot be read or holds no feed files is an error (almost
   * always a wrong FEEDS_DIR). Bad files are reported by `problems()`; `strict` makes them an
   * error too, with every problem of every file.
   */
  async load({ strict = false }: { strict?: boolean } = {}): Promise<FeedCatalog> {
    let names: string[];
    try {
      names = await this.#feedFiles();
    } catch (error) {
      throw new FeedLoadError(`${display(this.#dir, this.#cwd)}: cannot read the feeds folder: ${(error as Error).message}`);
    }
    if (names.length === 0) throw new FeedLoadError(`${display(this.#dir, this.#cwd)}: no *.json feed files found`);
    await this.rescan();
    if (strict && this.#problems.length > 0) {
      throw new FeedLoadError(this.#problems.flatMap((problem) => problem.problems).join('\n'));
    }
    return this.#catalog;
  }

  /** Reads the folder again and applies what changed. Concurrent calls share one pass. */
  rescan(): Promise<void> {
    if (this.#scanning) {
      this.#rescanRequested = true;
      return this.#scanning;
    }
    this.#scanning = (async () => {
      try {
        do {
          this.#rescanRequested = false;
          await this.#scan();
        } while (this.#rescanRequested);
      } finally {
        this.#scanning = undefined;
      }
    })();
    return this.#scanning;
  }

  /** Follows the folder until the returned function is called. */
  watch({ debounceMs = 100, rescanMs = 5_000 }: WatchOptions = {}): () => void {
    let timer: NodeJS.Timeout | undefined;
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void this.rescan(), debounceMs);
    };
    let watcher: FSWatcher | undefined;
    try {
      watcher = watch(this.#dir, { persistent: false }, soon);
      watcher.on('error', (error) => {
        this.#logger.warn('feeds folder watch failed; rescanning on a timer only', {
          dir: display(this.#dir, this.#cwd),
          error: error.message,
        });
        watcher?.close();
      });
    } catch (error) {
      this.#logger.warn('cannot watch the feeds folder; rescanning on a timer only', {
        dir: display(this.#dir, this.#cwd),
        error: (error as Error).message,
      });
    }
    const interval = setInterval(() => void this.rescan(), rescanMs);
    interval.unref();
    return () => {
      clearTimeout(timer);
      clearInterval(interval);
      watcher?.close();
    };
  }

  async #feedFiles(): Promise<string[]> {
    return (await readdir(this.#dir, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
      .map((entry) => entry.name)
      .sort();
  }

  async #scan(): Promise<void> {
    let names: string[];
    try {
      names = await this.#feedFiles();
    } catch (error) {
      // A folder that is briefly gone (being replaced by a deploy) must not take feeds offline.
      const message = `cannot read the feeds folder: ${(error as Error).message}`;
      if (this.#folderError !== message) {
        this.#logger.error('feeds folder unreadable; serving the feeds already loaded', {
          dir: display(this.#dir, this.#cwd),
          error: (error as Error).message,
        });
      }
      this.#folderError = message;
      return;
    }
    this.#folderError = undefined;

    const files = new Map<string, FileState>();
    for (const name of names) {
      const file = join(this.#dir, name);
      const state = await this.#readFile(file, this.#files.get(file));
      if (state) files.set(file, state);
    }
    this.#files = files;
    this.#publish();
  }

  /** The file's state, re-parsed only when its bytes changed; undefined when it vanished. */
  async #readFile(file: string, previous: FileState | undefined): Promise<FileState | undefined> {
    const shown = display(file, this.#cwd);
    let info;
    try {
      info = await stat(file);
    } catch {
      return undefined;
    }
    if (previous && previous.mtimeMs === info.mtimeMs && previous.size === info.size) return previous;
    // Checked before reading too, so a stray huge file is refused without loading it.
    if (info.size > MAX_FEED_BYTES) {
      return { mtimeMs: info.mtimeMs, size: info.size, hash: '', good: previous?.good, error: tooLarge(shown, info.size) };
    }
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch {
      return undefined;
    }
    const hash = createHash('sha256').update(bytes).digest('base64url');
    if (previous && previous.hash === hash) return { ...previous, mtimeMs: info.mtimeMs, size: info.size };
    try {
      const feed = parseFile(bytes, shown);
      const good: PublishedFeed = { feed, bytes, etag: `"${hash}"`, toolIds: feed.tools.map((tool) => tool.id), file };
      return { mtimeMs: info.mtimeMs, size: info.size, hash, good };
    } catch (error) {
      return { mtimeMs: info.mtimeMs, size: info.size, hash, good: previous?.good, error: error as FeedLoadError };
    }
  }

  /** Rebuilds the catalog from the files' states and reports what changed. */
  #publish(): void {
    const next = new Map<string, PublishedFeed>();
    const problems: FeedProblem[] = [];
    const owners = new Map<string, string>();
    const entries = [...this.#files.entries()];
    // A feed keeps its id against a newcomer claiming the same one, whatever the file names.
    const incumbentFirst = [
      ...entries.filter(([file, state]) => state.good && this.#catalog.get(state.good.feed.id)?.file === file),
      ...entries.filter(([file, state]) => !(state.good && this.#catalog.get(state.good.feed.id)?.file === file)),
    ];
    for (const [file, state] of incumbentFirst) {
      const lines = state.error ? state.error.message.split('\n') : [];
      const good = state.good;
      if (good) {
        const owner = owners.get(good.feed.id);
        if (owner === undefined) {
          owners.set(good.feed.id, file);
          next.set(good.feed.id, good);
        } else {
          lines.push(
            `${display(file, this.#cwd)}: id: "${good.feed.id}" is already used by ${display(owner, this.#cwd)}`,
          );
        }
      }
      if (lines.length === 0) continue;
      const served = good && next.get(good.feed.id) === good && state.error ? good.feed.id : undefined;
      problems.push({ file: display(file, this.#cwd), problems: lines, ...(served ? { servingLastGood: served } : {}) });
    }
    problems.sort((a, b) => a.file.localeCompare(b.file));

    const news = this.#loaded ? this.#logger.info : this.#logger.debug;
    this.#loaded = true;
    for (const [id, published] of this.#catalog) {
      if (!next.has(id)) {
        this.#catalog.delete(id);
        news('feed removed', { id, file: display(published.file, this.#cwd) });
      }
    }
    for (const [id, published] of next) {
      const before = this.#catalog.get(id);
      if (before === published) continue;
      this.#catalog.set(id, published);
      news(before ? 'feed updated' : 'feed added', { id, file: display(published.file, this.#cwd) });
    }
    const known = new Set(this.#problems.map((problem) => JSON.stringify(problem)));
    for (const problem of problems) {
      if (known.has(JSON.stringify(problem))) continue;
      this.#logger.warn(problem.servingLastGood ? 'feed file refused; serving its last good version' : 'feed file refused', {
        file: problem.file,
        problems: problem.problems,
      });
    }
    this.#problems = problems;
  }
}

/**
 * Loads every feed of `dir` once and refuses any bad file, naming every problem: for tools and
 * tests that want all-or-nothing. The server uses `FeedLibrary` to keep serving good feeds.
 */
export async function loadFeeds(dir: string, cwd: string = process.cwd()): Promise<FeedCatalog> {
  return new FeedLibrary(dir, { cwd }).load({ strict: true });
}
