import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

describe('custom-elements.json', () => {
  it('matches what the analyzer generates from the source (run `npm run analyze` when this fails)', () => {
    // The analyzer resolves --outdir against the working directory, so stay inside the project.
    mkdirSync('.tmp', { recursive: true });
    const dir = mkdtempSync(join('.tmp', 'manifest-'));
    try {
      execFileSync(
        process.execPath,
        ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', dir, '--quiet'],
        { stdio: 'pipe' },
      );
      const fresh = JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8')) as unknown;
      const committed = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as unknown;
      assert.deepEqual(committed, fresh);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('documents the element API of the contract', () => {
    const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as {
      modules: { declarations?: { tagName?: string; attributes?: { name: string }[]; events?: { name: string }[]; cssParts?: { name: string }[]; cssProperties?: { name: string }[] }[] }[];
    };
    const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'ai-compare');
    assert.ok(element, 'ai-compare is declared');
    const names = (list: { name: string }[] | undefined) => (list ?? []).map((item) => item.name);
    for (const attribute of ['src', 'theme', 'lang', 'dir', 'loading', 'vote-endpoint', 'no-votes', 'live', 'timeout', 'density', 'state']) {
      assert.ok(names(element.attributes).includes(attribute), `attribute ${attribute}`);
    }
    const members = (element as { members?: { name: string; privacy?: string }[] }).members ?? [];
    assert.deepEqual(
      members.filter((member) => member.privacy === 'private' || member.name.startsWith('#')).map((member) => member.name),
      [],
      'no private member is listed',
    );
    for (const event of ['ai-compare-load', 'ai-compare-error', 'ai-compare-vote', 'ai-compare-voted', 'ai-compare-vote-error']) {
      assert.ok(names(element.events).includes(event), `event ${event}`);
    }
    for (const part of ['header', 'card', 'tool-name', 'panel-score', 'community-score', 'price', 'scorecard', 'verdict', 'quote', 'vote-button', 'results', 'cta', 'error']) {
      assert.ok(names(element.cssParts).includes(part), `part ${part}`);
    }
    for (const token of ['font-family', 'accent', 'background', 'surface', 'text', 'muted', 'border', 'radius', 'ship', 'skip']) {
      assert.ok(names(element.cssProperties).includes(`--ai-compare-${token}`), `token --ai-compare-${token}`);
    }
  });
});
