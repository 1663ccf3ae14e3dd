import type { RuleCases } from '../../src/engine/cases.js';

const conf = '# any file\n';

export default {
  valid: [
    { name: '15 just over a year before its end', conf, versions: [15], today: '2026-11-10' },
    { name: '13 after its end is PGV801', conf, versions: [13], today: '2026-12-05' },
    { name: '16 to 18 in December 2026', conf, versions: [16, 17, 18], today: '2026-12-05' },
  ],
  invalid: [
    { name: '15 exactly twelve months before its end', conf, versions: [15], today: '2026-11-11', lines: [0], messageIncludes: 'PostgreSQL 15 reaches its end of life on 2027-11-11, 365 days from 2026-11-11' },
    { name: '15 in December 2026', conf, versions: [15], today: '2026-12-05', lines: [0], messageIncludes: 'plan the upgrade' },
    { name: '14 on its last day', conf, versions: [14], today: '2026-11-12', lines: [0], messageIncludes: '0 days from 2026-11-12' },
    { name: '18 in 2030', conf, versions: [18], today: '2030-01-01', lines: [0] },
  ],
} satisfies RuleCases;
