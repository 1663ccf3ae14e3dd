/**
 * Text that came from outside pgvet (values and names in a configuration file, file names, what a
 * server said, command-line words), made safe to print. One module, used by every renderer.
 *
 * What it protects against:
 * - terminal escape sequences (ESC, CSI, OSC…) that clear the screen or set the title, and NUL,
 *   VT, FF, DEL, the C1 controls, Unicode line separators and bidirectional overrides;
 * - a quoted `\n` in a value becoming a real line break that forges a finding line or a GitHub
 *   Actions workflow command. The Actions runner reads a command from a line that starts with
 *   `::` after leading white space (ActionCommand.TryParseV2) and, in its legacy form, from
 *   `##[` **anywhere** in a line (ActionCommand.TryParse, tried when the first fails; see
 *   actions/runner src/Runner.Common/ActionCommand.cs). So no printed line may start with `::`
 *   that pgvet did not write, and no `##[` from outside may be printed as such.
 */

/** Controls, DEL, C1, the Unicode line/paragraph separators, bidi marks, embeddings, overrides and isolates, BOM; and the legacy `##[` command opener. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]|##\[/g;
const UNSAFE_TEST = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]|##\[/;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(c: string): string {
  // `##[` keeps its look but loses its meaning: the second # is written as an escape
  if (c === '##[') return '#\\x23[';
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * The string with every unsafe character shown as an escape (`\x1b`, `\n`, `\u202e`) and every
 * `##[` as `#\x23[`. Backslashes are left alone, so a Windows path reads as itself.
 */
export function printable(s: string): string {
  // the common case (nothing to escape) costs one scan and no allocation
  return UNSAFE_TEST.test(s) ? s.replace(UNSAFE, escapeOne) : s;
}

/**
 * A file name to print where a line starts: printable, and a relative name that would start
 * the line with `::` (after white space) gets `./` in front, which names the same file.
 */
export function linePath(file: string): string {
  const p = printable(file);
  return /^\s|^::/.test(p) ? `./${p}` : p;
}

/**
 * Serialized JSON made safe to print in a CI log: every `#` of a `##[` is written as the JSON
 * escape `\u0023`, which every JSON reader decodes to the same string. Pretty-printed JSON
 * lines start with white space, `{`, `}`, `]` or `"`, never with `::`.
 */
export function safeJson(json: string): string {
  return json.includes('##[') ? json.replace(/##\[/g, '#\\u0023[') : json;
}

/**
 * A SARIF plain-text message (SARIF 2.1.0 §3.11.6): `[text](target)` there is an embedded link
 * that viewers render as a link (GitHub code scanning resolves it). pgvet's own sentences contain
 * none, so any `](` comes from outside: a space goes between the two, and no viewer sees a link.
 * Also printable(): a viewer shows the text as it is.
 */
export function sarifText(s: string): string {
  const p = printable(s);
  return p.includes('](') ? p.replace(/\]\(/g, '] (') : p;
}
