/** Every rule, in code order. A contract test checks this list against the folders. */
import type { Rule } from '../src/engine/types.js';
import PGV001 from './PGV001-syntax-error/rule.js';
import PGV002 from './PGV002-unknown-parameter/rule.js';
import PGV003 from './PGV003-removed-parameter/rule.js';
import PGV004 from './PGV004-invalid-value/rule.js';
import PGV005 from './PGV005-invalid-unit/rule.js';
import PGV006 from './PGV006-value-out-of-range/rule.js';
import PGV007 from './PGV007-include-error/rule.js';
import PGV008 from './PGV008-duplicate-setting/rule.js';
import PGV009 from './PGV009-parameter-not-settable/rule.js';
import PGV010 from './PGV010-wal-level-minimal-conflict/rule.js';
import PGV011 from './PGV011-reserved-connections/rule.js';
import PGV012 from './PGV012-too-many-backends/rule.js';
import PGV013 from './PGV013-wal-size-below-two-segments/rule.js';
import PGV014 from './PGV014-build-dependent-value/rule.js';
import PGV015 from './PGV015-host-dependent-value/rule.js';
import PGV016 from './PGV016-shadowed-invalid-value/rule.js';
import PGV017 from './PGV017-autovacuum-workers-exceed-slots/rule.js';
import PGV018 from './PGV018-listen-sockets/rule.js';
import PGV101 from './PGV101-shared-buffers-too-small/rule.js';
import PGV102 from './PGV102-shared-buffers-too-large/rule.js';
import PGV103 from './PGV103-huge-pages/rule.js';
import PGV104 from './PGV104-work-mem-exposure/rule.js';
import PGV105 from './PGV105-maintenance-work-mem-too-large/rule.js';
import PGV106 from './PGV106-effective-cache-size/rule.js';
import PGV107 from './PGV107-worst-case-memory/rule.js';
import PGV108 from './PGV108-os-cache-squeezed/rule.js';
import PGV201 from './PGV201-max-connections-high/rule.js';
import PGV202 from './PGV202-no-superuser-reserved-connections/rule.js';
import PGV203 from './PGV203-worker-processes-too-few/rule.js';
import PGV204 from './PGV204-parallel-workers-over-cores/rule.js';
import PGV205 from './PGV205-process-limit/rule.js';
import PGV301 from './PGV301-wal-senders-for-replicas/rule.js';
import PGV401 from './PGV401-autovacuum-workers/rule.js';
import PGV402 from './PGV402-autovacuum-memory/rule.js';
import PGV403 from './PGV403-autovacuum-off/rule.js';
import PGV501 from './PGV501-planner-costs-for-storage/rule.js';
import PGV601 from './PGV601-listen-all-without-ssl/rule.js';
import PGV602 from './PGV602-md5-password-encryption/rule.js';
import PGV603 from './PGV603-hba-weak-authentication/rule.js';
import PGV604 from './PGV604-durability-off/rule.js';
import PGV900 from './PGV900-host-facts-missing/rule.js';
import PGV901 from './PGV901-unused-suppression/rule.js';

export const RULES: readonly Rule[] = [
  PGV001, PGV002, PGV003, PGV004, PGV005, PGV006, PGV007, PGV008, PGV009, PGV010, PGV011, PGV012, PGV013, PGV014, PGV015, PGV016, PGV017, PGV018, PGV101, PGV102, PGV103, PGV104, PGV105, PGV106, PGV107, PGV108, PGV201, PGV202, PGV203, PGV204, PGV205, PGV301, PGV401, PGV402, PGV403, PGV501, PGV601, PGV602, PGV603, PGV604, PGV900, PGV901,
] as Rule[];
