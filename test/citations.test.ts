/**
 * Every citation a user can follow resolves (issue 13): the sources in src/, rules/, docs/ and the
 * README name files in this repository or public https:// URLs. A repository path (`docs/…md#anchor`,
 * `src/…`, `rules/…`, a relative Markdown link) must exist, and its #anchor must be a heading or an
 * `<a id>` of that file; no citation names the team's documents beside the checkout
 * (`../shared/reference/…`, `peer-tools.md`, `guidance-review M1` …): what we cite of them is vendored
 * under docs/reference/ (the corpus beside the checkout, ../shared/corpus/, is test input, not a
 * citation). URLs are checked offline: https:// only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';

const SCANNED = ['src', 'rules', 'docs', 'README.md'];
const EXTENSIONS = new Set(['.ts', '.md', '.json', '.js']);
/** Generated, machine-written or third-party text that cites nothing. */
const SKIPPED = [/^src\/catalog\/data\//, /^src\/engine\/generated\//];

function walk(rel: string, out: string[]): void {
  const abs = path.join(PACKAGE_ROOT, rel);
  const st = fs.statSync(abs);
  if (st.isFile()) {
    if (EXTENSIONS.has(path.extname(rel)) && !SKIPPED.some((r) => r.test(rel))) out.push(rel);
    return;
  }
  for (const e of fs.readdirSync(abs).sort()) walk(path.posix.join(rel, e), out);
}

const FILES: string[] = [];
for (const s of SCANNED) walk(s, FILES);
const TEXT = new Map(FILES.map((f) => [f, fs.readFileSync(path.join(PACKAGE_ROOT, f), 'utf8')]));

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function anchorsOf(markdown: string): Set<string> {
  const out = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      const base = h[1]!.toLowerCase().replace(/`/g, '').replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      out.add(n === 0 ? base : `${base}-${n}`);
    }
  }
  for (const m of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) out.add(m[1]!);
  return out;
}

interface Citation {
  file: string;
  line: number;
  target: string;
  /** The path in the repository the target names (after resolving a relative link). */
  resolved: string;
  anchor?: string;
}

const ROOTS = 'src|rules|docs|test|scripts|fixtures|schemas';
/** A repository path cited in text: `docs/reference/x.md#a`, src/simulate/private.ts. */
const PLAIN = new RegExp(`(?<![\\w./-])((?:${ROOTS})/[\\w./-]*\\w\\.[a-z]+)(?:#([\\w-]+))?`, 'g');
/** A Markdown link target that is not a URL: [x](../../docs/guidance.md#a). */
const LINK = /\]\((?!https?:|mailto:|#)([^)\s]+?)(?:#([^)\s]+))?\)/g;

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/**
 * Paths of other source trees, cited by their own repository's layout (each beside a URL or its
 * project's name): PostgreSQL's (src/backend/…), pgtune's (src/features/…), actions/runner's.
 */
const FOREIGN = /^src\/(?:backend|include|port|common|bin|interfaces|features|Runner\.Common)\//;

/** The text with every Markdown link to a URL blanked out: its label may name another repository's file. */
function withoutUrlLinks(text: string): string {
  return text.replace(/\[[^\]\n]*\]\(https?:[^)\s]*\)/g, (m) => ' '.repeat(m.length));
}

/** A cited path exists; `pgNN.json` stands for the file of each major version (at least one must exist). */
function exists(rel: string): boolean {
  if (!/NN/.test(rel)) return fs.existsSync(path.join(PACKAGE_ROOT, rel));
  const dir = path.join(PACKAGE_ROOT, path.posix.dirname(rel));
  const pattern = new RegExp(`^${path.posix.basename(rel).replace(/[.]/g, '\\.').replace('NN', '\\d\\d')}$`);
  return fs.existsSync(dir) && fs.readdirSync(dir).some((f) => pattern.test(f));
}

function citations(): Citation[] {
  const out: Citation[] = [];
  for (const [file, text] of TEXT) {
    for (const m of withoutUrlLinks(text).matchAll(PLAIN)) {
      if (FOREIGN.test(m[1]!)) continue;
      out.push({ file, line: lineOf(text, m.index!), target: m[0], resolved: m[1]!.replace(/\.$/, ''), anchor: m[2] });
    }
    if (path.extname(file) !== '.md') continue;
    for (const m of text.matchAll(LINK)) {
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!));
      out.push({ file, line: lineOf(text, m.index!), target: m[0], resolved, anchor: m[2] });
    }
  }
  return out;
}

/** The team's documents that live beside the checkout, never in it. */
const TEAM_DOCS = /(?<![\w/.-])(?:(?:peer-tools|postgres-facts|guidance-review|peer-checks|code-review|newcomer|memory-measurements|platforms)\.md|(?:peer-tools|postgres-facts|guidance-review|peer-checks|code-review)\b|shmem-measurements\.csv)|(?:\.\.\/)?shared\/reference/g;

describe('citations resolve in the repository', () => {
  const all = citations();

  test('the scan sees the vendored references and the citations of them (so the checks below are not vacuous)', () => {
    expect(FILES).toEqual(expect.arrayContaining(['README.md', 'docs/sources.md', 'docs/reference/dba-review.md', 'src/host/workloads.ts', 'src/simulate/private.ts']));
    const vendored = all.filter((c) => c.resolved.startsWith('docs/reference/'));
    expect(vendored.filter((c) => c.anchor !== undefined).length).toBeGreaterThan(20);
    expect(new Set(vendored.map((c) => c.file)).size).toBeGreaterThan(10);
  });

  test('every cited repository path exists', () => {
    const missing = all.filter((c) => !exists(c.resolved)).map((c) => `${c.file}:${c.line}: ${c.target}`);
    expect(missing).toEqual([]);
  });

  test("every #anchor cited in a Markdown file is a heading or an <a id> of that file", () => {
    const cache = new Map<string, Set<string>>();
    const bad: string[] = [];
    let checked = 0;
    for (const c of all) {
      if (c.anchor === undefined || !c.resolved.endsWith('.md')) continue;
      const abs = path.join(PACKAGE_ROOT, c.resolved);
      if (!fs.existsSync(abs)) continue; // reported above
      if (!cache.has(abs)) cache.set(abs, anchorsOf(fs.readFileSync(abs, 'utf8')));
      checked++;
      if (!cache.get(abs)!.has(c.anchor)) bad.push(`${c.file}:${c.line}: ${c.target} (no #${c.anchor} in ${c.resolved})`);
    }
    expect(bad).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });

  test("no citation names a team document beside the checkout (vendor it under docs/reference/)", () => {
    const bad: string[] = [];
    for (const [file, text] of TEXT) for (const m of text.matchAll(TEAM_DOCS)) bad.push(`${file}:${lineOf(text, m.index!)}: ${m[0]}`);
    expect(bad).toEqual([]);
  });

  test('URLs are https:// (a JSON Schema $schema identifier is a name, not a citation)', () => {
    const bad: string[] = [];
    for (const [file, text] of TEXT) {
      for (const m of text.matchAll(/http:\/\/[^\s"'`)>\]]+/g)) if (!m[0].startsWith('http://json-schema.org/')) bad.push(`${file}:${lineOf(text, m.index!)}: ${m[0]}`);
    }
    expect(bad).toEqual([]);
  });

  test('the checks catch what they are for', () => {
    expect([...'see ../shared/reference/x.md, peer-tools.md §1.1'.matchAll(TEAM_DOCS)].map((m) => m[0])).toEqual(['../shared/reference', 'peer-tools.md']);
    expect([...'(guidance-review M1)'.matchAll(TEAM_DOCS)]).toHaveLength(1);
    expect([...'docs/reference/memory-measurements.md#1-idle-backends'.matchAll(TEAM_DOCS)]).toHaveLength(0);
    expect([...'x docs/reference/dba-review.md#m1, src/host/workloads.ts.'.matchAll(PLAIN)].map((m) => [m[1], m[2]])).toEqual([['docs/reference/dba-review.md', 'm1'], ['src/host/workloads.ts', undefined]]);
    expect(exists('src/catalog/data/pgNN.json')).toBe(true);
    expect(exists('src/catalog/data/pgNN.yaml')).toBe(false);
    expect([...withoutUrlLinks('[src/backend/x.c](https://github.com/postgres/postgres) and src/host/types.ts').matchAll(PLAIN)].map((m) => m[1])).toEqual(['src/host/types.ts']);
    expect(anchorsOf('# A DBA\'s targets\n### D7. huge_pages\n## Sources\n## Sources\n<a id="m1"></a>')).toEqual(new Set(['a-dbas-targets', 'd7-huge_pages', 'sources', 'sources-1', 'm1']));
  });
});
