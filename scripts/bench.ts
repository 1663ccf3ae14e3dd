/**
 * `npm run bench`: speed measured against a baseline taken in the same run.
 *
 * 1. Cold start: `pgvet lint` of the stock PostgreSQL 17 sample vs `node -e 0`, interleaved runs,
 *    medians and their ratio (goal ≤ 1.3×).
 * 2. Throughput: one `pgvet lint` over 1,000 configuration files (copies of the corpus), wall
 *    time and peak RSS (goal ≤ 3 s).
 * 3. Size: `pgvet lint` of one file of 1,000,000 lines of `work_mem = 4MB` (15MB, 999,999 PGV008
 *    findings), the real CLI writing its report to /dev/null: median wall time and peak RSS of a
 *    few runs, per output format (goal: a few seconds, well under 1GB).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const BIN = path.join(PACKAGE_ROOT, 'bin', 'pgvet.js');
const SAMPLE = path.join(PACKAGE_ROOT, 'fixtures', 'conf', 'postgres-sample-17.conf');

function timeMs(cmd: string, args: string[]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function coldStart(): void {
  const node: number[] = [];
  const pgvet: number[] = [];
  // warm the file cache once, then interleave so both see the same machine state
  timeMs(process.execPath, ['-e', '0']);
  timeMs(process.execPath, [BIN, 'lint', SAMPLE, '--pg-version', '17']);
  for (let i = 0; i < RUNS; i++) {
    node.push(timeMs(process.execPath, ['-e', '0']));
    pgvet.push(timeMs(process.execPath, [BIN, 'lint', SAMPLE, '--pg-version', '17']));
  }
  const n = median(node);
  const p = median(pgvet);
  console.log(`cold start (${RUNS} runs each, medians):`);
  console.log(`  node -e 0                               ${n.toFixed(1)} ms`);
  console.log(`  pgvet lint postgres-sample-17.conf      ${p.toFixed(1)} ms`);
  console.log(`  ratio                                   ${(p / n).toFixed(2)}x   (goal <= 1.3x)`);
}

function thousandFiles(): void {
  const corpus = path.join(PACKAGE_ROOT, 'fixtures', 'corpus', 'postgresql');
  const sources = fs.readdirSync(corpus).map((f) => path.join(corpus, f));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvet-bench-'));
  try {
    const files: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const target = path.join(dir, `c${String(i).padStart(4, '0')}.conf`);
      fs.copyFileSync(sources[i % sources.length]!, target);
      files.push(target);
    }
    // Peak RSS of the pgvet process itself: run the CLI in a child that reports its own maxRSS.
    const script = `const m = (await import('node:module')).createRequire(import.meta.url)(${JSON.stringify(path.join(PACKAGE_ROOT, 'dist', 'pgvet.cjs'))});
const out = process.stdout.write.bind(process.stdout); process.stdout.write = () => true;
await m.main(process.argv.slice(1)); process.stdout.write = out;
console.log(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));`;
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, 'lint', ...files, '--pg-version', '17', '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const rss = (JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { maxRssKb?: number }).maxRssKb ?? NaN;
    console.log(`1,000 files in one run (copies of ${sources.length} corpus files):`);
    console.log(`  wall time                               ${(ms / 1000).toFixed(2)} s   (goal <= 3 s)`);
    console.log(`  peak RSS                                ${(rss / 1024).toFixed(0)} MB`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const MILLION_RUNS = Number(process.env.BENCH_MILLION_RUNS ?? 3);

function millionLines(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvet-bench-'));
  try {
    const file = path.join(dir, 'million.conf');
    fs.writeFileSync(file, 'work_mem = 4MB\n'.repeat(1_000_000));
    // the child's own peak RSS, written to fd 3 as it exits
    const probe = path.join(dir, 'rss-probe.cjs');
    fs.writeFileSync(probe, "process.on('exit', () => { try { require('fs').writeSync(3, String(process.resourceUsage().maxRSS)); } catch {} });\n");
    console.log(`1,000,000 lines of work_mem = 4MB (${(fs.statSync(file).size / 2 ** 20).toFixed(1)}MB), report to /dev/null, ${MILLION_RUNS} runs each:`);
    for (const format of ['compact', 'text', 'json']) {
      const times: number[] = [];
      const rss: number[] = [];
      for (let i = 0; i < MILLION_RUNS; i++) {
        const start = process.hrtime.bigint();
        const r = spawnSync(process.execPath, ['--require', probe, BIN, 'lint', file, '--pg-version', '17', '--format', format], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
        if (r.status !== 0) throw new Error(`lint of the million-line file exited ${r.status}: ${r.stderr}`);
        rss.push(Number(String(r.output[3])) / 1024);
      }
      console.log(`  --format ${format.padEnd(8)} median ${(median(times) / 1000).toFixed(2)} s, peak RSS median ${median(rss).toFixed(0)} MB (max ${Math.max(...rss).toFixed(0)} MB)`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const only = process.env.BENCH_ONLY;
if (!only || only === 'cold') coldStart();
if (!only || only === 'files') thousandFiles();
if (!only || only === 'million') millionLines();
