import fs from 'node:fs';
import path from 'node:path';
import { parseConf, printConf, printTokens } from '../src/parse/parser.js';
import { tokenize } from '../src/parse/lexer.js';
import { CORPUS_DIR } from './support/paths.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const kinds = (s: string): string[] => tokenize(enc(s)).filter((t) => t.kind !== 'whitespace').map((t) => t.kind);

describe('lexer follows guc-file.l', () => {
  test.each([
    ['8MB', ['integer']],
    ['8 MB', ['integer', 'id']],
    ['1.5MB', ['real', 'id']],
    ['1e4', ['integer', 'integer']],
    ['1.0e4', ['real']],
    ['en_US.utf8', ['qualified_id']],
    ['C.UTF-8', ['unquoted_string']],
    ['a.b.c', ['unquoted_string']],
    ['127.0.0.1', ['real', 'real', 'real']],
    ['0x1F', ['integer']],
    ["'it''s'", ['string']],
    ["'a\\'b'", ['string']],
    ["'unterminated", ['error', 'id']],
    ['"x"', ['error', 'id', 'error']],
    ['Europe/Berlin', ['unquoted_string']],
    ['.', ['real']],
    ['-', ['error']],
  ])('%s', (input, expected) => {
    expect(kinds(input)).toEqual(expected);
  });
});

describe('parser', () => {
  test('name = value, name value, comments, CRLF', () => {
    const f = parseConf(enc("work_mem = 8MB # c\r\nshared_buffers 128MB\n\n# only a comment\nx.y='a''b'"));
    expect(f.syntaxErrors).toEqual([]);
    expect(f.entries.map((e) => [e.name, e.value, e.line])).toEqual([
      ['work_mem', '8MB', 1],
      ['shared_buffers', '128MB', 2],
      ['x.y', "a'b", 5],
    ]);
    expect(f.hasCrlf).toBe(true);
  });

  test('syntax errors name the token and the line; a missing final newline shifts the server line', () => {
    const f = parseConf(enc('work_mem = 8 MB\nlisten_addresses = *\nwork_mem ='));
    expect(f.syntaxErrors.map((e) => [e.line, e.near, e.serverLine])).toEqual([
      [1, 'MB', 1],
      [2, '*', 2],
      [3, null, 2],
    ]);
  });

  test('escapes in quoted strings', () => {
    const f = parseConf(enc("a = '\\101BC\\n\\qx'"));
    expect(f.entries[0]!.value).toBe('ABC\nqx');
  });

  test('include directives are case-insensitive', () => {
    const f = parseConf(enc("INCLUDE 'a.conf'\ninclude_dir = 'conf.d'\nInclude_If_Exists x"));
    expect(f.entries.map((e) => e.kind)).toEqual(['include', 'include_dir', 'include_if_exists']);
  });
});

describe('every corpus file round-trips byte for byte', () => {
  const files: string[] = [];
  for (const sub of ['postgresql', 'hba', 'templates']) {
    const dir = path.join(CORPUS_DIR, sub);
    if (fs.existsSync(dir)) for (const name of fs.readdirSync(dir).sort()) files.push(path.join(dir, name));
  }
  test('the corpus is there', () => {
    expect(files.length).toBeGreaterThan(100);
  });
  test.each(files.map((f) => [path.relative(CORPUS_DIR, f), f]))('%s', (_name, file) => {
    const bytes = new Uint8Array(fs.readFileSync(file));
    const parsed = parseConf(bytes);
    expect(Buffer.compare(Buffer.from(printConf(parsed)), Buffer.from(bytes))).toBe(0);
    expect(Buffer.compare(Buffer.from(printTokens(parsed)), Buffer.from(bytes))).toBe(0);
  });
});
