/**
 * Reading JSON files: the one place pgvet turns a JSON file into data.
 *
 * - `readJsonFile` is for files the user names (.pgvetrc.json, --host FILE, --baseline FILE). The
 *   read is bounded (src/io/read.ts: regular files only, the size limit, no blocking on a FIFO), the
 *   text is parsed and, when a schema is given, validated. Every mistake is one InputError line:
 *     cannot read host file h.json: Permission denied
 *     h.json:3:11: invalid JSON: expected ',' or '}', found '"'
 *     h.json:4:3: $.storage: must be one of ssd, nvme, hdd, san (got "tape")
 *   Syntax errors carry the line and column (pgvet finds them itself, so the position does not
 *   depend on how the running Node words its SyntaxError); schema errors name the value by a
 *   JSONPath (`$.rules.PGV101`, `$.findings[3].count`) at the line of its key, and name the allowed
 *   fields and values from the schema. The returned JsonFile makes the caller's own checks (a rule
 *   id that does not exist, a size that does not parse) in the same style.
 * - `readPackageJson` is for the data files pgvet ships (the catalog, the carriers' facts, the
 *   measurements). One of those failing to read or parse is a broken installation, not a user
 *   mistake: it throws PackageDataError (exit 3, with the stack).
 */
import fs from 'node:fs';
import { InputError, PackageDataError } from '../errors.js';
import { readTextFile, reasonOf } from './read.js';

/** One step of a path into a JSON value: a property name or an array index. */
export type JsonPathSegment = string | number;

/** What ajv reports (the fields pgvet reads of its ErrorObject). */
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** An ajv validate function: compiled at run time or precompiled (src/engine/generated). */
export type SchemaValidator = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

export interface JsonFileOptions {
  /** What the file is, for "cannot read <what> FILE" (`config file`, `host file`, `baseline`). */
  what: string;
  /**
   * Validate the parsed value. Both are called only when needed: `validator` once the text parses
   * (a validator compiled at run time costs nothing for a file that cannot be read), `schema` (the
   * JSON Schema the validator was compiled from) only to describe an error.
   */
  schema?: { validator: () => SchemaValidator; schema: () => object };
}

/** A parsed user JSON file, for further checks in the same one-line style. */
export interface JsonFile<T> {
  file: string;
  text: string;
  data: T;
  /** The one-line error for the value at `at`: `FILE:LINE:COL: $.a.b[2]: message` (at its key, or at the object that lacks it). */
  error(at: readonly JsonPathSegment[], message: string): InputError;
  /** Throw the one-line error for the first thing `validator` refuses (`schema`: what it was compiled from, read only then). */
  check(validator: SchemaValidator, schema: () => object): void;
}

/** Read, parse and (with `schema`) validate a JSON file the user named. Throws InputError. */
export function readJsonFile<T>(file: string, options: JsonFileOptions): JsonFile<T> {
  let text: string;
  try {
    text = readTextFile(file);
  } catch (err) {
    throw new InputError(file, `cannot read ${options.what} ${file}: ${reasonOf(err)}`);
  }
  // a byte order mark (Windows editors write one) is not JSON, but it is not a mistake either
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InputError(file, syntaxMessage(file, text, err));
  }
  const json: JsonFile<T> = {
    file,
    text,
    data: data as T,
    error(at, message) {
      // a missing field is shown where the object that lacks it is
      let pos: number | undefined;
      for (let n = at.length; pos === undefined && n >= 0; n--) pos = locate(text, at.slice(0, n));
      return new InputError(file, `${file}${pos === undefined ? '' : `:${where(text, pos)}`}: ${jsonPath(at)}: ${message}`);
    },
    check(validator, schema) {
      if (validator(data)) return;
      const problem = describeSchemaError(validator.errors ?? [], data, schema());
      throw json.error(problem.at, problem.message);
    },
  };
  if (options.schema) json.check(options.schema.validator(), options.schema.schema);
  return json;
}

/** Read and parse a JSON file shipped with pgvet. Throws PackageDataError: pgvet's installation is broken. */
export function readPackageJson<T>(file: string): T {
  let text: string;
  try {
    // not bounded by --max-file-size: pgvet's own data is not the user's input
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new PackageDataError(file, `cannot read ${file}: ${reasonOf(err)}`);
  }
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new PackageDataError(file, syntaxMessage(file, text, err));
  }
}

/** `$`, `$.rules.PGV101`, `$.findings[3]`, `$["odd key"]`. */
export function jsonPath(at: readonly JsonPathSegment[]): string {
  return '$' + at.map((s) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_$][\w$-]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join('');
}

// ---------------------------------------------------------------------------------------------
// Positions

/** 1-based line and column (in UTF-16 code units, as editors that count characters do) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function where(text: string, offset: number): string {
  const { line, column } = lineColumn(text, offset);
  return `${line}:${column}`;
}

/** `FILE:LINE:COL: invalid JSON: reason` for text JSON.parse refused. */
function syntaxMessage(file: string, text: string, err: unknown): string {
  const found = firstSyntaxError(text);
  if (found) return `${file}:${where(text, found.offset)}: invalid JSON: ${found.reason}`;
  // pgvet's scanner found nothing JSON.parse refused: take what Node says
  const message = String((err as Error)?.message ?? err);
  const pos = nodeSyntaxPosition(message, text);
  const reason = message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/, ".*" is not valid JSON$/s, '')
    .split('\n')[0]!;
  return `${file}${pos ? `:${pos.line}:${pos.column}` : ''}: invalid JSON: ${reason}`;
}

/**
 * Where a SyntaxError from JSON.parse says the problem is, in the forms Node's versions use:
 * "… in JSON at position 7" (18, 20), "… at position 7 (line 1 column 8)" (22), "Unexpected end
 * of JSON input" (the end of the text); undefined when the message has no position (Node 20's
 * `Unexpected token 'x', "…" is not valid JSON`).
 */
export function nodeSyntaxPosition(message: string, text: string): { line: number; column: number } | undefined {
  const lc = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const at = /at position (\d+)/.exec(message);
  if (at) return lineColumn(text, Number(at[1]));
  if (/end of JSON input/.test(message)) return lineColumn(text, text.length);
  return undefined;
}

const isWs = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** A character (or the word starting there) for a message. */
function shown(text: string, i: number): string {
  if (i >= text.length) return 'end of file';
  const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 40));
  if (word) return `'${word[0]}'`;
  const code = text.charCodeAt(i);
  if (code < 0x20 || code === 0x7f) return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${String.fromCodePoint(text.codePointAt(i)!)}'`;
}

/**
 * The offset and reason of the first thing in `text` that is not JSON (RFC 8259), or undefined.
 * Iterative, so a deeply nested file cannot exhaust the stack.
 */
export function firstSyntaxError(text: string): { offset: number; reason: string } | undefined {
  const n = text.length;
  let i = 0;
  const stack: string[] = [];
  const fail = (reason: string): { offset: number; reason: string } => ({ offset: i, reason });
  const ws = (): void => {
    while (isWs(text[i])) i++;
  };
  /** A string at i (text[i] is '"'): advances past it, or returns the reason it is not one. */
  const string = (): string | undefined => {
    i++;
    for (;;) {
      if (i >= n) return 'unterminated string';
      const c = text[i]!;
      if (c === '"') {
        i++;
        return undefined;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6))) return 'bad \\u escape (four hex digits expected)';
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          return e === undefined ? 'unterminated string' : `bad escape \\${e} in a string`;
        }
        continue;
      }
      if (c < ' ') return `${shown(text, i)} in a string (write it as an escape such as \\n or \\t)`;
      i++;
    }
  };
  /** A property name and its colon, at i after white space. */
  const key = (): string | undefined => {
    if (text[i] !== '"') return i >= n ? 'unexpected end of file' : `expected a property name in double quotes, found ${shown(text, i)}`;
    const bad = string();
    if (bad) return bad;
    ws();
    if (text[i] !== ':') return `expected ':' after the property name, found ${shown(text, i)}`;
    i++;
    return undefined;
  };
  ws();
  if (i >= n) return fail('the file is empty (expected a JSON value)');
  for (;;) {
    // a value starts at i (after white space)
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      i++;
      ws();
      if (text[i] === (c === '{' ? '}' : ']')) {
        i++;
      } else {
        stack.push(c);
        if (c === '{') {
          const bad = key();
          if (bad) return fail(bad);
        }
        continue;
      }
    } else if (c === '"') {
      const bad = string();
      if (bad) return fail(bad);
    } else if (c === '-' || isDigit(c)) {
      if (c === '-') i++;
      if (text[i] === '0') i++;
      else if (isDigit(text[i])) while (isDigit(text[i])) i++;
      else return fail(`expected a digit, found ${shown(text, i)}`);
      if (text[i] === '.') {
        i++;
        if (!isDigit(text[i])) return fail(`expected a digit after '.', found ${shown(text, i)}`);
        while (isDigit(text[i])) i++;
      }
      if (text[i] === 'e' || text[i] === 'E') {
        i++;
        if (text[i] === '+' || text[i] === '-') i++;
        if (!isDigit(text[i])) return fail(`expected a digit in the exponent, found ${shown(text, i)}`);
        while (isDigit(text[i])) i++;
      }
    } else {
      const literal = ['true', 'false', 'null'].find((w) => text.startsWith(w, i) && !/[\w$]/.test(text[i + w.length] ?? ''));
      if (!literal) return fail(i >= n ? 'unexpected end of file' : `unexpected ${shown(text, i)}`);
      i += literal.length;
    }
    // a value ended: close what it ends, or go on to the next member or element
    for (;;) {
      ws();
      const open = stack[stack.length - 1];
      if (open === undefined) return i < n ? fail(`unexpected ${shown(text, i)} after the JSON value`) : undefined;
      const close = open === '{' ? '}' : ']';
      if (text[i] === close) {
        i++;
        stack.pop();
        continue;
      }
      if (text[i] !== ',') return fail(i >= n ? 'unexpected end of file' : `expected ',' or '${close}', found ${shown(text, i)}`);
      i++;
      ws();
      if (text[i] === close) return fail(`unexpected '${close}' after ',' (a trailing comma)`);
      if (open === '{') {
        const bad = key();
        if (bad) return fail(bad);
      }
      break;
    }
  }
}

/** The offset just past the string at i (valid JSON). */
function stringEnd(text: string, i: number): number {
  for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
  return i + 1;
}

/** The offset just past the value at i (valid JSON). */
function valueEnd(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return stringEnd(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    while (i < text.length) {
      const d = text[i]!;
      if (d === '"') {
        i = stringEnd(text, i);
        continue;
      }
      if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return i;
  }
  while (i < text.length && !isWs(text[i]) && text[i] !== ',' && text[i] !== '}' && text[i] !== ']') i++;
  return i;
}

/**
 * Where the value at `at` is written in `text` (valid JSON): the offset of its key (of the last
 * one, when a key is repeated: JSON.parse keeps the last), of the element for an array index,
 * of the document for `[]`. Undefined when the path is not there.
 */
export function locate(text: string, at: readonly JsonPathSegment[]): number | undefined {
  let i = 0;
  const ws = (): void => {
    while (isWs(text[i])) i++;
  };
  ws();
  let found = i;
  for (const step of at) {
    if (typeof step === 'string' && text[i] === '{') {
      i++;
      let hit: { key: number; value: number } | undefined;
      for (;;) {
        ws();
        if (text[i] !== '"') break;
        const keyAt = i;
        const end = stringEnd(text, i);
        const name = JSON.parse(text.slice(keyAt, end)) as string;
        i = end;
        ws();
        i++; // ':'
        ws();
        if (name === step) hit = { key: keyAt, value: i };
        i = valueEnd(text, i);
        ws();
        if (text[i] !== ',') break;
        i++;
      }
      if (!hit) return undefined;
      found = hit.key;
      i = hit.value;
    } else if (typeof step === 'number' && text[i] === '[') {
      i++;
      ws();
      if (text[i] === ']') return undefined;
      for (let k = 0; k < step; k++) {
        i = valueEnd(text, i);
        ws();
        if (text[i] !== ',') return undefined;
        i++;
        ws();
      }
      found = i;
    } else {
      return undefined;
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Schema errors

type JsonType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

function jsonType(v: unknown): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v as JsonType;
}

/** The path of an ajv instancePath (`/rules/PGV001/0`), with indexes where the data has arrays. */
function segmentsOf(instancePath: string, data: unknown): JsonPathSegment[] {
  const out: JsonPathSegment[] = [];
  let v = data;
  for (const raw of instancePath.split('/').slice(1)) {
    const name = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const step: JsonPathSegment = Array.isArray(v) && /^\d+$/.test(name) ? Number(name) : name;
    out.push(step);
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[String(step)] : undefined;
  }
  return out;
}

function valueAt(data: unknown, at: readonly JsonPathSegment[]): unknown {
  let v = data;
  for (const s of at) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[String(s)] : undefined;
  return v;
}

/** The schema node at an ajv schemaPath (`#/properties/rules/additionalProperties/oneOf/0`). */
function schemaAt(schema: object, schemaPath: string): Record<string, unknown> | undefined {
  let node: unknown = schema;
  for (const raw of schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node !== null && typeof node === 'object' ? (node as Record<string, unknown>) : undefined;
}

/**
 * The description of the field an error is about: the nearest one walking up from the failing
 * keyword, no further than the field's own schema (a property, an item).
 */
function descriptionOf(schema: object, schemaPath: string): string | undefined {
  const parts = schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean);
  for (let end = parts.length - 1; end >= 0; end--) {
    const node = schemaAt(schema, '#/' + parts.slice(0, end).join('/'));
    if (typeof node?.description === 'string') return node.description.replace(/\.$/, '');
    const parentKey = parts[end - 2];
    if (parts[end - 1] === 'items' || parts[end - 1] === 'additionalProperties' || parentKey === 'properties') return undefined;
  }
  return undefined;
}

const shownValue = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
};

const article = (t: string): string => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);

/** An error that only says the value is not of its oneOf branch's kind (a type, or an enum of another type). */
function mismatch(e: SchemaError, data: unknown): boolean {
  if (e.keyword === 'type') return true;
  if (e.keyword !== 'enum') return false;
  const t = jsonType(valueAt(data, segmentsOf(e.instancePath, data)));
  return !(e.params.allowedValues as unknown[]).some((a) => jsonType(a) === t || (t === 'number' && typeof a === 'number'));
}

/**
 * The one thing to say about a value the schema refused: ajv (allErrors off) lists the errors of
 * every oneOf branch it tried; the error to show is the deepest one in a branch of the value's own
 * kind (a number over the maximum rather than "must be a string"), else the oneOf itself.
 */
function describeSchemaError(errors: readonly SchemaError[], data: unknown, schema: object): { at: JsonPathSegment[]; message: string } {
  const wrongBranches = new Set<string>();
  for (const e of errors) {
    const branch = /^(.*\/(?:oneOf|anyOf)\/\d+)\//.exec(e.schemaPath);
    if (branch && mismatch(e, data)) wrongBranches.add(branch[1]!);
  }
  const candidates = errors.filter(
    (e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && ![...wrongBranches].some((b) => e.schemaPath.startsWith(b + '/')),
  );
  const depth = (e: SchemaError): number => e.instancePath.split('/').length;
  const chosen =
    candidates.reduce<SchemaError | undefined>((best, e) => (best === undefined || depth(e) > depth(best) ? e : best), undefined) ??
    errors.find((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf') ??
    errors[0];
  if (!chosen) return { at: [], message: 'does not match the schema' };
  const at = segmentsOf(chosen.instancePath, data);
  const value = valueAt(data, at);
  const about = descriptionOf(schema, chosen.schemaPath);
  // "Memory the server may use: …" continues the message; an acronym (CPUs) keeps its capitals
  const explained = (s: string): string => (about ? `${s}; ${/^[A-Z][a-z]/.test(about) ? about.charAt(0).toLowerCase() + about.slice(1) : about}` : s);
  const p = chosen.params;
  switch (chosen.keyword) {
    case 'additionalProperties': {
      const parent = schemaAt(schema, chosen.schemaPath.replace(/\/additionalProperties$/, ''));
      const allowed = Object.keys((parent?.properties as object | undefined) ?? {}).filter((k) => !k.startsWith('$'));
      return { at: [...at, String(p.additionalProperty)], message: `unknown field${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}` };
    }
    case 'required':
      return { at: [...at, String(p.missingProperty)], message: 'missing (required)' };
    case 'enum':
      return { at, message: `must be one of ${(p.allowedValues as unknown[]).join(', ')} (got ${shownValue(value)})` };
    case 'const':
      return { at, message: `must be ${shownValue(p.allowedValue)} (got ${shownValue(value)})` };
    case 'type':
      return { at, message: explained(`must be ${String(p.type).split(',').map(article).join(' or ')} (got ${shownValue(value)})`) };
    case 'maximum':
      return { at, message: explained(`at most ${String(p.limit)} (got ${shownValue(value)})`) };
    case 'minimum':
      return { at, message: explained(`at least ${String(p.limit)} (got ${shownValue(value)})`) };
    case 'exclusiveMaximum':
      return { at, message: explained(`less than ${String(p.limit)} (got ${shownValue(value)})`) };
    case 'exclusiveMinimum':
      return { at, message: explained(`more than ${String(p.limit)} (got ${shownValue(value)})`) };
    case 'minItems':
      return { at, message: `needs at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}` };
    case 'maxItems':
    case 'additionalItems':
      return { at, message: `has more than ${String(p.limit)} item${p.limit === 1 ? '' : 's'}` };
    case 'pattern':
      return { at, message: about ? explained(`not a valid value (got ${shownValue(value)})`) : `${shownValue(value)} does not match ${String(p.pattern)}` };
    case 'oneOf':
    case 'anyOf': {
      const branches = (schemaAt(schema, chosen.schemaPath) as unknown as Array<{ type?: string; enum?: unknown[] }> | undefined) ?? [];
      const types = [...new Set(branches.map((b) => (typeof b.type === 'string' ? article(b.type) : Array.isArray(b.enum) ? `one of ${b.enum.join(', ')}` : undefined)).filter((t): t is string => t !== undefined))];
      return { at, message: explained(`${types.length ? `must be ${types.join(' or ')}` : 'not a valid value'} (got ${shownValue(value)})`) };
    }
    default:
      return { at, message: `${chosen.message ?? 'is invalid'}` };
  }
}
