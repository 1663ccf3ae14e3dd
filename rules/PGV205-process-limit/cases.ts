import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'a generous limit', conf: 'max_connections = 500\n', host: { processLimit: 4096 } },
    { name: 'defaults under 200 processes', conf: '# nothing set\n', host: { processLimit: 200 } },
  ],
  invalid: [
    { name: '500 connections, 300 processes allowed', conf: 'max_connections = 500\n', host: { processLimit: 300 }, lines: [1], messageIncludes: 'could not fork new process' },
    { name: 'defaults in a tight container', conf: '# nothing set\n', host: { processLimit: 50 }, lines: [0] },
  ],
} satisfies RuleCases;
