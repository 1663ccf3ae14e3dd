import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;
const hba = 'local all all peer\nhostssl all all 10.0.0.0/8 scram-sha-256\n';

export default {
  valid: [
    { name: 'every host fact and pg_hba.conf given', conf: 'shared_buffers = 4GB\n', host: { ramBytes: 16 * GB, cores: 4, storage: 'ssd', replicas: 1 }, hba },
    { name: 'workload and connections are optional', conf: '# nothing set\n', host: { ramBytes: 4 * GB, cores: 2, storage: 'hdd', replicas: 0 }, hba },
  ],
  invalid: [
    { name: 'no host at all', conf: '# nothing set\n', lines: [0], messageIncludes: '16 host-aware rules did not run (PGV101, PGV102, PGV103, PGV104, PGV105, PGV106, PGV108, PGV109, PGV201, PGV204, PGV301, PGV302, PGV401, PGV402, PGV501, PGV603): describe the server with --ram --cores --replicas --storage --hba, or --host host.json / --host auto' },
    { name: '16GB/4 cores on the defaults', conf: '# nothing set\n', host: { ramBytes: 16 * GB, cores: 4 }, lines: [0], messageIncludes: '3 host-aware rules did not run (PGV301, PGV501, PGV603): describe the server with --replicas --storage --hba' },
    { name: 'only pg_hba.conf missing', conf: '# nothing set\n', host: { ramBytes: 16 * GB, cores: 4, storage: 'ssd', replicas: 1 }, lines: [0], messageIncludes: '1 host-aware rule did not run (PGV603): describe the server with --hba' },
    { name: 'only the RAM missing', conf: '# nothing set\n', host: { cores: 4, storage: 'ssd', replicas: 1 }, hba, lines: [0], messageIncludes: 'describe the server with --ram,' },
    { name: 'a suppression comment does not silence it', conf: '# pgvet-disable-file PGV900\n', lines: [0] },
  ],
} satisfies RuleCases;
