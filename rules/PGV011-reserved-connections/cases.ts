import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the defaults', conf: '# nothing set\n' },
    { name: 'the smallest max_connections with the default 3 reserved', conf: 'max_connections = 4\n' },
    { name: 'no reserved slots and one connection', conf: 'superuser_reserved_connections = 0\nmax_connections = 1\n' },
    { name: 'reserved slots below max_connections', conf: 'max_connections = 20\nsuperuser_reserved_connections = 19\n' },
    { name: 'reserved_connections leaving one slot (16+)', conf: 'max_connections = 10\nsuperuser_reserved_connections = 3\nreserved_connections = 6\n', versions: [16, 17, 18] },
  ],
  invalid: [
    { name: 'max_connections equal to the 3 reserved slots (13–15)', conf: 'max_connections = 3\n', versions: [13, 14, 15], lines: [1], messageIncludes: 'superuser_reserved_connections (3) must be less than max_connections (3)' },
    { name: 'max_connections equal to the 3 reserved slots (16+ also count reserved_connections)', conf: 'max_connections = 3\n', versions: [16, 17, 18], lines: [1], messageIncludes: 'superuser_reserved_connections (3) plus reserved_connections (0) must be less than max_connections (3)' },
    { name: 'superuser_reserved_connections above the default max_connections', conf: 'superuser_reserved_connections = 100\n', lines: [1] },
    { name: 'both set, max_connections blamed', conf: 'superuser_reserved_connections = 10\nmax_connections = 10\n', lines: [2] },
    { name: 'reserved_connections takes the last slot (16+)', conf: 'max_connections = 10\nreserved_connections = 7\n', versions: [16, 17, 18], lines: [1] },
    { name: 'reserved_connections alone above the default max_connections (16+)', conf: 'reserved_connections = 97\n', versions: [16, 17, 18], lines: [1] },
  ],
} satisfies RuleCases;
