import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'xfs', conf: '# nothing set\n', host: { filesystem: 'xfs' } },
    { name: 'zfs', conf: '# nothing set\n', host: { filesystem: 'zfs' } },
  ],
  invalid: [{ name: 'nfs', conf: '# nothing set\n', host: { filesystem: 'nfs' }, lines: [0], messageIncludes: 'mounted hard' }],
} satisfies RuleCases;
