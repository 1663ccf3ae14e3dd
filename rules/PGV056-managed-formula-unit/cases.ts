import type { CarrierCases } from '../../src/carriers/cases.js';

/** Carrier documents for PGV056, run through the carrier reader and the platform checks (test/rules.test.ts). */
export default {
  carrier: true,
  valid: [
    { name: "RDS: /32768 on shared_buffers is a quarter of the memory", text: "resource \"aws_db_parameter_group\" \"pg\" {\n  name   = \"pg\"\n  family = \"postgres16\"\n  parameter {\n    name  = \"shared_buffers\"\n    value = \"{DBInstanceClassMemory/32768}\"\n    apply_method = \"pending-reboot\"\n  }\n}\n\nresource \"aws_db_instance\" \"db\" {\n  instance_class       = \"db.r6g.large\"\n  parameter_group_name = aws_db_parameter_group.pg.name\n}\n" },
    { name: "RDS: /1024 on work_mem (kB) is not above the memory", text: "resource \"aws_db_parameter_group\" \"pg\" {\n  name   = \"pg\"\n  family = \"postgres16\"\n  parameter {\n    name  = \"work_mem\"\n    value = \"{DBInstanceClassMemory/1024}\"\n  }\n}\n\nresource \"aws_db_instance\" \"db\" {\n  instance_class       = \"db.r6g.large\"\n  parameter_group_name = aws_db_parameter_group.pg.name\n}\n" },
  ],
  invalid: [
    { name: "RDS: /4 on shared_buffers is 2048× the memory", text: "resource \"aws_db_parameter_group\" \"pg\" {\n  name   = \"pg\"\n  family = \"postgres16\"\n  parameter {\n    name  = \"shared_buffers\"\n    value = \"{DBInstanceClassMemory/4}\"\n    apply_method = \"pending-reboot\"\n  }\n}\n\nresource \"aws_db_instance\" \"db\" {\n  instance_class       = \"db.r6g.large\"\n  parameter_group_name = aws_db_parameter_group.pg.name\n}\n", findings: ["6:13 formula"], data: {"name": "shared_buffers", "value": "{DBInstanceClassMemory/4}", "unit": "8kB", "times": 2048} },
    { name: "RDS: /512 on work_mem is twice the memory per sort", text: "resource \"aws_db_parameter_group\" \"pg\" {\n  name   = \"pg\"\n  family = \"postgres16\"\n  parameter {\n    name  = \"work_mem\"\n    value = \"{DBInstanceClassMemory/512}\"\n  }\n}\n\nresource \"aws_db_instance\" \"db\" {\n  instance_class       = \"db.r6g.large\"\n  parameter_group_name = aws_db_parameter_group.pg.name\n}\n", findings: ["6:13 formula"], data: {"name": "work_mem", "value": "{DBInstanceClassMemory/512}", "unit": "kB", "times": 2} },
  ],
} satisfies CarrierCases;
