/**
 * Figures for the UI languages: the size of each language chunk that loads beside the bundle,
 * and how long the widget's translator takes to word a full render's messages.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { allWords } from '../src/i18n/english.js';
import { translator } from '../src/i18n/translate.js';

export async function languages(): Promise<void> {
  console.log('UI language chunks beside dist/ai-compare.js (min / min+gzip)');
  for (const file of readdirSync('dist').filter((name) => /^ai-compare-[a-z]{2,3}-[\w-]+\.js$/.test(name)).sort()) {
    const code = readFileSync(`dist/${file}`);
    console.log(`  ${file.padEnd(32)} ${code.length} B / ${gzipSync(code, { level: 9 }).length} B`);
  }
  // About the messages one ready render words: labels, figures, counts and the results sentence.
  const runs = 20_000;
  for (const locale of ['en', 'ar']) {
    const t = translator(await allWords(locale), locale, locale === 'ar');
    const start = performance.now();
    for (let i = 0; i < runs; i += 1) {
      t('panelShipDetail', { ship: i % 5, count: 5 });
      t('communityDetail', { votes: i, count: i + 100 });
      t('totalVotes', { count: i });
      t('voteFor', { name: 'Cursor 1.0' });
      t('panelShip');
    }
    const perCall = ((performance.now() - start) * 1000) / (runs * 5);
    console.log(`  translator (${locale}): ${perCall.toFixed(2)} µs per message`);
  }
}
