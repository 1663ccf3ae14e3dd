import type { CarrierCases } from '../../src/carriers/cases.js';
const GB = 1024 ** 3;

/** Carrier documents for PGV060, run through the carrier reader and the platform checks (test/rules.test.ts). */
export default {
  carrier: true,
  valid: [
    { name: "the flag agrees with the document", text: "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: db\nspec:\n  instances: 3\n  imageName: ghcr.io/cloudnative-pg/postgresql:17.2\n  postgresql:\n    parameters:\n      work_mem: \"8MB\"\n  resources:\n    requests:\n      memory: 1Gi\n    limits:\n      memory: 4Gi\n  storage:\n    size: 20Gi\n", version: 17, host: { ramBytes: 4 * GB } },
    { name: "no flags", text: "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: db\nspec:\n  instances: 3\n  imageName: ghcr.io/cloudnative-pg/postgresql:17.2\n  postgresql:\n    parameters:\n      work_mem: \"8MB\"\n  resources:\n    requests:\n      memory: 1Gi\n    limits:\n      memory: 4Gi\n  storage:\n    size: 20Gi\n" },
  ],
  invalid: [
    { name: "--pg-version 16 against an image of 17", text: "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: db\nspec:\n  instances: 3\n  imageName: ghcr.io/cloudnative-pg/postgresql:17.2\n  postgresql:\n    parameters:\n      work_mem: \"8MB\"\n  resources:\n    requests:\n      memory: 1Gi\n    limits:\n      memory: 4Gi\n  storage:\n    size: 20Gi\n", version: 16, findings: ["7:14 version"], data: {"flag": 16, "stated": 17, "raw": "ghcr.io/cloudnative-pg/postgresql:17.2"} },
    { name: "--ram against the memory limit", text: "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: db\nspec:\n  instances: 3\n  imageName: ghcr.io/cloudnative-pg/postgresql:17.2\n  postgresql:\n    parameters:\n      work_mem: \"8MB\"\n  resources:\n    requests:\n      memory: 1Gi\n    limits:\n      memory: 4Gi\n  storage:\n    size: 20Gi\n", host: { ramBytes: 8 * GB }, findings: ["15:15 host"], data: {"flag": "--ram", "given": "8GB", "own": "4GB"} },
  ],
} satisfies CarrierCases;
