import type { CarrierCases } from '../../src/carriers/cases.js';

/** Carrier documents for PGV054, run through the carrier reader and the platform checks (test/rules.test.ts). */
export default {
  carrier: true,
  valid: [
    { name: "CNPG: shared_buffers at the memory request", text: "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: db\nspec:\n  instances: 3\n  imageName: ghcr.io/cloudnative-pg/postgresql:17.2\n  postgresql:\n    parameters:\n      shared_buffers: \"1GB\"\n  resources:\n    requests:\n      memory: 1Gi\n    limits:\n      memory: 4Gi\n  storage:\n    size: 20Gi\n" },
    { name: "CNPG: a unit-less value the webhook reads as 1024MB", text: "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: db\nspec:\n  instances: 3\n  imageName: ghcr.io/cloudnative-pg/postgresql:17.2\n  postgresql:\n    parameters:\n      shared_buffers: \"1024\"\n  resources:\n    requests:\n      memory: 1Gi\n    limits:\n      memory: 4Gi\n  storage:\n    size: 20Gi\n" },
    { name: "compose: 64MB of buffers under a 256m limit", text: "services:\n  db:\n    image: postgres:16\n    command: postgres -c shared_buffers=64MB\n    mem_limit: 256m\n" },
  ],
  invalid: [
    { name: "CNPG: shared_buffers above the request", text: "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: db\nspec:\n  instances: 3\n  imageName: ghcr.io/cloudnative-pg/postgresql:17.2\n  postgresql:\n    parameters:\n      shared_buffers: \"2GB\"\n  resources:\n    requests:\n      memory: 1Gi\n    limits:\n      memory: 4Gi\n  storage:\n    size: 20Gi\n", findings: ["10:23 request"], data: {"value": "2GB", "bytes": "2GB", "request": "1Gi"} },
    { name: "CNPG: 16384 is 16GB to the webhook", text: "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: db\nspec:\n  instances: 3\n  imageName: ghcr.io/cloudnative-pg/postgresql:17.2\n  postgresql:\n    parameters:\n      shared_buffers: \"16384\"\n  resources:\n    requests:\n      memory: 1Gi\n    limits:\n      memory: 4Gi\n  storage:\n    size: 20Gi\n", findings: ["10:23 request"], data: {"value": "16384", "bytes": "16GB", "request": "1Gi"} },
    { name: "compose: the shared memory over mem_limit", text: "services:\n  db:\n    image: postgres:16\n    command: postgres -c shared_buffers=300MB\n    mem_limit: 256m\n", findings: ["4:41 limit"], data: {"percent": 127, "limit": "256m"} },
  ],
} satisfies CarrierCases;
