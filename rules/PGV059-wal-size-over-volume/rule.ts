import { defineRule } from '../../src/engine/types.js';

/**
 * A platform check: it runs on a carrier's server model (src/carriers/checks.ts, with the
 * platform facts of src/carriers/platforms/*.json), not on a postgresql.conf, so check() has
 * nothing to read in a plain configuration file. The metadata and messages live here.
 */
export default defineRule<'minNotBelowMax' | 'walStorage' | 'volume'>({
  meta: {
    id: 'PGV059',
    name: 'wal-size-over-volume',
    description: "WAL sizes set in the document against the volume it declares (CloudNativePG refuses max_wal_size at or above walStorage.size).",
    defaultSeverity: 'warning',
    messages: {
      minNotBelowMax: (d) => `min_wal_size ${d.min} is not below max_wal_size ${d.max}: rejected by the CloudNativePG webhook ("${d.webhook}")`,
      walStorage: (d) => `${d.name} ${d.size} is not below walStorage.size ${d.volume}: rejected by the CloudNativePG webhook ("${d.webhook}")`,
      volume: (d) => `max_wal_size ${d.max}${d.keep ? ` + wal_keep_size ${d.keep}` : ''} = ${d.total} of WAL can be kept, and the ${d.kind} volume is ${d.volume}: the volume fills and PostgreSQL stops (PANIC: could not write to file "pg_wal/…": No space left on device)`,
    },
  },
  check: () => [],
});
