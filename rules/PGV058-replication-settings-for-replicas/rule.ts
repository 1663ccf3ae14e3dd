import { defineRule } from '../../src/engine/types.js';

/**
 * A platform check: it runs on a carrier's server model (src/carriers/checks.ts, with the
 * platform facts of src/carriers/platforms/*.json), not on a postgresql.conf, so check() has
 * nothing to read in a plain configuration file. The metadata and messages live here.
 */
export default defineRule<'walLevel' | 'walLogHints' | 'slots'>({
  meta: {
    id: 'PGV058',
    name: 'replication-settings-for-replicas',
    description: "Replication settings against the replica count the document declares (and the platform rules that depend on it).",
    defaultSeverity: 'warning',
    messages: {
      walLevel: (d) => `wal_level = '${d.value}' with ${d.instances} instances is rejected by the CloudNativePG webhook: replicas need ${d.levels}`,
      walLogHints: (d) => `wal_log_hints = '${d.value}' with ${d.instances} instances is rejected by the CloudNativePG webhook: it must be ${d.required} (pg_rewind after a failover)`,
      slots: (d) => `max_replication_slots = ${d.value} but ${d.platform} keeps a replication slot for each of the ${d.replicas} replicas (${d.switch}, on by default): the replicas past ${d.value} run without one and can lose the WAL they need`,
    },
  },
  check: () => [],
});
