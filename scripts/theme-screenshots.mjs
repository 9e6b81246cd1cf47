#!/usr/bin/env node
// Takes the README screenshots for publishers: the three ready-made themes of the theming
// playground, the widget in Arabic, and the playground itself. Needs a build (npm run build)
// and Debian's chromium.
import { screenshot, seededServer } from './screenshot-kit.mjs';

const server = await seededServer();
try {
  const shots = [
    ['theme-newspaper', '?preset=newspaper&bare', 820, 2000],
    ['theme-neon', '?preset=neon&bare', 820, 2100],
    ['theme-mono', '?preset=mono&bare', 820, 2100],
    ['language-arabic', '?lang=ar&sample=ar&bare', 820, 1440],
    ['playground', '?preset=newspaper', 1280, 1000],
  ];
  for (const [name, query, width, height] of shots) {
    screenshot({
      url: `${server.url}/demo/theming.html${query}`,
      file: `docs/${name}.png`,
      width,
      height,
      profile: server.dir,
    });
  }
} finally {
  await server.stop();
}
