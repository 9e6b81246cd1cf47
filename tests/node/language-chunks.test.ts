import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import ar from '../../src/i18n/ar.js';
import de from '../../src/i18n/de.js';
import es from '../../src/i18n/es.js';
import fr from '../../src/i18n/fr.js';

const LANGUAGES = { ar, de, es, fr };

describe('UI languages in the built bundle (npm run build first)', () => {
  const bundle = existsSync('dist/ai-compare.js') ? readFileSync('dist/ai-compare.js', 'utf8') : '';

  it('English is inside ai-compare.js and no other language is', () => {
    assert.ok(bundle, 'dist/ai-compare.js is built');
    assert.ok(bundle.includes('Reviewer scorecard'));
    for (const [code, words] of Object.entries(LANGUAGES)) {
      assert.ok(!bundle.includes(words.scorecard), `${code} is not in the bundle`);
    }
  });

  it('each other language is one chunk beside the bundle, imported by a relative URL', () => {
    const files = readdirSync('dist');
    for (const [code, words] of Object.entries(LANGUAGES)) {
      const chunks = files.filter((file) => new RegExp(`^ai-compare-${code}-[\\w-]+\\.js$`).test(file));
      assert.equal(chunks.length, 1, `one ${code} chunk: ${chunks.join(', ')}`);
      assert.ok(bundle.includes(`import(\`./${chunks[0]}\`)`) || bundle.includes(`import("./${chunks[0]}")`), `the bundle imports ./${chunks[0]}`);
      const chunk = readFileSync(`dist/${chunks[0]}`, 'utf8');
      assert.ok(chunk.includes(words.scorecard), `${chunks[0]} holds the ${code} words`);
      // A language chunk is words only: it must not pull in a copy of Lit or the widget.
      assert.ok(chunk.length < 4096, `${chunks[0]} is ${chunk.length} bytes`);
      assert.ok(!/^import /m.test(chunk), `${chunks[0]} imports nothing`);
    }
  });
});
