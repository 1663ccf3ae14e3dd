/**
 * A plain `pgvet lint` command line is read without yargs (src/cli/lint-args.ts). Whenever that
 * reader accepts a command line, yargs must accept it too and read the same arguments; whatever it
 * is unsure of it leaves to yargs. Checked on hand-picked lines and on seeded random ones.
 */
import { camel, readLintArgs } from '../src/cli/lint-args.js';
import type { LintArgs } from '../src/cli/lint.js';
import { runYargs } from '../src/cli/main.js';
import { HOST_FLAGS, LINT_FLAGS, PG_VERSION_FLAG } from '../src/cli/options.js';

const KEYS = ['files', ...[PG_VERSION_FLAG, ...HOST_FLAGS, ...LINT_FLAGS].map((f) => camel(f.name))];

/** The lint arguments yargs reads from a command line, or the error it gives. */
async function viaYargs(args: string[]): Promise<Record<string, unknown> | { error: string }> {
  let seen: LintArgs | undefined;
  try {
    await runYargs(args, (argv) => {
      seen = argv;
      return 0;
    });
  } catch (err) {
    return { error: (err as Error).message };
  }
  if (!seen) return { error: 'no lint' };
  const out: Record<string, unknown> = {};
  for (const k of KEYS) if ((seen as unknown as Record<string, unknown>)[k] !== undefined) out[k] = (seen as unknown as Record<string, unknown>)[k];
  return out;
}

async function expectAgreement(args: string[]): Promise<boolean> {
  const fast = readLintArgs(args);
  if (fast === null) return false;
  expect({ args, read: await viaYargs(args) }).toEqual({ args, read: { ...fast } });
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
  ];
  for (const args of plain) expect(await expectAgreement(args)).toBe(true);
});

test('what the reader is unsure of goes to yargs', () => {
  const unsure = [
    ['lint'],
    ['lint', '--help'],
    ['lint', 'a.conf', '-h'],
    ['--pg-version', '17', 'lint', 'a.conf'],
    ['lint', 'a.conf', '--pgVersion', '17'],
    ['lint', 'a.conf', '--format', 'xml'],
    ['lint', 'a.conf', '--format', 'json', '--format', 'text'],
    ['lint', 'a.conf', '--max-warnings', 'ten'],
    ['lint', 'a.conf', '--max-warnings', '-1'],
    ['lint', 'a.conf', '--ram'],
    ['lint', 'a.conf', '--ram='],
    ['lint', 'a.conf', '--no-ram'],
    ['lint', '--', '-odd.conf'],
    ['lint', 'a.conf', '--bogus'],
    ['lint', 'a.conf', '--config', 'x', '--no-config'],
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
  const flags = [PG_VERSION_FLAG, ...HOST_FLAGS, ...LINT_FLAGS];
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
        const value = rand(2) ? pick(values) : flag.choices ? pick(flag.choices) : flag.type === 'number' ? String(rand(100)) : pick(['16GB', '4', 'x.json', 'auto', '17']);
        if (kind < 5) args.push(`--${flag.name}=${value}`);
        else args.push(`--${flag.name}`, value);
      }
      else args.push(pick(['--no-config', '--no-ram', '--help', '-f', '--pgVersion', '--version']));
    }
    tried++;
    if (await expectAgreement(args)) accepted++;
  }
  // the comparison must cover a good share of the lines, or it proves little
  expect(tried).toBe(1500);
  expect(accepted).toBeGreaterThan(200);
});
