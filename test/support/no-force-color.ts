/**
 * Jest's workers get FORCE_COLOR=1 when Jest itself runs at a terminal (jest-worker). pgvet
 * honours FORCE_COLOR (src/cli/stdio.ts useColor), so the pgvet processes the tests start would
 * colour their output depending on where `npm test` was typed. The tests set colour themselves.
 */
delete process.env.FORCE_COLOR;
export {};
