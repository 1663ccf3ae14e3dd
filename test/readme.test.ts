/**
 * The README's examples are true: every ```console block's `$ npx pgvet …` command is run and its
 * output must be exactly what the README shows below it; the library example (the ```js block of
 * "Library API") is run against the package and must print the ```text block after it.
 * Nothing is normalised: the commands run in the repository with relative paths and NO_COLOR.
 *
 * PGVET_UPDATE_README=1 writes the real outputs into README.md instead (review with git diff).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';

const README = path.join(PACKAGE_ROOT, 'README.md');
const UPDATE = process.env.PGVET_UPDATE_README === '1';
const ENV: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
delete ENV.FORCE_COLOR;

interface Block {
  lang: string;
  /** Index of the first line of the body in the README's lines. */
  start: number;
  body: string[];
}

function blocks(lines: string[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!m || !m[1]) continue;
    const end = lines.indexOf('```', i + 1);
    if (end < 0) throw new Error(`README.md:${i + 1}: unclosed code block`);
    out.push({ lang: m[1], start: i + 1, body: lines.slice(i + 1, end) });
    i = end;
  }
  return out;
}

/** Words of a command line as a POSIX shell splits them (quotes, no expansions: the README uses none). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unclosed quote: ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      const end = line.indexOf('"', i + 1);
      if (end < 0) throw new Error(`unclosed quote: ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === ' ' || c === '\t') {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === '#' && word === null) {
      break;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/** One `$ npx pgvet …` command and the lines the README shows after it. */
interface Example {
  line: number;
  command: string;
  shown: string;
  /** Where the shown lines are in the README (to update them). */
  from: number;
  to: number;
}

function examples(lines: string[]): Example[] {
  const out: Example[] = [];
  for (const b of blocks(lines).filter((b) => b.lang === 'console')) {
    b.body.forEach((l, k) => {
      if (!l.startsWith('$ ')) return;
      const next = b.body.findIndex((m, n) => n > k && m.startsWith('$ '));
      const end = next < 0 ? b.body.length : next;
      out.push({ line: b.start + k + 1, command: l.slice(2), shown: b.body.slice(k + 1, end).map((x) => `${x}\n`).join(''), from: b.start + k + 1, to: b.start + end });
    });
  }
  return out;
}

function runPgvet(command: string): string {
  const [npx, bin, ...args] = shellWords(command);
  if (npx !== 'npx' || bin !== 'pgvet') throw new Error(`a console example must run "npx pgvet …": ${command}`);
  // `npx pgvet` runs the package's bin; run it directly (npx adds only its own start-up)
  const r = spawnSync(process.execPath, [path.join(PACKAGE_ROOT, 'bin', 'pgvet.js'), ...args], { cwd: PACKAGE_ROOT, env: ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return r.stdout + r.stderr;
}

/** The library example: the ```js block under "## Library API" and the ```text block after it. */
function libraryExample(lines: string[]): { code: string; shown: Block } {
  const section = lines.indexOf('## Library API');
  const after = blocks(lines).filter((b) => b.start > section);
  const js = after.find((b) => b.lang === 'js');
  const text = after.find((b) => b.lang === 'text');
  if (section < 0 || !js || !text || text.start < js.start) throw new Error('README.md: "## Library API" needs a ```js example followed by a ```text block of its output');
  return { code: js.body.join('\n') + '\n', shown: text };
}

function runLibraryExample(code: string): string {
  // a project that has pgvet installed: node_modules/pgvet is this package (its exports, its dist)
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvet-readme-'));
  try {
    fs.mkdirSync(path.join(project, 'node_modules'));
    fs.symlinkSync(PACKAGE_ROOT, path.join(project, 'node_modules', 'pgvet'), 'dir');
    const file = path.join(project, 'example.mjs');
    fs.writeFileSync(file, code);
    const r = spawnSync(process.execPath, [file], { cwd: PACKAGE_ROOT, env: ENV, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`the README's library example failed (exit ${r.status}):\n${r.stderr}`);
    return r.stdout + r.stderr;
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
}

const lines = fs.readFileSync(README, 'utf8').split('\n');
const found = examples(lines);

describe('README examples', () => {
  test('there are examples of lint, simulate and tune', () => {
    expect(found.map((e) => shellWords(e.command)[2])).toEqual(expect.arrayContaining(['lint', 'simulate', 'tune']));
  });

  if (UPDATE) {
    test('update README.md with the real outputs', () => {
      const out = [...lines];
      const lib = libraryExample(lines);
      const libOut = runLibraryExample(lib.code).replace(/\n$/, '').split('\n');
      // from the bottom up, so that earlier line numbers stay valid
      const edits = [...found.map((e) => ({ from: e.from, to: e.to, text: runPgvet(e.command).replace(/\n$/, '').split('\n') })), { from: lib.shown.start, to: lib.shown.start + lib.shown.body.length, text: libOut }];
      for (const e of edits.sort((a, b) => b.from - a.from)) out.splice(e.from, e.to - e.from, ...e.text);
      fs.writeFileSync(README, out.join('\n'));
    });
    return;
  }

  test.each(found.map((e) => [`README.md:${e.line}: ${e.command}`, e] as const))('%s', (_name, e) => {
    expect(runPgvet(e.command)).toBe(e.shown);
  });

  test('the library example prints what the README says', () => {
    const lib = libraryExample(lines);
    expect(runLibraryExample(lib.code)).toBe(lib.shown.body.map((l) => `${l}\n`).join(''));
  });
});

describe('the README test itself', () => {
  test('splits command lines as a shell does', () => {
    expect(shellWords(`npx pgvet lint 'a b.conf' --x "c d" e# f # comment`)).toEqual(['npx', 'pgvet', 'lint', 'a b.conf', '--x', 'c d', 'e#', 'f']);
  });
  test('reads each command and the lines after it', () => {
    const sample = ['text', '```console', '$ npx pgvet a', 'out 1', 'out 2', '$ npx pgvet b', '```', '```sh', '$ npx pgvet c', '```'];
    expect(examples(sample).map((e) => [e.command, e.shown])).toEqual([['npx pgvet a', 'out 1\nout 2\n'], ['npx pgvet b', '']]);
  });
});
