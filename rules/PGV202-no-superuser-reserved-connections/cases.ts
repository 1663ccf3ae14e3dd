import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;

export default {
  valid: [
    { name: 'the default 3', conf: '# nothing set\n' },
    { name: 'defaults on 16GB/4 cores', conf: '# nothing set\n', host: { ramBytes: 16 * GB, cores: 4 } },
    { name: 'one reserved slot', conf: 'superuser_reserved_connections = 1\n' },
    { name: 'one reserved slot with reserved_connections (16+)', conf: 'superuser_reserved_connections = 1\nreserved_connections = 5\n', versions: [16, 17, 18] },
  ],
  invalid: [
    { name: 'none reserved', conf: 'superuser_reserved_connections = 0\n', lines: [1], messageIncludes: 'not even a superuser can connect to fix it' },
    { name: 'none reserved, 13-15 (no reserved_connections)', conf: 'max_connections = 50\nsuperuser_reserved_connections = 0\n', versions: [13, 14, 15], lines: [2] },
    { name: 'none reserved, 16+ with reserved_connections left at 0', conf: 'superuser_reserved_connections = 0\nreserved_connections = 0\n', versions: [16, 17, 18], lines: [1] },
  ],
} satisfies RuleCases;
