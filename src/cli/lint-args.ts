/**
 * Reading a plain `pgvet lint` command line without yargs.
 *
 * CI runs pgvet thousands of times, and yargs was about a fifth of a cold start: compiling its
 * ~80 kB, parsing, and building the help text it caches after every command (measured by
 * `npm run bench`). The invocations CI makes are simple: `lint`, files, and long flags from
 * options.ts. Those are read here. Anything else returns null and goes to yargs, which accepts or
 * refuses it with its usual messages: help and version, short or camelCase spellings, `--`, a
 * repeated flag, a value that is empty, starts with "-" or is not among the choices, a number
 * that is not plain digits, no file at all.
 * test/lint-args.test.ts checks that, whenever this returns arguments, yargs reads the same ones.
 */
import { HOST_FLAGS, LINT_FLAGS, PG_VERSION_FLAG, type Flag } from './options.js';
import { STDIN, type LintArgs } from './lint.js';

const FLAGS = new Map<string, Flag>([PG_VERSION_FLAG, ...HOST_FLAGS, ...LINT_FLAGS].map((f) => [f.name, f]));

/** fail-on → failOn, as yargs names its camel-case aliases */
export const camel = (name: string): string => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The arguments of a plain `pgvet lint` command line, or null to let yargs read it. */
export function readLintArgs(args: readonly string[]): LintArgs | null {
  if (args[0] !== 'lint') return null;
  const files: string[] = [];
  const values = new Map<string, string | number | boolean>();
  for (let i = 1; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-') {
      files.push(STDIN);
      continue;
    }
    if (!arg.startsWith('-')) {
      files.push(arg);
      continue;
    }
    if (!arg.startsWith('--') || arg === '--') return null;
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (eq < 0 && name.startsWith('no-') && FLAGS.get(name.slice(3))?.negatable) {
      if (values.has(name.slice(3))) return null;
      values.set(name.slice(3), false);
      continue;
    }
    const flag = FLAGS.get(name);
    if (!flag || values.has(name)) return null;
    if (flag.type === 'boolean') {
      // "--flag=x", or a following true/false/'' that yargs would take as the flag's value
      if (eq >= 0 || args[i + 1] === 'true' || args[i + 1] === 'false' || args[i + 1] === '') return null;
      values.set(name, true);
      continue;
    }
    const raw = eq < 0 ? args[++i] : arg.slice(eq + 1);
    if (raw === undefined || raw === '' || raw.startsWith('-')) return null;
    if (flag.choices && !flag.choices.includes(raw)) return null;
    if (flag.type === 'number') {
      if (!/^\d{1,15}$/.test(raw)) return null;
      values.set(name, Number(raw));
    } else {
      values.set(name, raw);
    }
  }
  if (files.length === 0) return null;
  const out: Record<string, unknown> = { files };
  for (const [name, value] of values) out[camel(name)] = value;
  return out as unknown as LintArgs;
}
