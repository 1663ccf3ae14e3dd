// `npm install` / `npm ci` in a checkout (and npm's own preparation of a git dependency) run
// `prepare`. Build when the development dependencies are there; without them (an
// `npm install --omit=dev` of a checkout) say how to build instead of failing with
// "tsc: not found". `npm pack` and `npm publish` build in `prepack`, which must succeed.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

if (process.env.npm_command === 'pack' || process.env.npm_command === 'publish') process.exit(0);
const require = createRequire(import.meta.url);
const has = (name) => {
  try {
    require.resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
};
if (!has('typescript') || !has('esbuild')) {
  process.stderr.write('pgvet: development dependencies not installed, not building; `npm install` (with them) builds, or `npm pack` a checkout that has them\n');
  process.exit(0);
}
const r = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(r.status ?? 1);
