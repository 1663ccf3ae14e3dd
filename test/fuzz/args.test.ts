/**
 * Property: whatever command line a user (or a script gone wrong) types, pgvet answers with exit
 * 0, 1 or 2: never an internal error (3), never a stack trace, never a hang. Random argument vectors
 * from the flag tables of src/cli/options.ts (repeated flags, `=` forms, `--`, `-`, garbage and
 * unicode values, very long strings) and mutations of valid command lines, run in this process
 * through the real entry (runCli) with real files (copies of fixtures/ in a scratch directory,
 * which is also the working directory, so whatever a run writes lands there).
 *
 * fast-check with a fixed seed (PGVET_FUZZ_SEED to explore others); PGVET_FUZZ_RUNS scales it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { COMMANDS, GLOBAL_FLAGS, type Flag } from '../../src/cli/options.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { runInProcess } from '../support/cli-run.js';

const SEED = Number(process.env.PGVET_FUZZ_SEED ?? 20260611);
const RUNS = Number(process.env.PGVET_FUZZ_RUNS ?? 1200);
/** A run that takes longer than this is a hang. */
const HANG_MS = 10_000;

let dir: string;
let cwd: string;
const savedEnv: Record<string, string | undefined> = {};
const files: Record<string, string> = {};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvet-fuzz-args-'));
  const copy = (from: string, name: string): void => {
    files[name] = path.join(dir, name);
    fs.copyFileSync(from, files[name]!);
  };
  copy(path.join(PACKAGE_ROOT, 'fixtures', 'postgresql.conf'), 'postgresql.conf');
  copy(path.join(PACKAGE_ROOT, 'fixtures', 'broken.conf'), 'broken.conf');
  copy(path.join(PACKAGE_ROOT, 'fixtures', 'conf', 'postgres-sample-17.conf'), 'sample.conf');
  const hba = fs.readdirSync(path.join(PACKAGE_ROOT, 'fixtures', 'corpus', 'hba'))[0]!;
  copy(path.join(PACKAGE_ROOT, 'fixtures', 'corpus', 'hba', hba), 'pg_hba.conf');
  fs.writeFileSync(path.join(dir, 'host.json'), JSON.stringify({ ram: '16GB', cores: 4, storage: 'ssd' }));
  files['host.json'] = path.join(dir, 'host.json');
  fs.writeFileSync(path.join(dir, 'pgvetrc.json'), JSON.stringify({ pgVersion: 16, failOn: 'warning' }));
  files['pgvetrc.json'] = path.join(dir, 'pgvetrc.json');
  fs.writeFileSync(path.join(dir, 'bad.json'), '{"ram": ');
  files['bad.json'] = path.join(dir, 'bad.json');
  fs.mkdirSync(path.join(dir, 'adir'));
  files.adir = path.join(dir, 'adir');
  // plan without --db falls back to PG*: point that at a closed port, so nothing waits on a network
  for (const k of ['PGHOST', 'PGPORT', 'PGSERVICE', 'PGSERVICEFILE', 'PGCONNECT_TIMEOUT', 'PGPASSWORD', 'PGUSER', 'PGDATABASE', 'HOME']) savedEnv[k] = process.env[k];
  for (const k of ['PGSERVICE', 'PGSERVICEFILE', 'PGPASSWORD', 'PGUSER', 'PGDATABASE']) delete process.env[k];
  Object.assign(process.env, { PGHOST: '127.0.0.1', PGPORT: '1', PGCONNECT_TIMEOUT: '2', HOME: dir });
  cwd = process.cwd();
  process.chdir(dir);
});

afterAll(() => {
  process.chdir(cwd);
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Values a flag may get: its own kind, near misses, and garbage. */
function valueArb(flag: Flag): fc.Arbitrary<string> {
  const own: string[] = [...(flag.choices ?? [])];
  switch (flag.value) {
    case 'version': own.push('13', '17', '18', '12', '19', '0x11', '1.7e1', '017', '+17', ' 17 ', '17.0', 'Infinity', '-17'); break;
    case 'count': own.push('0', '3', '25', '-1', '1.5', '1e400', 'abc', '0x10', '99999999999999999999'); break;
    case 'seconds': own.push('1', '2', '0', '-3', '86401', '1.5'); break;
    case 'path': own.push(...Object.values(files), 'auto', '-', 'missing.conf', 'out.txt', 'sub/none.json', '/dev/null', '.'); break;
    default: own.push('16GB', '1500m', '-1GB', '0', '4', '2.5', 'shared_buffers,work_mem', 'max_connections', '16Gi', 'auto');
  }
  if (flag.name === 'db' || flag.name === 'primary') {
    // nothing that could reach a network: parse errors, a closed local port, a missing socket
    return fc.constantFrom('host=127.0.0.1 port=1', 'postgres://u:pw@127.0.0.1:1/db', 'host=127.0.0.1 port=0', 'sslmode=bogus', 'password=first secondhalf', "password='unterminated", 'service=nope', 'dbname', 'host=/nonexistent port=5432', 'postgres://::', '');
  }
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...own) },
    { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.fullUnicodeString({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constantFrom('', '-', '--', '=', '-x', '--x', '\u0000', '\u001b[2J', 'a\nb', 'x'.repeat(5000)) },
  );
}

const allFlags: Flag[] = [...new Map([...COMMANDS.flatMap((c) => c.flags), ...GLOBAL_FLAGS].map((f) => [f.name, f])).values()];

/** One flag as the user might type it. */
const flagArb: fc.Arbitrary<string[]> = fc.constantFrom(...allFlags).chain((flag) => {
  if (flag.type === 'boolean') return fc.constantFrom([`--${flag.name}`], [`--no-${flag.name}`], [`--${flag.name}=true`], [`--${flag.name}=false`], [`--${flag.name}=yes`], [`--${flag.name}`, 'true']);
  return fc.tuple(valueArb(flag), fc.integer({ min: 0, max: 5 })).map(([v, how]) =>
    how === 0 ? [`--${flag.name}=${v}`] : how === 1 ? [`--${flag.name}`] : how === 2 && flag.negatable ? [`--no-${flag.name}`] : [`--${flag.name}`, v],
  );
});

const positionalArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('postgresql.conf', 'broken.conf', 'sample.conf', 'pg_hba.conf', 'host.json', '-', 'missing.conf', 'adir', 'shared_buffers', 'PGV101', 'syntax-error') },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
  { weight: 1, arbitrary: fc.fullUnicodeString({ maxLength: 8 }) },
);

const oddArb: fc.Arbitrary<string[]> = fc.constantFrom(['--'], ['-'], ['-h'], ['--help'], ['-v'], ['--version'], ['--bogus'], ['-x'], ['--pgVersion', '17'], ['--FAIL-ON', 'x'], ['-abc'], ['--=x'], ['---x']);

const commandArb = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...COMMANDS.map((c) => c.name)) }, { weight: 1, arbitrary: fc.constantFrom('lnit', '', 'LINT', 'help', 'completion', 'ℓint') });

const argsArb: fc.Arbitrary<string[]> = fc
  .tuple(
    commandArb,
    fc.array(fc.oneof({ weight: 5, arbitrary: flagArb }, { weight: 4, arbitrary: positionalArb.map((p) => [p]) }, { weight: 1, arbitrary: oddArb }), { maxLength: 8 }),
  )
  .map(([command, parts]) => [command, ...parts.flat()]);

/** Command lines that work, to mutate. */
const VALID: string[][] = [
  ['lint', 'postgresql.conf', '--pg-version', '17'],
  ['lint', 'postgresql.conf', 'broken.conf', '--format', 'json', '--fail-on', 'warning'],
  ['lint', '-', '--ram', '16GB', '--cores', '4', '--hba', 'pg_hba.conf', '--format', 'sarif'],
  ['lint', 'sample.conf', '--config', 'pgvetrc.json', '--quiet', '--format', 'compact', '--output', 'report.txt'],
  ['lint', 'postgresql.conf', '--write-baseline', 'base.json', '--max-warnings', '3'],
  ['simulate', 'postgresql.conf', '--ram', '16GB', '--cores', '4', '--format', 'json'],
  ['simulate', '-', '--host', 'host.json', '--role', 'standby', '--color'],
  ['tune', '--ram', '16GB', '--cores', '8', '--workload', 'oltp', '--format', 'alter-system'],
  ['tune', 'postgresql.conf', '--ram', '8GB', '--cores', '2', '--diff', '--keep', 'shared_buffers'],
  ['tune', 'sample.conf', '--ram', '8GB', '--cores', '2', '--write', '--yes'],
  ['plan', 'postgresql.conf', '--db', 'host=127.0.0.1 port=1', '--query-timeout', '1'],
  ['explain', 'shared_buffers', '--pg-version', '13'],
  ['rules', '--pg-version', '16'],
];

const mutatedArb: fc.Arbitrary<string[]> = fc
  .tuple(
    fc.constantFrom(...VALID),
    fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.nat(), fc.oneof(flagArb, positionalArb.map((p) => [p]), oddArb)), { minLength: 1, maxLength: 4 }),
  )
  .map(([base, edits]) => {
    const args = [...base];
    for (const [op, at, insert] of edits) {
      const i = args.length ? at % args.length : 0;
      if (op === 0) args.splice(i, 1); // drop a word
      else if (op === 1) args.splice(i, 0, ...insert); // insert words
      else if (op === 2) args.push(...args.slice(i, i + 2)); // repeat a flag and its value
      else if (op === 3 && i + 1 < args.length) [args[i], args[i + 1]] = [args[i + 1]!, args[i]!]; // swap
      else if (op === 4 && args[i]?.startsWith('--') && args[i + 1] !== undefined) args.splice(i, 2, `${args[i]}=${args[i + 1]}`); // the = form
      else args.splice(i, 1, ...insert); // replace
    }
    return args;
  });

const stdinArb = fc.oneof(fc.constant("shared_buffers = '1GB'\nwork_mem = 8MB\n"), fc.constant(''), fc.string({ maxLength: 200 }), fc.constant('work_mem = 8 MB\n\u0000\u001b[2J'));

let runs = 0;

async function property(args: string[], stdin: string): Promise<void> {
  runs++;
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`hang: pgvet ${JSON.stringify(args)} ran over ${HANG_MS} ms`)), HANG_MS)));
  try {
    const r = await Promise.race([runInProcess(args, { stdin }), hang]);
    const all = r.stdout + r.stderr;
    if (![0, 1, 2].includes(r.code) || /internal error \(a bug; please report it\)|\n\s+at .*[(:]\d+|Received an instance of|TypeError|RangeError/.test(all)) {
      throw new Error(`pgvet ${JSON.stringify(args)} exited ${r.code}:\n${r.stderr.slice(0, 2000)}`);
    }
    // a usage or input error is one message per problem on stderr, each "pgvet: …" (help text aside)
    if (r.code === 2 && r.stderr && !r.stderr.includes('Commands:')) {
      for (const line of r.stderr.trim().split('\n')) if (!line.startsWith('pgvet: ')) throw new Error(`pgvet ${JSON.stringify(args)}: stray stderr line ${JSON.stringify(line)}`);
    }
  } finally {
    clearTimeout(timer);
  }
}

test(`random command lines: exit 0, 1 or 2, no stack, no hang (${RUNS} runs)`, async () => {
  await fc.assert(fc.asyncProperty(argsArb, stdinArb, property), { seed: SEED, numRuns: RUNS });
}, 300_000);

test(`mutated valid command lines: the same (${Math.round(RUNS * 0.8)} runs)`, async () => {
  await fc.assert(fc.asyncProperty(mutatedArb, stdinArb, property), { seed: SEED + 1, numRuns: Math.round(RUNS * 0.8) });
  // the two properties together: at least 2,000 command lines
  expect(runs).toBeGreaterThanOrEqual(Math.round(RUNS * 1.8));
}, 300_000);
