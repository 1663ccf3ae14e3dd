import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [{ name: 'on', conf: 'track_io_timing = on\n' }, { name: 'the default without a described server', conf: '# nothing set\n' }],
  invalid: [
    { name: 'the default, for a described server', conf: '# nothing set\n', host: { storage: 'ssd' }, lines: [0] },
    { name: 'off in the file', conf: 'track_io_timing = off\n', lines: [1], messageIncludes: 'no time spent on I/O' },
  ],
} satisfies RuleCases;
