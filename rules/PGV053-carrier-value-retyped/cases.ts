import type { CarrierCases } from '../../src/carriers/cases.js';

/** Carrier documents for PGV053, run through the carrier reader and the platform checks (test/rules.test.ts). */
export default {
  carrier: true,
  valid: [
    { name: "Patroni: quoted on and a quoted command", text: "scope: demo\nbootstrap:\n  dcs:\n    postgresql:\n      parameters:\n        log_connections: \"on\"\n        archive_command: \"/bin/true\"\npostgresql:\n  bin_dir: /usr/lib/postgresql/16/bin\n  parameters:\n\n" },
    { name: "Patroni: a plain integer stays what it says", text: "scope: demo\nbootstrap:\n  dcs:\n    postgresql:\n      parameters:\n        max_connections: 200\npostgresql:\n  bin_dir: /usr/lib/postgresql/16/bin\n  parameters:\n\n" },
  ],
  invalid: [
    { name: "Patroni: YAML 1.1 on and ~ become True and None", text: "scope: demo\nbootstrap:\n  dcs:\n    postgresql:\n      parameters:\n        log_connections: on\n        archive_command: ~\npostgresql:\n  bin_dir: /usr/lib/postgresql/16/bin\n  parameters:\n\n", findings: ["6:26 retyped", "7:26 retyped"], data: {"name": "log_connections", "raw": "on", "platform": "Patroni"} },
  ],
} satisfies CarrierCases;
