/** `ai-compare new`: writes a complete, valid example feed to start a comparison from. */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { exampleFeed } from '../../contract/example-feed.js';
import type { Command } from '../command.js';

const usage = `Usage: ai-compare new <file> [options]

Writes a complete, valid example comparison feed to <file>: two tools with pricing, two
reviewers with verdicts, quotes and picks, a vote endpoint and a call to action. Replace the
placeholders, then check it with "ai-compare validate <file>".

Its "$schema" points at the feed's JSON Schema, so editors complete and explain every field.

Options:
  --schema <url>  The "$schema" to write (default: the path from <file> to this package's
                  dist/feed.schema.json; a server running ai-compare also serves it at
                  /feed.schema.json).
  --force         Overwrite <file> if it exists.
  -h, --help      Show this help.`;

/** This package's root: the nearest folder above this module with ai-compare's package.json. */
function packageRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'ai-compare') {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The schema as a path relative to the new file, so editors find it without a network. */
function defaultSchema(file: string): string | undefined {
  const root = packageRoot();
  if (!root) return undefined;
  const path = relative(dirname(resolve(file)), join(root, 'dist', 'feed.schema.json')).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

async function run(args: readonly string[]): Promise<number> {
  let values: { schema?: string; force?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...args],
      options: { schema: { type: 'string' }, force: { type: 'boolean' } },
      allowPositionals: true,
    }));
  } catch (error) {
    console.error(`ai-compare new: ${(error as Error).message}\n\n${usage}`);
    return 1;
  }
  if (positionals.length !== 1) {
    console.error(`ai-compare new: name exactly one file to write.\n\n${usage}`);
    return 1;
  }
  const [file] = positionals;
  const feed = exampleFeed(values.schema ?? defaultSchema(file));
  try {
    await mkdir(dirname(resolve(file)), { recursive: true });
    await writeFile(file, `${JSON.stringify(feed, null, 2)}\n`, { flag: values.force ? 'w' : 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      console.error(`ai-compare new: ${file} already exists; choose another name or add --force to overwrite it.`);
    } else {
      console.error(`ai-compare new: cannot write ${file} (${code ?? (error as Error).message}).`);
    }
    return 1;
  }
  console.log(`Wrote ${file}: a complete example comparison.
Next: replace the placeholders (or open it in the feed editor), then run
  ai-compare validate ${file}`);
  return 0;
}

export const command: Command = { usage, run };
