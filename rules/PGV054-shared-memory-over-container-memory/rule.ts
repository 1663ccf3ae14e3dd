import { defineRule } from '../../src/engine/types.js';

/**
 * A platform check: it runs on a carrier's server model (src/carriers/checks.ts, with the
 * platform facts of src/carriers/platforms/*.json), not on a postgresql.conf, so check() has
 * nothing to read in a plain configuration file. The metadata and messages live here.
 */
export default defineRule<'request' | 'limit' | 'shm'>({
  meta: {
    id: 'PGV054',
    name: 'shared-memory-over-container-memory',
    description: "The server's shared memory against the container's memory limit and request (CloudNativePG refuses shared_buffers above the request).",
    defaultSeverity: 'warning',
    messages: {
      request: (d) => `shared_buffers = '${d.value}' is rejected by the CloudNativePG webhook: "${d.webhook}" (${d.bytes}${d.unitless ? `, as the webhook reads a unit-less value in ${d.unitless}; PostgreSQL reads it as 8kB pages` : ''} > ${d.request} at ${d.requestAt})`,
      limit: (d) => `the server's shared memory is ${d.shared} (the simulator's figure: shared_buffers${d.sharedBuffers ? ` ${d.sharedBuffers}` : ''} and the rest of the main segment), ${d.percent}% of the container's memory limit ${d.limit}: the kernel kills the server (OOM) once the buffers fill`,
      shm: (d) => `shared memory ${d.shared} plus the memory-backed /dev/shm of ${d.shm} is more than the container's memory limit ${d.limit}: pages written to /dev/shm are charged to the container`,
    },
  },
  check: () => [],
});
