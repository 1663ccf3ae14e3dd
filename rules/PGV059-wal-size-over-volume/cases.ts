import type { CarrierCases } from '../../src/carriers/cases.js';

/** Carrier documents for PGV059, run through the carrier reader and the platform checks (test/rules.test.ts). */
export default {
  carrier: true,
  valid: [
    { name: "CNPG: max_wal_size below walStorage.size", text: "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: db\nspec:\n  instances: 3\n  imageName: ghcr.io/cloudnative-pg/postgresql:17.2\n  postgresql:\n    parameters:\n      max_wal_size: \"512MB\"\n  resources:\n    requests:\n      memory: 1Gi\n    limits:\n      memory: 4Gi\n  storage:\n    size: 20Gi\n  walStorage:\n    size: 1Gi\n" },
    { name: "Zalando: the defaults on a 1Gi sample volume (max_wal_size is a soft target)", text: "apiVersion: acid.zalan.do/v1\nkind: postgresql\nmetadata:\n  name: acid-db\nspec:\n  numberOfInstances: 2\n  postgresql:\n    version: \"16\"\n    parameters:\n      work_mem: \"8MB\"\n  volume:\n    size: 1Gi\n" },
    { name: "CNPG: the operator's defaults on a 1Gi storage (no walStorage)", text: "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: db\nspec:\n  instances: 3\n  imageName: ghcr.io/cloudnative-pg/postgresql:17.2\n  postgresql:\n    parameters:\n      work_mem: \"8MB\"\n  resources:\n    requests:\n      memory: 1Gi\n    limits:\n      memory: 4Gi\n  storage:\n    size: 1Gi\n" },
  ],
  invalid: [
    { name: "CNPG: max_wal_size at walStorage.size is refused", text: "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: db\nspec:\n  instances: 3\n  imageName: ghcr.io/cloudnative-pg/postgresql:17.2\n  postgresql:\n    parameters:\n      max_wal_size: \"2GB\"\n  resources:\n    requests:\n      memory: 1Gi\n    limits:\n      memory: 4Gi\n  storage:\n    size: 20Gi\n  walStorage:\n    size: 1Gi\n", findings: ["10:21 walStorage"], data: {"name": "max_wal_size", "size": "2GB", "volume": "1Gi"} },
    { name: "CNPG: min_wal_size not below max_wal_size", text: "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: db\nspec:\n  instances: 3\n  imageName: ghcr.io/cloudnative-pg/postgresql:17.2\n  postgresql:\n    parameters:\n      max_wal_size: \"512MB\"\n      min_wal_size: \"600MB\"\n  resources:\n    requests:\n      memory: 1Gi\n    limits:\n      memory: 4Gi\n  storage:\n    size: 20Gi\n  walStorage:\n    size: 1Gi\n", findings: ["11:21 minNotBelowMax"], data: {"min": "600MB", "max": "512MB"} },
    { name: "Zalando: a max_wal_size the document sets over its volume", text: "apiVersion: acid.zalan.do/v1\nkind: postgresql\nmetadata:\n  name: acid-db\nspec:\n  numberOfInstances: 2\n  postgresql:\n    version: \"16\"\n    parameters:\n      max_wal_size: \"2GB\"\n  volume:\n    size: 1Gi\n", findings: ["10:21 volume"], data: {"max": "2GB", "volume": "1Gi"} },
    { name: "Zalando: wal_keep_size alone over the volume", text: "apiVersion: acid.zalan.do/v1\nkind: postgresql\nmetadata:\n  name: acid-db\nspec:\n  numberOfInstances: 2\n  postgresql:\n    version: \"16\"\n    parameters:\n      wal_keep_size: \"2GB\"\n  volume:\n    size: 1Gi\n", findings: ["10:22 volume"], data: {"max": "1GB", "volume": "1Gi"} },
  ],
} satisfies CarrierCases;
