import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { spawnServer } from '../../scripts/spawn-server.mjs';
import { feed, postVote, voter } from './helpers/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'ai-compare-html-'));

function html(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'html', ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The same, without blocking this process (a server of this process must answer meanwhile). */
function htmlAsync(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'html', ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('ai-compare html', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the element with a declarative shadow root, the feed inline, a summary and JSON-LD', () => {
    const file = join(dir, 'hostile.json');
    const hostile = { ...feed('hostile', ['alpha', 'beta']), title: 'A </script><script>alert(1)</script> title', community: { alpha: 3, beta: 1 } };
    writeFileSync(file, JSON.stringify(hostile));
    const { code, stdout, stderr } = html(file, '--lang', 'de', '--theme', 'dark');
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^<ai-compare lang="de" theme="dark" state="ready"><template shadowrootmode="open"><style>/);
    // Feed text can never close the script elements it travels in.
    assert.equal(stdout.match(/<script/g)?.length, 2);
    assert.equal(stdout.match(/<\/script>/g)?.length, 2);
    const inline = /<script type="application\/json">(.*?)<\/script>/s.exec(stdout)?.[1] ?? '';
    assert.equal((JSON.parse(inline) as { title: string }).title, hostile.title);
    // Formatted for the language asked for, in the shadow root and in the light-DOM summary.
    assert.match(stdout, /75\u00a0%/);
    assert.match(stdout, /<section class="ai-compare-fallback">[\s\S]*<a href="https:\/\/alpha\.example\.com\/">/);
    const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(stdout)?.[1] ?? '';
    assert.deepEqual(
      (JSON.parse(ld) as { '@graph': { name: string }[] })['@graph'].map((tool) => tool.name),
      ['ALPHA', 'BETA'],
    );
    assert.match(stderr, /style-src: 'sha256-[A-Za-z0-9+/=]+'/);
  });

  it('reads a published feed and includes its current public tallies', async () => {
    const server = await spawnServer({ stderr: 'ignore' });
    try {
      const id = 'cursor-1-0-vs-smolvlm2-2b';
      for (const [index, toolId] of ['cursor-1-0', 'smolvlm2-2b', 'smolvlm2-2b'].entries()) {
        const response = await postVote(server.url, id, { toolId, voterId: voter(`cli-html-${index}`) });
        assert.equal(response.status, 200);
      }
      const { code, stdout, stderr } = await htmlAsync(`${server.url}/api/comparisons/${id}`);
      assert.equal(code, 0, stderr);
      assert.match(stdout, /2 of 3 votes/);
      // The vote endpoint resolved against where the feed is published, so the widget votes there.
      assert.ok(stdout.includes(`"endpoint":"${server.url}/api/comparisons/${id}/votes"`));
    } finally {
      await server.stop();
    }
  });

  it('names every problem of an invalid feed and prints nothing', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...feed('bad'), tools: [{ id: 'a', name: 'A', url: 'javascript:alert(1)' }, { id: 'b', name: 'B' }] }));
    const { code, stdout, stderr } = html(file);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.match(stderr, /tools\[0\]\.url/);
  });

  it('refuses an unknown theme', () => {
    const { code, stderr } = html('demo/feeds/cursor-vs-smolvlm2.json', '--theme', 'neon');
    assert.equal(code, 1);
    assert.match(stderr, /--theme must be auto, light or dark/);
  });
});
