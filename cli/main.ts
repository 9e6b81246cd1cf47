#!/usr/bin/env node
/**
 * The `ai-compare` command line: `ai-compare <command> [arguments]`. Each command lives in
 * `commands/` and is loaded only when it runs, so `validate` never loads the server.
 */
import type { Command } from './command.js';

/** Each command: its one-line summary and how to load it. Add new commands here. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ command: Command }> }> = {
  validate: { summary: 'check feeds (files, folders, URLs) and list every problem', load: () => import('./commands/validate.js') },
  new: { summary: 'write a complete example feed to start from', load: () => import('./commands/new.js') },
  html: { summary: 'print a comparison prerendered, to paste into a page', load: () => import('./commands/html.js') },
  serve: { summary: 'run the reference vote server (configured by environment variables)', load: () => import('./commands/serve.js') },
  backup: { summary: 'copy the SQLite vote database while the server runs', load: () => import('./commands/backup.js') },
};

function overview(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(0, ...names.map((name) => name.length));
  return [
    'Usage: ai-compare <command> [arguments]',
    '',
    'Commands:',
    ...names.map((name) => `  ${name.padEnd(width)}  ${COMMANDS[name].summary}`),
    '',
    'Run "ai-compare <command> --help" for a command\'s arguments.',
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(overview());
    return name === undefined ? 1 : 0;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    console.error(`ai-compare: unknown command "${name}".\n\n${overview()}`);
    return 1;
  }
  const { command } = await entry.load();
  if (args.includes('--help') || args.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`ai-compare: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
