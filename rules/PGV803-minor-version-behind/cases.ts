import type { RuleCases } from '../../src/engine/cases.js';

const conf = '# any file\n';

export default {
  valid: [
    { name: 'lint runs without a server say nothing', conf },
    { name: 'the newest known minors', conf, versions: [17], serverVersion: '17.10' },
    { name: 'a newer minor than the table knows', conf, versions: [18], serverVersion: '18.9 (Debian 18.9-1.pgdg120+1)' },
    { name: '13.23, its final release', conf, versions: [13], serverVersion: '13.23' },
  ],
  invalid: [
    { name: 'an old minor', conf, versions: [17], serverVersion: '17.4', lines: [0], messageIncludes: 'the server runs PostgreSQL 17.4; 17.10 is the newest 17.x release pgvet knows of (as of 2026-12-05): 6 minor releases of bug and security fixes missing' },
    { name: 'one behind, with a distribution suffix', conf, versions: [16], serverVersion: '16.13 (Ubuntu 16.13-0ubuntu0.24.04.1)', lines: [0], messageIncludes: '1 minor release of bug and security fixes missing' },
    { name: 'a beta', conf, versions: [18], serverVersion: '18beta1', lines: [0], messageIncludes: 'a beta build (18beta1), not a release' },
  ],
} satisfies RuleCases;
