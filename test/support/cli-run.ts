/**
 * pgvet's command line run in this process: the real entry (runCli: reading, checking, running,
 * the exit code, the internal-error handler) with standard output, standard error and standard
 * input captured through src/cli/stdio.ts. Much faster than a process per run, so property tests
 * can run thousands of command lines.
 */
import { runCli } from '../../src/cli/main.js';
import { withStdio, type Stdio } from '../../src/cli/stdio.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runInProcess(args: string[], options: { stdin?: string | Uint8Array; env?: NodeJS.ProcessEnv; tty?: boolean } = {}): Promise<Run> {
  const out: Buffer[] = [];
  const err: string[] = [];
  const io: Stdio = {
    write: (c) => void out.push(typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c)),
    error: (t) => void err.push(t),
    readStdin: () => (typeof options.stdin === 'string' ? new Uint8Array(Buffer.from(options.stdin, 'utf8')) : options.stdin ?? new Uint8Array()),
    stdoutIsTTY: options.tty ?? false,
    stdinIsTTY: options.tty ?? false,
    env: options.env ?? { PATH: process.env.PATH },
  };
  const code = await withStdio(io, () => runCli(args));
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: err.join('') };
}
