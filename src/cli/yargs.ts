/**
 * yargs, behind a module of its own: main.ts imports it only when a command line needs it, and
 * the bundle (scripts/bundle.mjs) puts it in dist/pgvet-yargs.cjs, which a plain lint never loads.
 */
export { default as yargs } from 'yargs';
