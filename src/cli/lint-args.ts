/**
 * Reading a plain `pgvet lint` command line without yargs.
 *
 * CI runs pgvet thousands of times, and yargs was about a fifth of a cold start: compiling its
 * ~80 kB, parsing, and building the help text it caches after every command (measured by
 * `npm run bench`). The invocations CI makes are simple: `lint`, files, `-`, `--`, and long flags
 * from options.ts. Those are read here; args.ts checks them exactly as it checks what yargs read.
 * Anything else returns null and goes to yargs: help and version, short or camelCase spellings,
 * `--flag=value` on a switch, a flag with no value or a value that starts with "-", a switch
 * followed by "true"/"false" (yargs takes that as the switch's value), unknown flags.
 * test/lint-args.test.ts checks that, whenever this returns arguments, yargs reads the same ones.
 */
import type { RawArgs, RawValue } from './args.js';
import { commandSpec, flagsOf } from './options.js';

const FLAGS = flagsOf(commandSpec('lint'));

/** The words and flags of a plain `pgvet lint` command line, or null to let yargs read it. */
export function readLintArgs(args: readonly string[]): RawArgs | null {
  if (args[0] !== 'lint') return null;
  const positionals: string[] = [];
  const values = new Map<string, RawValue>();
  const add = (name: string, value: string | boolean): void => {
    const before = values.get(name);
    values.set(name, before === undefined ? value : [...(Array.isArray(before) ? before : [before as string | boolean]), value]);
  };
  for (let i = 1; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      // everything after it is a file, whatever it looks like
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    if (!arg.startsWith('--')) return null;
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (name.startsWith('no-')) {
      const flag = FLAGS.get(name.slice(3));
      if (eq >= 0 || !flag || !(flag.negatable || flag.type === 'boolean')) return null;
      add(flag.name, false);
      continue;
    }
    const flag = FLAGS.get(name);
    if (!flag) return null;
    if (flag.type === 'boolean') {
      const next = args[i + 1];
      if (eq >= 0 || next === 'true' || next === 'false') return null;
      add(name, true);
      continue;
    }
    const raw = eq < 0 ? args[++i] : arg.slice(eq + 1);
    if (raw === undefined || raw === '' || raw.startsWith('-')) return null;
    add(name, raw);
  }
  return { command: 'lint', positionals, values };
}
