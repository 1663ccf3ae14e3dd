import { defineRule } from '../../src/engine/types.js';

/**
 * A platform check: it runs on a carrier's server model (src/carriers/checks.ts, with the
 * platform facts of src/carriers/platforms/*.json), not on a postgresql.conf, so check() has
 * nothing to read in a plain configuration file. The metadata and messages live here.
 */
export default defineRule<'small'>({
  meta: {
    id: 'PGV055',
    name: 'dev-shm-too-small',
    description: "/dev/shm (64MB by default in Docker) is smaller than the dynamic shared memory the parallel queries the settings allow can take.",
    defaultSeverity: 'warning',
    messages: {
      small: (d) => `/dev/shm is ${d.size}, and the parallel queries these settings allow need up to ${d.need} there: ${d.concurrent} at once (max_parallel_workers ${d.pool} / ${d.perGather} per gather) × a parallel hash of (${d.perGather} workers + the leader) × work_mem ${d.workMem} × hash_mem_multiplier ${d.hashMult}; past it queries fail with "could not resize shared memory segment … No space left on device"`,
    },
  },
  check: () => [],
});
