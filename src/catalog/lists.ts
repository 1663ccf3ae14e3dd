/**
 * The server's list splitters (varlena.c) and what the library lists mean to it. One home for
 * every list pgvet splits: the check hooks, the rules, `tune` and the pg_hba.conf reader all call
 * these, so a value is never split two ways.
 *
 * The three splitters share one grammar: entries separated by a separator character, white space
 * (scanner_isspace) around them ignored, an entry may be double-quoted ("" is a quote inside),
 * and an empty unquoted entry is a syntax error. They differ in unquoted entries:
 * SplitIdentifierString ends one at white space and down-cases it, SplitGUCList ends one at white
 * space and keeps its case, SplitDirectoriesString keeps inner white space (and canonicalises the
 * path).
 */
import { asciiLower } from './values.js';

/** scanner_isspace (scansup.c) */
export function isScannerSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
}

type Unquoted = 'identifier' | 'guc' | 'directory';

function splitList(raw: string, separator: string, unquoted: Unquoted): string[] | null {
  const names: string[] = [];
  let p = 0;
  while (isScannerSpace(raw[p])) p++;
  if (p >= raw.length) return names;
  for (;;) {
    let name: string;
    if (raw[p] === '"') {
      name = '';
      p++;
      for (;;) {
        const q = raw.indexOf('"', p);
        if (q < 0) return null;
        name += raw.slice(p, q);
        if (raw[q + 1] === '"') {
          name += '"';
          p = q + 2;
          continue;
        }
        p = q + 1;
        break;
      }
    } else if (unquoted === 'directory') {
      const start = p;
      let end = p;
      while (p < raw.length && raw[p] !== separator) {
        if (!isScannerSpace(raw[p])) end = p + 1;
        p++;
      }
      if (end === start) return null;
      name = raw.slice(start, end);
    } else {
      const start = p;
      while (p < raw.length && raw[p] !== separator && !isScannerSpace(raw[p])) p++;
      if (p === start) return null;
      name = unquoted === 'identifier' ? asciiLower(raw.slice(start, p)) : raw.slice(start, p);
    }
    while (isScannerSpace(raw[p])) p++;
    names.push(unquoted === 'directory' ? canonicalizePath(name) : name);
    if (raw[p] === separator) {
      p++;
      while (isScannerSpace(raw[p])) p++;
      continue;
    }
    if (p >= raw.length) return names;
    return null;
  }
}

/** SplitIdentifierString: null on a syntax error, else the (down-cased unquoted) names. */
export function splitIdentifierString(raw: string, separator: string): string[] | null {
  return splitList(raw, separator, 'identifier');
}

/** SplitGUCList (listen_addresses, the RADIUS lists of pg_hba.conf): null on a syntax error, else the entries as written. */
export function splitGucList(raw: string, separator: string): string[] | null {
  return splitList(raw, separator, 'guc');
}

/** SplitDirectoriesString (unix_socket_directories, the library lists): null on a syntax error, else the entries. */
export function splitDirectoriesString(raw: string, separator: string): string[] | null {
  return splitList(raw, separator, 'directory');
}

/**
 * canonicalize_path (src/port/path.c) as far as it shows in a name: runs of slashes become one,
 * "." components go, a trailing slash goes. Only used for display and matching.
 */
function canonicalizePath(p: string): string {
  if (!p.includes('/')) return p;
  let out = p.replace(/\/{2,}/g, '/').replace(/\/(\.\/)+/g, '/').replace(/\/\.$/, '');
  if (out.length > 1) out = out.replace(/\/$/, '');
  return out;
}

/** The server's library lists: each is split with SplitDirectoriesString on ',' (miscinit.c load_libraries; auth-oauth.c). */
export const LIBRARY_LISTS = ['shared_preload_libraries', 'session_preload_libraries', 'local_preload_libraries', 'oauth_validator_libraries'] as const;
export type LibraryList = (typeof LIBRARY_LISTS)[number];

/**
 * A library list as the server reads it: the entries in order, or null when the list syntax is
 * invalid (the server then logs "invalid list syntax in parameter" and loads none of them).
 */
export function libraryList(raw: string): string[] | null {
  return splitDirectoriesString(raw, ',');
}

export type LibraryProblem = 'empty' | 'space';

/**
 * An entry no server can load: the empty name, or a bare name (no directory) with white space in
 * it, which is how two names without a comma between them read ('pg_stat_statements auto_explain'
 * is one file name). The server looks such a name up in dynamic_library_path and fails with
 * `could not access file "…": No such file or directory`: no extension is built with white space
 * in its file name (PGXS module names are make targets). A path with a directory may have spaces.
 */
export function libraryProblem(entry: string): LibraryProblem | null {
  if (entry === '') return 'empty';
  if (!entry.includes('/') && /[ \t\n\r\f]/.test(entry)) return 'space';
  return null;
}

/** The list with the white-space names split at their white space: what the author meant. */
export function withCommas(entries: readonly string[]): string {
  return entries.flatMap((e) => (libraryProblem(e) === 'space' ? e.split(/[ \t\n\r\f]+/) : [e])).filter((e) => e !== '').join(', ');
}

/**
 * The module an entry loads, for matching against known extensions: the file name without its
 * directory and without the platform suffix ('$libdir/pg_stat_statements.so' → 'pg_stat_statements').
 * Case is kept: file names are case-sensitive, and the server fails on 'PG_STAT_STATEMENTS'.
 */
export function moduleName(entry: string): string {
  const base = entry.slice(entry.lastIndexOf('/') + 1);
  return base.replace(/\.(so|dylib|dll)$/, '');
}

/** The modules a shared_preload_libraries value loads (none when its syntax is invalid). */
export function preloadedModules(raw: string): string[] {
  return (libraryList(raw) ?? []).filter((e) => libraryProblem(e) === null).map(moduleName);
}
