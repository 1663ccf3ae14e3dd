/**
 * A plain `pgvet lint` command line is read without yargs (src/cli/lint-args.ts). Whenever that
 * reader accepts a command line, yargs must read the same arguments, and args.ts must give the
 * same result (or the same error) for both; whatever the reader is unsure of it leaves to yargs.
 * Checked on hand-picked lines and on seeded random ones.
 */
import { checkArgs, type ParsedArgs } from '../src/cli/args.js';
import { readLintArgs } from '../src/cli/lint-args.js';
import { parseWithYargs } from '../src/cli/main.js';
import { commandSpec, flagsOf } from '../src/cli/options.js';
import { withStdio, type Stdio } from '../src/cli/stdio.js';

/** yargs prints nothing here: help and version are not plain lines. */
const quiet: Stdio = { write: () => undefined, error: () => undefined, readStdin: () => new Uint8Array(), stdoutIsTTY: false, stdinIsTTY: false, env: {} };

type Reading = ParsedArgs | { error: string } | { exit: number };

async function viaYargs(args: string[]): Promise<Reading> {
  try {
    const r = await withStdio(quiet, () => parseWithYargs(args));
    return typeof r === 'number' ? { exit: r } : r;
  } catch (err) {
    return { error: (err as Error).message };
  }
}

function viaReader(args: string[]): Reading | null {
  const raw = readLintArgs(args);
  if (raw === null) return null;
  try {
    return checkArgs(raw);
  } catch (err) {
    return { error: (err as Error).message };
  }
}

async function expectAgreement(args: string[]): Promise<boolean> {
  const fast = viaReader(args);
  if (fast === null) return false;
  expect({ args, read: await viaYargs(args) }).toEqual({ args, read: fast });
  return true;
}

test('plain command lines are read as yargs reads them', async () => {
  const plain = [
    ['lint', 'a.conf'],
    ['lint', 'a.conf', 'b.conf', '-'],
    ['lint', '-'],
    ['lint', 'a.conf', '--pg-version', '17'],
    ['lint', '--pg-version=13', 'a.conf'],
    ['lint', 'a.conf', '--format', 'sarif', '--fail-on', 'warning', '--max-warnings', '0'],
    ['lint', 'a.conf', '--max-warnings=25', '--no-config'],
    ['lint', 'a.conf', '--config', 'ci/.pgvetrc.json', '--baseline', 'b.json', '--write-baseline', 'c.json'],
    ['lint', 'a.conf', '--ram', '16GB', '--cores', '4', '--storage', 'ssd', '--workload', 'oltp', '--connections', '200', '--replicas', '2'],
    ['lint', 'a.conf', '--host', 'auto', '--hba', 'pg_hba.conf'],
    ['lint', 'a.conf', '--cores=1500m', '--ram=16Gi'],
    ['lint', 'dir with spaces/postgresql.conf', '--format', 'json'],
    ['lint', '2024-postgresql.conf', 'conf.d/1.conf', '17', '1.0', '0x10'],
    // the last of a repeated flag wins (D15), in both readers
    ['lint', 'a.conf', '--fail-on', 'warning', '--fail-on', 'warning'],
    ['lint', 'a.conf', '--fail-on=info', '--fail-on=error'],
    ['lint', 'a.conf', '--max-warnings', '0', '--max-warnings', '0'],
    ['lint', 'a.conf', '--config', 'x.json', '--no-config'],
    ['lint', 'a.conf', '--no-config', '--config', 'x.json'],
    ['lint', 'a.conf', '--hba', 'a', '--hba', 'b'],
    // everything after -- is a file (D14)
    ['lint', 'good.conf', '--', 'broken.conf'],
    ['lint', '--', '-x.conf', '--format', '-'],
    // switches
    ['lint', 'a.conf', '--quiet', '--no-color'],
    ['lint', 'a.conf', '--color', '--output', 'report.txt'],
    // mistakes both readers must word the same way
    ['lint', 'a.conf', '--pg-version', '0x11'],
    ['lint', 'a.conf', '--pg-version', '017'],
    ['lint', 'a.conf', '--pg-version', '1.7e1'],
    ['lint', 'a.conf', '--max-warnings', 'abc'],
    ['lint', 'a.conf', '--max-warnings', '1.5'],
    ['lint', 'a.conf', '--max-warnings', '1e400'],
    ['lint', 'a.conf', '--format', 'xml'],
    ['lint', '--format', 'json'],
    ['lint', '--'],
  ];
  for (const args of plain) expect(await expectAgreement(args)).toBe(true);
});

test('what the reader is unsure of goes to yargs', () => {
  const unsure = [
    ['lint', '--help'],
    ['lint', 'a.conf', '-h'],
    ['--pg-version', '17', 'lint', 'a.conf'],
    ['lint', 'a.conf', '--pgVersion', '17'],
    ['lint', 'a.conf', '--max-warnings', '-1'],
    ['lint', 'a.conf', '--ram'],
    ['lint', 'a.conf', '--ram='],
    ['lint', 'a.conf', '--ram', '-1GB'],
    ['lint', 'a.conf', '--no-ram'],
    ['lint', 'a.conf', '--bogus'],
    ['lint', 'a.conf', '--quiet=yes'],
    ['lint', 'a.conf', '--quiet', 'true'],
    ['lint', 'a.conf', '-q'],
  ];
  for (const args of unsure) expect({ args, read: readLintArgs(args) }).toEqual({ args, read: null });
});

test('seeded random command lines: whenever the reader accepts one, yargs reads the same', async () => {
  let seed = 20261121;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)]!;
  const files = ['a.conf', 'b.conf', '-', '17', '1.0', '0x1f', '1e3', '-1', '2024.conf', 'x=y.conf', 'true', '--', '-x'];
  const flags = [...flagsOf(commandSpec('lint')).values()];
  const values = ['17', '13', '12', '16GB', '1500m', 'ssd', 'hdd', 'oltp', 'web', 'json', 'sarif', 'text', 'warning', 'info', 'error', '0', '5', '05', '1.5', '1e2', '0x10', '-1', '', 'true', 'auto', 'a b', 'x=y', '-'];
  let accepted = 0;
  let tried = 0;
  for (let n = 0; n < 1500; n++) {
    const args = ['lint'];
    const parts = 1 + rand(6);
    for (let p = 0; p < parts; p++) {
      const kind = rand(10);
      if (kind < 3) args.push(pick(files));
      else if (kind < 9) {
        // half the time a value of the flag's own kind, so that many lines are plain ones
        const flag = pick(flags);
        if (flag.type === 'boolean') {
          args.push(rand(3) ? `--${flag.name}` : `--no-${flag.name}`);
          continue;
        }
        const value = rand(2) ? pick(values) : flag.choices ? pick(flag.choices) : flag.value === 'count' ? String(rand(100)) : pick(['16GB', '4', 'x.json', 'auto', '17']);
        if (kind < 5) args.push(`--${flag.name}=${value}`);
        else args.push(`--${flag.name}`, value);
      } else args.push(pick(['--no-config', '--no-ram', '--help', '-f', '--pgVersion', '--version', '--quiet', '--no-color']));
    }
    tried++;
    if (await expectAgreement(args)) accepted++;
  }
  // the comparison must cover a good share of the lines, or it proves little
  expect(tried).toBe(1500);
  expect(accepted).toBeGreaterThan(300);
});
