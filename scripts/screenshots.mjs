#!/usr/bin/env node
// Takes the README screenshots: the article demo at 1200 px and 375 px, light and dark, with a
// few votes in a throwaway database. Needs a build (npm run build) and Debian's chromium.
import { screenshot, seededServer } from './screenshot-kit.mjs';

const server = await seededServer();
try {
  const shots = [
    [1200, 2250, 'light'],
    [1200, 2250, 'dark'],
    [375, 4600, 'light'],
    [375, 4600, 'dark'],
  ];
  for (const [width, height, scheme] of shots) {
    screenshot({
      url: `${server.url}/demo/article.html`,
      file: `docs/screenshot-${width}-${scheme}.png`,
      width,
      height,
      scheme,
      profile: server.dir,
    });
  }
} finally {
  await server.stop();
}
