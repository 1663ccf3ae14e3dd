/**
 * Checking a command line, whoever read it (yargs in main.ts, or lint-args.ts for a plain lint):
 * both hand over the words and flag values they found, and this module applies the rules of
 * options.ts: the last of a repeated flag wins (list flags add up), every flag that takes a value
 * has one, numbers and versions are written plainly (no 0x11, 1.7e1, 017, +17, -1, 1.5), choices
 * are choices, and each command gets the number of files it takes. Mistakes are UsageErrors:
 * one line, exit 2.
 */
import { PG_MAJORS } from '../catalog/types.js';
import { UsageError } from './common.js';
import { commandSpec, flagsOf, type CommandName, type Flag } from './options.js';

export type RawValue = string | boolean | ReadonlyArray<string | boolean>;

/** What a reader found: the command, its positional words (files after `--` included), and flag values by flag name. */
export interface RawArgs {
  command: CommandName;
  positionals: string[];
  values: ReadonlyMap<string, RawValue>;
}

export type FlagValue = string | number | boolean | string[];

export interface ParsedArgs {
  command: CommandName;
  positionals: string[];
  /** by camel-case name: failOn, pgVersion */
  flags: Record<string, FlagValue>;
}

/** fail-on → failOn, as yargs names its camel-case aliases */
export const camel = (name: string): string => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** A value as it may appear in a message: quoted, and cut when long. */
export function shown(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

const MAX_COUNT = Number.MAX_SAFE_INTEGER;

function checkValue(flag: Flag, text: string): FlagValue {
  const name = `--${flag.name}`;
  if (flag.choices && !flag.choices.includes(text)) throw new UsageError(`${name} must be one of ${flag.choices.join(', ')} (got ${shown(text)})`);
  switch (flag.value) {
    case 'version': {
      const n = /^[1-9][0-9]?$/.test(text) ? Number(text) : NaN;
      if (!(PG_MAJORS as readonly number[]).includes(n)) throw new UsageError(`${name} must be one of ${PG_MAJORS.join(', ')} (got ${shown(text)})`);
      return n;
    }
    case 'count': {
      const n = /^(0|[1-9][0-9]*)$/.test(text) ? Number(text) : NaN;
      if (!(n <= MAX_COUNT)) throw new UsageError(`${name} must be a whole number such as 0 or 25 (got ${shown(text)})`);
      return n;
    }
    case 'seconds': {
      const n = /^[1-9][0-9]{0,5}$/.test(text) ? Number(text) : NaN;
      if (!(n >= 1 && n <= 86_400)) throw new UsageError(`${name} must be a whole number of seconds from 1 to 86400 (got ${shown(text)})`);
      return n;
    }
    default:
      return text;
  }
}

function checkFlag(flag: Flag, raw: RawValue): FlagValue {
  const name = `--${flag.name}`;
  const values = Array.isArray(raw) ? (raw as ReadonlyArray<string | boolean>) : [raw as string | boolean];
  if (flag.type === 'boolean') {
    const last = values[values.length - 1];
    if (typeof last !== 'boolean') throw new UsageError(`${name} takes no value (got ${shown(String(last))})`);
    return last;
  }
  const check = (v: string | boolean): string | false => {
    if (v === false) {
      if (flag.negatable) return false;
      throw new UsageError(`--no-${flag.name} is not an option (${name} takes a value)`);
    }
    if (v === true || v === '') throw new UsageError(`${name} needs a value`);
    return v;
  };
  if (flag.type === 'list') {
    const out: string[] = [];
    for (const v of values) {
      const s = check(v);
      if (s !== false) {
        checkValue(flag, s);
        out.push(s);
      }
    }
    return out;
  }
  // the last one wins; the earlier ones must still be well-formed
  let result: FlagValue = false;
  for (const v of values) {
    const s = check(v);
    result = s === false ? false : checkValue(flag, s);
  }
  return result;
}

/** Check what a reader found against options.ts; throws UsageError. */
export function checkArgs(raw: RawArgs): ParsedArgs {
  const spec = commandSpec(raw.command);
  const flags = flagsOf(spec);
  const out: Record<string, FlagValue> = {};
  for (const [name, value] of raw.values) {
    const flag = flags.get(name);
    if (!flag) throw new UsageError(`${spec.name}: unknown option --${name}`);
    out[camel(name)] = checkFlag(flag, value);
  }
  const n = raw.positionals.length;
  const { min, max, what } = spec.arity;
  if (n < min) throw new UsageError(`${spec.name} needs ${what}, e.g. ${spec.example}`);
  if (n > max) {
    const extra = raw.positionals.slice(max).map(shown).join(' ');
    throw new UsageError(max === 0 ? `${spec.name} takes no arguments (got ${extra})` : `${spec.name} takes ${what}; also got ${extra}`);
  }
  for (const p of raw.positionals) if (p === '') throw new UsageError(`${spec.name}: an empty argument (a file name or topic cannot be "")`);
  return { command: spec.name, positionals: [...raw.positionals], flags: out };
}
