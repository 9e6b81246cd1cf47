import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { themingProblems } from './helpers/theming-audit.js';

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );

describe('theming tokens and parts', () => {
  it('the styles, templates and JSDoc of <ai-compare> agree', () => {
    const files = sourceFiles('src');
    const problems = themingProblems({
      styles: readFileSync('src/ai-compare.styles.ts', 'utf8'),
      code: files.map((file) => readFileSync(file, 'utf8')),
      docs: readFileSync('src/ai-compare.ts', 'utf8'),
    });
    assert.deepEqual(problems, []);
  });

  it('every contract token and part is there', () => {
    const docs = readFileSync('src/ai-compare.ts', 'utf8');
    for (const token of ['font-family', 'accent', 'background', 'surface', 'text', 'muted', 'border', 'radius', 'ship', 'skip', 'second', 'focus-ring', 'space']) {
      assert.match(docs, new RegExp(`@cssprop --ai-compare-${token} `), token);
    }
  });

  describe('the audit itself', () => {
    const docs = '@cssprop --ai-compare-accent - Brand.\n@csspart card - A card.';
    const styles = ':host { --_accent: var(--ai-compare-accent, red); } .card { color: var(--_accent); }';
    const code = ['html`<div part="card"></div>`'];

    it('finds nothing in a consistent set', () => {
      assert.deepEqual(themingProblems({ styles, code, docs }), []);
    });

    it('finds a private variable used but not defined', () => {
      const problems = themingProblems({ styles: `${styles} .x { color: var(--_ink); }`, code, docs });
      assert.deepEqual(problems, ['--_ink is used but never defined']);
    });

    it('accepts a private variable defined through the CSSOM', () => {
      const problems = themingProblems({
        styles: `${styles} .bar { width: calc(var(--_share) * 1%); }`,
        code: [...code, "bar.style.setProperty('--_share', '40')"],
        docs,
      });
      assert.deepEqual(problems, []);
    });

    it('finds a token read but undocumented, and one documented but never read', () => {
      const problems = themingProblems({
        styles: styles.replace('--ai-compare-accent', '--ai-compare-brand'),
        code,
        docs,
      });
      assert.deepEqual(problems, [
        '--ai-compare-brand is read but not documented with @cssprop',
        '--ai-compare-accent is documented with @cssprop but never read',
      ]);
    });

    it('finds a token the widget declares instead of reading', () => {
      const problems = themingProblems({ styles: `${styles} :host { --ai-compare-accent: blue; }`, code, docs });
      assert.deepEqual(problems, ['--ai-compare-accent is declared by the widget; public tokens are only read']);
    });

    it('finds parts rendered but undocumented, and documented but never rendered', () => {
      const problems = themingProblems({ styles, code: ['html`<div part="card badge"></div>`'], docs: `${docs}\n@csspart ghost - Gone.` });
      assert.deepEqual(problems, [
        'part badge is rendered but not documented with @csspart',
        'part ghost is documented with @csspart but never rendered',
      ]);
    });
  });
});
