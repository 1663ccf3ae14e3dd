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
import PGV901 from './PGV901-unused-suppression/rule.js';

export const RULES: readonly Rule[] = [
  PGV001, PGV002, PGV003, PGV004, PGV005, PGV006, PGV007, PGV008, PGV009,
  PGV010, PGV011, PGV012, PGV013, PGV014, PGV015, PGV016, PGV017,
  PGV901,
] as Rule[];
