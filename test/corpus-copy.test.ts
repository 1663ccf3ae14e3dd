/** fixtures/corpus must stay a byte-exact copy of the shared corpus, when that is there to compare. */
import fs from 'node:fs';
import path from 'node:path';
import { SHARED_CORPUS_DIR, VENDORED_CORPUS_DIR } from './support/paths.js';

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else out.push(path.relative(root, p));
    }
  };
  walk(root);
  return out;
}

const shared = fs.existsSync(SHARED_CORPUS_DIR);

(shared ? test : test.skip)('fixtures/corpus equals ../shared/corpus byte for byte', () => {
  const files = listFiles(SHARED_CORPUS_DIR);
  expect(listFiles(VENDORED_CORPUS_DIR)).toEqual(files);
  for (const f of files) {
    expect({ f, same: Buffer.compare(fs.readFileSync(path.join(SHARED_CORPUS_DIR, f)), fs.readFileSync(path.join(VENDORED_CORPUS_DIR, f))) === 0 }).toEqual({ f, same: true });
  }
});

test('the vendored corpus is there', () => {
  expect(listFiles(VENDORED_CORPUS_DIR).length).toBeGreaterThan(100);
});
