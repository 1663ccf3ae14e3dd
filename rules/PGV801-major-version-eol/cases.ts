import type { RuleCases } from '../../src/engine/cases.js';

const conf = '# any file\n';

export default {
  valid: [
    { name: 'on the day of 13\'s final release it is still supported', conf, versions: [13], today: '2025-11-13' },
    { name: '14 before its final release', conf, versions: [14], today: '2026-11-12' },
    { name: '15 to 18 in December 2026', conf, versions: [15, 16, 17, 18], today: '2026-12-05' },
    { name: '18 in 2030, before November', conf, versions: [18], today: '2030-11-14' },
  ],
  invalid: [
    { name: '13 the day after its final release', conf, versions: [13], today: '2025-11-14', lines: [0], messageIncludes: 'PostgreSQL 13 reached its end of life on 2025-11-13 (final minor 13.23)' },
    { name: '13 and 14 in December 2026', conf, versions: [13, 14], today: '2026-12-05', lines: [0], messageIncludes: 'gets no more security or bug fixes; plan the upgrade to 18' },
    { name: '15 after 2027-11-11', conf, versions: [15], today: '2027-11-12', lines: [0], messageIncludes: 'on 2027-11-11' },
    { name: '16 after 2028-11-09', conf, versions: [16], today: '2028-11-10', lines: [0] },
    { name: '17 after 2029-11-08', conf, versions: [17], today: '2029-11-09', lines: [0] },
    { name: '18 after 2030-11-14', conf, versions: [18], today: '2030-11-15', lines: [0] },
  ],
} satisfies RuleCases;
