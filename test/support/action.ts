/**
 * Run action.yml's steps here as GitHub would: each `run` step in bash with its `env`, the
 * `${{ inputs.* }}` and `${{ steps.*.outputs.* }}` expressions expanded, GITHUB_OUTPUT,
 * GITHUB_STEP_SUMMARY and RUNNER_TEMP files of our own. Steps that `uses:` another action (the
 * SARIF upload) are recorded with their evaluated condition, not run.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

interface Step {
  id?: string;
  name?: string;
  if?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

export interface ActionRun {
  /** Per step: name, exit code, stdout, stderr, seconds. */
  steps: Array<{ name: string; code: number | null; stdout: string; stderr: string; seconds: number }>;
  outputs: Record<string, string>;
  summary: string;
  /** The `uses:` steps with the values they would get, and whether their `if:` held. */
  used: Array<{ uses: string; with: Record<string, string>; runs: boolean }>;
}

export function readAction(actionPath: string): Action {
  return parseYaml(fs.readFileSync(path.join(actionPath, 'action.yml'), 'utf8')) as Action;
}

/** Run the action at `actionPath` in `cwd` with these inputs. */
export function runAction(actionPath: string, cwd: string, inputs: Record<string, string>, env: Record<string, string> = {}): ActionRun {
  const action = readAction(actionPath);
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.inputs)) values[k] = inputs[k] ?? v.default ?? '';
  for (const k of Object.keys(inputs)) if (!(k in action.inputs)) throw new Error(`action.yml has no input "${k}"`);
  const temp = fs.mkdtempSync(path.join(cwd, '.runner-temp-'));
  const summaryFile = path.join(temp, 'step-summary.md');
  fs.writeFileSync(summaryFile, '');
  const stepOutputs: Record<string, Record<string, string>> = {};
  const expand = (s: string): string =>
    s
      .replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_m, k: string) => values[k] ?? '')
      .replace(/\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}/g, (_m, id: string, k: string) => stepOutputs[id]?.[k] ?? '');
  const run: ActionRun = { steps: [], outputs: {}, summary: '', used: [] };
  for (const step of action.runs.steps) {
    if (step.uses) {
      // the conditions used here: always(), inputs.X == 'v', steps.Y.outputs.Z != ''
      const cond = (step.if ?? 'success()').split('&&').map((c) => c.trim()).every((c) => {
        if (c === 'always()' || c === 'success()') return true;
        const m = /^(.+?)\s*(==|!=)\s*'(.*)'$/.exec(c);
        if (!m) throw new Error(`cannot evaluate condition ${c}`);
        const left = expand(`\${{ ${m[1]} }}`);
        return m[2] === '==' ? left === m[3] : left !== m[3];
      });
      const w: Record<string, string> = {};
      for (const [k, v] of Object.entries(step.with ?? {})) w[k] = expand(String(v));
      run.used.push({ uses: step.uses, with: w, runs: cond });
      continue;
    }
    const outputFile = path.join(temp, `output-${run.steps.length}`);
    fs.writeFileSync(outputFile, '');
    const stepEnv: Record<string, string> = {
      ...(process.env as Record<string, string>),
      ...env,
      GITHUB_ACTION_PATH: actionPath,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: temp,
    };
    for (const [k, v] of Object.entries(step.env ?? {})) stepEnv[k] = expand(String(v));
    const started = process.hrtime.bigint();
    // GitHub runs `shell: bash` steps as bash --noprofile --norc -eo pipefail {0}
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], { cwd, env: stepEnv, encoding: 'utf8', maxBuffer: 1 << 28 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    run.steps.push({ name: step.name ?? step.id ?? '?', code: r.status, stdout: r.stdout, stderr: r.stderr, seconds });
    const outs: Record<string, string> = {};
    for (const line of fs.readFileSync(outputFile, 'utf8').split('\n')) {
      const m = /^([\w-]+)=(.*)$/.exec(line);
      if (m) outs[m[1]!] = m[2]!;
    }
    if (step.id) stepOutputs[step.id] = outs;
    if (r.status !== 0) break;
  }
  for (const [k, v] of Object.entries(action.outputs)) run.outputs[k] = expand(v.value);
  run.summary = fs.readFileSync(summaryFile, 'utf8');
  return run;
}

/** A checkout of the action as `uses: pgvet/pgvet@ref` gets it: the repository's sources, no dist/, no node_modules. */
export function sourceCheckout(root: string, into: string): string {
  for (const entry of ['package.json', 'package-lock.json', '.npmrc', 'tsconfig.json', 'tsconfig.types.json', 'LICENSE', 'README.md', 'action.yml', '.pre-commit-hooks.yaml', 'bin', 'src', 'rules', 'scripts', 'test']) {
    fs.cpSync(path.join(root, entry), path.join(into, entry), { recursive: true });
  }
  return into;
}
