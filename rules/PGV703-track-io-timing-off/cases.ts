import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [{ name: 'on', conf: 'track_io_timing = on\n' }],
  invalid: [
    { name: 'the default', conf: '# nothing set\n', lines: [0] },
    { name: 'off in the file', conf: 'track_io_timing = off\n', lines: [1], messageIncludes: 'no time spent on I/O' },
  ],
} satisfies RuleCases;
