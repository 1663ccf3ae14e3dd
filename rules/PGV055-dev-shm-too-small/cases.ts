import type { CarrierCases } from '../../src/carriers/cases.js';

/** Carrier documents for PGV055, run through the carrier reader and the platform checks (test/rules.test.ts). */
export default {
  carrier: true,
  valid: [
    { name: "compose: shm_size large enough", text: "services:\n  db:\n    image: postgres:16\n    command: postgres -c work_mem=16MB\n    shm_size: 512mb\n" },
    { name: "compose: no parallel workers per gather", text: "services:\n  db:\n    image: postgres:16\n    command: postgres -c work_mem=16MB -c max_parallel_workers_per_gather=0\n" },
    { name: "compose: System V dynamic shared memory does not use /dev/shm", text: "services:\n  db:\n    image: postgres:16\n    command: postgres -c work_mem=16MB -c dynamic_shared_memory_type=sysv\n" },
  ],
  invalid: [
    { name: "compose: Docker's 64MB default", text: "services:\n  db:\n    image: postgres:16\n    command: postgres -c work_mem=16MB\n", findings: ["2:3 small"], data: {"size": "Docker's default of 64MB", "need": "384MB"} },
    { name: "CNPG: ephemeralVolumesSizeLimit.shm too small", text: "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: db\nspec:\n  instances: 3\n  imageName: ghcr.io/cloudnative-pg/postgresql:17.2\n  postgresql:\n    parameters:\n      max_parallel_workers: \"4\"\n      work_mem: \"64MB\"\n  resources:\n    requests:\n      memory: 1Gi\n    limits:\n      memory: 4Gi\n  storage:\n    size: 20Gi\n  ephemeralVolumesSizeLimit:\n    shm: 128Mi\n", findings: ["20:10 small"], data: {"size": "128Mi (128MB)", "need": "768MB"} },
  ],
} satisfies CarrierCases;
