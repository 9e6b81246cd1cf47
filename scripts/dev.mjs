#!/usr/bin/env node
// Development: rebuild the widget on every change and run the server, restarting it when its
// own code changes. Ctrl+C stops both.
import { spawn } from 'node:child_process';

const children = [
  spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--watch'], { stdio: 'inherit' }),
  spawn(process.execPath, ['--import', 'tsx', '--watch-path=server', '--watch-path=src', 'server/main.ts'], {
    stdio: 'inherit',
  }),
];

const stop = () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', stop);
