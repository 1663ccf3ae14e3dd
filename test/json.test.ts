/**
 * src/io/json.ts: pgvet's own JSON syntax check agrees with JSON.parse, positions of keys for
 * schema errors, the SyntaxError wordings of Node 18/20/22, package data errors.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { isPgvetError, PackageDataError } from '../src/errors.js';
import { firstSyntaxError, jsonPath, lineColumn, locate, nodeSyntaxPosition, readJsonFile, readPackageJson } from '../src/io/json.js';
import { scratchDir } from './support/kit.js';

const scratch = scratchDir('json');

const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('firstSyntaxError', () => {
  test.each([
    ['{"a": 1,}', 8, "unexpected '}' after ',' (a trailing comma)"],
    ['[1, 2,]', 6, "unexpected ']' after ',' (a trailing comma)"],
    ['{"a" 1}', 5, "expected ':' after the property name, found '1'"],
    ["{'a': 1}", 1, "expected a property name in double quotes, found '''"],
    ['{"a": tru}', 6, "unexpected 'tru'"],
    ['{"a": True}', 6, "unexpected 'True'"],
    ['{"a": 01}', 7, "expected ',' or '}', found '1'"],
    ['{"a": -}', 7, "expected a digit, found '}'"],
    ['{"a": 1.}', 8, "expected a digit after '.', found '}'"],
    ['{"a": 1e}', 8, "expected a digit in the exponent, found '}'"],
    ['{"a": "\\x"}', 7, 'bad escape \\x in a string'],
    ['{"a": "\\u12"}', 7, 'bad \\u escape (four hex digits expected)'],
    ['{"a": "b\tc"}', 8, 'control character U+0009 in a string (write it as an escape such as \\n or \\t)'],
    ['{"a": "b', 8, 'unterminated string'],
    ['{"a": [1, 2}', 11, "expected ',' or ']', found '}'"],
    ['{} {}', 3, "unexpected '{' after the JSON value"],
    ['{"a": 1', 7, 'unexpected end of file'],
    ['', 0, 'the file is empty (expected a JSON value)'],
    [' \n ', 3, 'the file is empty (expected a JSON value)'],
  ])('%j', (text, offset, reason) => {
    expect(parses(text)).toBe(false);
    expect(firstSyntaxError(text)).toEqual({ offset, reason });
  });

  test.each(['{}', '[]', '0', '-0.5e+10', '"\\u00e9\\n"', 'null', ' {"a": [1, {"b": [true, false, null]}], "c": "d"} \n', '{"a": 1, "a": 2}'])('valid: %j', (text) => {
    expect(parses(text)).toBe(true);
    expect(firstSyntaxError(text)).toBeUndefined();
  });

  test('agrees with JSON.parse on any edit of a JSON text', () => {
    const alphabet = fc.constantFrom(...'{}[],:"\\ 0123456789.-+eEtrufalsn\nx\t'.split(''));
    const edited = fc.tuple(fc.json({ maxDepth: 3 }), fc.nat(), fc.nat(3), fc.array(alphabet, { maxLength: 3 })).map(([json, at, cut, insert]) => {
      const i = at % (json.length + 1);
      return json.slice(0, i) + insert.join('') + json.slice(i + cut);
    });
    fc.assert(
      fc.property(edited, (text) => {
        expect(firstSyntaxError(text) === undefined).toBe(parses(text));
      }),
      { numRuns: 3000 },
    );
  });

  test('nesting deeper than the stack is no problem (the scanner is iterative)', () => {
    const deep = '['.repeat(200_000);
    expect(firstSyntaxError(deep)).toEqual({ offset: 200_000, reason: 'unexpected end of file' });
    expect(firstSyntaxError('['.repeat(100_000) + ']'.repeat(100_000))).toBeUndefined();
  });
});

describe("Node's SyntaxError wordings", () => {
  const text = '{\n  "a": 1,\n}';
  test.each([
    // Node 18
    ['Unexpected token } in JSON at position 12', { line: 3, column: 1 }],
    // Node 20
    ["Expected double-quoted property name in JSON at position 12", { line: 3, column: 1 }],
    // Node 22
    ["Expected double-quoted property name in JSON at position 12 (line 3 column 1)", { line: 3, column: 1 }],
    ['Unexpected end of JSON input', { line: 3, column: 2 }],
    // Node 20: no position at all
    [`Unexpected token '}', "{\n  "a": 1,\n}" is not valid JSON`, undefined],
  ])('%j', (message, position) => {
    expect(nodeSyntaxPosition(message, text)).toEqual(position);
  });
  test('lineColumn counts lines by \\n and columns from 1', () => {
    expect(lineColumn('ab\r\ncd', 4)).toEqual({ line: 2, column: 1 });
    expect(lineColumn('ab', 0)).toEqual({ line: 1, column: 1 });
  });
});

describe('locate and jsonPath', () => {
  const text = '{\n  "a": {"b": [10, {"c": 1}]},\n  "odd key": 2,\n  "d\\u0065": 3,\n  "a2": 4,\n  "a2": 5\n}';
  test.each([
    [[], 0],
    [['a'], text.indexOf('"a"')],
    [['a', 'b', 0], text.indexOf('10')],
    [['a', 'b', 1, 'c'], text.indexOf('"c"')],
    [['odd key'], text.indexOf('"odd key"')],
    // an escaped key is found by its value
    [['de'], text.indexOf('"d\\u0065"')],
    // a repeated key: JSON.parse keeps the last, so the last is shown
    [['a2'], text.lastIndexOf('"a2"')],
    [['missing'], undefined],
    [['a', 'b', 2], undefined],
    [['a', 'b', 'x'], undefined],
  ] as Array<[Array<string | number>, number | undefined]>)('%j', (at, offset) => {
    expect(locate(text, at)).toBe(offset);
  });
  test('one path style', () => {
    expect(jsonPath([])).toBe('$');
    expect(jsonPath(['rules', 'PGV101'])).toBe('$.rules.PGV101');
    expect(jsonPath(['rules', 'no-such-rule', 1, 'months'])).toBe('$.rules.no-such-rule[1].months');
    expect(jsonPath(['findings', 3, 'count'])).toBe('$.findings[3].count');
    expect(jsonPath(['odd key', '1x'])).toBe('$["odd key"]["1x"]');
  });
});

describe('readJsonFile and readPackageJson', () => {
  test('a user file: the caller\'s own check in the same style, at the key', () => {
    const file = scratch.write('u.json', '{\n  "rules": {\n    "nope": "off"\n  }\n}\n');
    const json = readJsonFile<{ rules: Record<string, string> }>(file, { what: 'config file' });
    expect(json.data.rules.nope).toBe('off');
    expect(json.error(['rules', 'nope'], 'no such rule').message).toBe(`${file}:3:5: $.rules.nope: no such rule`);
    // a field that is not there: at the object that lacks it
    expect(json.error(['rules', 'count'], 'missing (required)').message).toBe(`${file}:2:3: $.rules.count: missing (required)`);
  });
  test('package data that cannot be read or parsed is a broken installation: not a user error (exit 3)', () => {
    const missing = scratch.path() + '/none.json';
    let err: unknown;
    try {
      readPackageJson(missing);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PackageDataError);
    expect(isPgvetError(err)).toBe(false);
    expect((err as Error).message).toBe(`pgvet's installation is broken (reinstall it): cannot read ${missing}: No such file or directory`);
    const broken = scratch.write('broken.json', '{"a": [1,\n 2,]}');
    expect(() => readPackageJson(broken)).toThrow(new PackageDataError(broken, `${broken}:2:4: invalid JSON: unexpected ']' after ',' (a trailing comma)`));
    expect(readPackageJson<{ a: number }>(scratch.write('ok.json', '{"a": 1}')).a).toBe(1);
    expect(fs.existsSync(broken)).toBe(true);
  });
});
