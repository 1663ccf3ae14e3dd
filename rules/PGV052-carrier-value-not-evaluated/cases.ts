import type { CarrierCases } from '../../src/carriers/cases.js';

/** Carrier documents for PGV052, run through the carrier reader and the platform checks (test/rules.test.ts). */
export default {
  carrier: true,
  valid: [
    { name: "Patroni: a literal", text: "scope: demo\nbootstrap:\n  dcs:\n    postgresql:\n      parameters:\n        shared_buffers: \"1GB\"\npostgresql:\n  bin_dir: /usr/lib/postgresql/16/bin\n  parameters:\n\n" },
    { name: "RDS: a literal value", text: "resource \"aws_db_parameter_group\" \"pg\" {\n  name   = \"pg\"\n  family = \"postgres16\"\n  parameter {\n    name  = \"work_mem\"\n    value = \"8192\"\n  }\n}\n\nresource \"aws_db_instance\" \"db\" {\n  instance_class       = \"db.r6g.large\"\n  parameter_group_name = aws_db_parameter_group.pg.name\n}\n" },
    { name: "compose: ${VAR:-100} takes the default, as compose does when the variable is unset", text: "services:\n  db:\n    image: postgres:16\n    command: postgres -c max_connections=${PG_MAX:-100}\n" },
  ],
  invalid: [
    { name: "Patroni: a Jinja expression", text: "scope: demo\nbootstrap:\n  dcs:\n    postgresql:\n      parameters:\n        shared_buffers: \"{{ ram_mb // 4 }}MB\"\npostgresql:\n  bin_dir: /usr/lib/postgresql/16/bin\n  parameters:\n\n", findings: ["6:25 unevaluated"], data: {"name": "shared_buffers", "raw": "\"{{ ram_mb // 4 }}MB\""} },
    { name: "RDS: a Terraform variable", text: "resource \"aws_db_parameter_group\" \"pg\" {\n  name   = \"pg\"\n  family = \"postgres16\"\n  parameter {\n    name  = \"work_mem\"\n    value = var.work_mem\n  }\n}\n\nresource \"aws_db_instance\" \"db\" {\n  instance_class       = \"db.r6g.large\"\n  parameter_group_name = aws_db_parameter_group.pg.name\n}\n", findings: ["6:13 unevaluated"], data: {"name": "work_mem", "raw": "var.work_mem"} },
  ],
} satisfies CarrierCases;
