import type { CarrierCases } from '../../src/carriers/cases.js';

/** Carrier documents for PGV058, run through the carrier reader and the platform checks (test/rules.test.ts). */
export default {
  carrier: true,
  valid: [
    { name: "CNPG: one instance may run wal_level minimal", text: "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: db\nspec:\n  instances: 1\n  imageName: ghcr.io/cloudnative-pg/postgresql:17.2\n  postgresql:\n    parameters:\n      wal_level: \"minimal\"\n      max_wal_senders: \"0\"\n      wal_log_hints: \"off\"\n  resources:\n    requests:\n      memory: 1Gi\n    limits:\n      memory: 4Gi\n  storage:\n    size: 20Gi\n" },
    { name: "Zalando: a slot for each of 5 replicas", text: "apiVersion: acid.zalan.do/v1\nkind: postgresql\nmetadata:\n  name: acid-db\nspec:\n  numberOfInstances: 6\n  postgresql:\n    version: \"16\"\n    parameters:\n      max_replication_slots: \"5\"\n  volume:\n    size: 20Gi\n" },
  ],
  invalid: [
    { name: "CNPG: wal_level minimal and wal_log_hints off with 3 instances", text: "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: db\nspec:\n  instances: 3\n  imageName: ghcr.io/cloudnative-pg/postgresql:17.2\n  postgresql:\n    parameters:\n      wal_level: \"minimal\"\n      max_wal_senders: \"0\"\n      wal_log_hints: \"off\"\n  resources:\n    requests:\n      memory: 1Gi\n    limits:\n      memory: 4Gi\n  storage:\n    size: 20Gi\n", findings: ["10:18 walLevel", "12:22 walLogHints"], data: {"value": "minimal", "instances": 3} },
    { name: "Zalando: 4 slots for 5 replicas", text: "apiVersion: acid.zalan.do/v1\nkind: postgresql\nmetadata:\n  name: acid-db\nspec:\n  numberOfInstances: 6\n  postgresql:\n    version: \"16\"\n    parameters:\n      max_replication_slots: \"4\"\n  volume:\n    size: 20Gi\n", findings: ["10:30 slots"], data: {"value": 4, "platform": "Patroni", "replicas": 5} },
  ],
} satisfies CarrierCases;
