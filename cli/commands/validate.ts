/**
 * `ai-compare validate`: checks feeds with the same contract as the widget and the server, and
 * prints every problem with its JSON path and `file:line:column`.
 */
import { parseArgs } from 'node:util';
import { parseFeed } from '../../contract/feed-schema.js';
import type { Command } from '../command.js';
import { readSources, type FeedSource, type SourceErrorCode } from '../feed-sources.js';
import { JsonText } from '../json-positions.js';

/** Relative links in a local file resolve against this unless `--base` names where it will live. */
const DEFAULT_BASE = 'http://localhost/';
const DEFAULT_TIMEOUT_MS = 10_000;

export interface LocatedProblem {
  path: string;
  message: string;
  line: number;
  column: number;
}

/** The verdict on one feed, as `--json` prints it. */
export interface FeedReport {
  source: string;
  valid: boolean;
  /** Every problem of a feed that was read and parsed as JSON; empty when `error` is set. */
  problems: LocatedProblem[];
  /** Why the feed could not be checked at all (missing, empty, not JSON, …). */
  error?: { code: SourceErrorCode | 'syntax'; message: string; line?: number; column?: number };
}

const usage = `Usage: ai-compare validate <file|folder|url>... [options]

Checks comparison feeds against the feed format, exactly as the widget and the server do, and
prints every problem with its JSON path and file:line:column. A folder means every *.json file
directly inside it; http(s) URLs are fetched.

Options:
  --json          Print the results as JSON (for CI) instead of text.
  --base <url>    Where the feed will be published; relative links are resolved against it
                  (default for files: ${DEFAULT_BASE}; URLs use their own address).
  --timeout <ms>  How long to wait for each URL (default ${DEFAULT_TIMEOUT_MS}).
  -h, --help      Show this help.

Exit status: 0 when every feed is valid, 1 when any is not (or cannot be read).

Examples:
  ai-compare validate feeds/
  ai-compare validate comparison.json --base https://blog.example/feeds/
  ai-compare validate https://blog.example/feeds/a-vs-b.json --json`;

function check(source: FeedSource, base: string): FeedReport {
  if (!source.ok) return { source: source.name, valid: false, problems: [], error: { code: source.code, message: source.message } };
  const json = new JsonText(source.text);
  const syntax = json.syntaxError();
  if (syntax) return { source: source.name, valid: false, problems: [], error: { code: 'syntax', ...syntax } };
  const parsed = parseFeed(JSON.parse(source.text), source.base ?? base);
  if (parsed.ok) return { source: source.name, valid: true, problems: [] };
  const problems = parsed.problems.map((problem) => ({ ...problem, ...json.positionOf(problem.path) }));
  return { source: source.name, valid: false, problems };
}

function formatText(reports: readonly FeedReport[]): string {
  const lines: string[] = [];
  for (const { source, valid, problems, error } of reports) {
    if (valid) lines.push(`${source}: valid`);
    else if (error?.line !== undefined) lines.push(`${source}:${error.line}:${error.column}: ${error.message}`);
    else if (error) lines.push(`${source}: ${error.message}`);
    for (const { path, message, line, column } of problems) lines.push(`${source}:${line}:${column}: ${path}: ${message}`);
  }
  const invalid = reports.filter((report) => !report.valid).length;
  const problemCount = reports.reduce((sum, report) => sum + report.problems.length + (report.error ? 1 : 0), 0);
  const feeds = (n: number) => `${n} ${n === 1 ? 'feed' : 'feeds'}`;
  lines.push(
    '',
    invalid
      ? `${feeds(invalid)} of ${reports.length} invalid, ${problemCount} ${problemCount === 1 ? 'problem' : 'problems'}.`
      : `${reports.length === 1 ? 'The feed is' : `All ${feeds(reports.length)} are`} valid.`,
  );
  return lines.join('\n');
}

async function run(args: readonly string[]): Promise<number> {
  let values: { json?: boolean; base?: string; timeout?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...args],
      options: { json: { type: 'boolean' }, base: { type: 'string' }, timeout: { type: 'string' } },
      allowPositionals: true,
    }));
  } catch (error) {
    console.error(`ai-compare validate: ${(error as Error).message}\n\n${usage}`);
    return 1;
  }
  if (!positionals.length) {
    console.error(`ai-compare validate: name at least one file, folder or URL.\n\n${usage}`);
    return 1;
  }
  const base = values.base ?? DEFAULT_BASE;
  if (!URL.canParse(base) || !/^https?:$/.test(new URL(base).protocol)) {
    console.error(`ai-compare validate: --base must be an http(s) URL, not "${base}".`);
    return 1;
  }
  const timeout = values.timeout === undefined ? DEFAULT_TIMEOUT_MS : Number(values.timeout);
  if (!Number.isInteger(timeout) || timeout <= 0) {
    console.error(`ai-compare validate: --timeout must be a whole number of milliseconds, not "${values.timeout}".`);
    return 1;
  }

  const reports: FeedReport[] = [];
  for (const arg of positionals) {
    for (const source of await readSources(arg, timeout)) reports.push(check(source, base));
  }
  const valid = reports.every((report) => report.valid);
  console.log(values.json ? JSON.stringify({ valid, feeds: reports }, null, 2) : formatText(reports));
  return valid ? 0 : 1;
}

export const command: Command = { usage, run };
