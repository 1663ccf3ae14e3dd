import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'each parameter once', conf: 'shared_buffers = 1GB\nwork_mem = 8MB\nmaintenance_work_mem = 256MB\n' },
    { name: 'commented-out defaults do not count', conf: '#work_mem = 4MB\nwork_mem = 8MB\n#work_mem = 16MB\n' },
    { name: 'include directives may repeat', conf: "include_if_exists 'a.conf'\ninclude_if_exists 'a.conf'\n" },
    { name: 'an included file and the main file set different parameters', conf: "work_mem = 8MB\ninclude 'extra.conf'\n", files: { 'extra.conf': 'maintenance_work_mem = 256MB\n' } },
  ],
  invalid: [
    { name: 'the same line twice: the first has no effect', conf: 'work_mem = 4MB\nshared_buffers = 1GB\nwork_mem = 8MB\n', lines: [1], messageIncludes: 'set again at line 3' },
    { name: 'three times: the first two have no effect', conf: 'work_mem = 4MB\nwork_mem = 8MB\nwork_mem = 16MB\n', lines: [1, 2] },
    { name: 'names differ only in case', conf: 'WORK_MEM = 4MB\nwork_mem = 8MB\n', lines: [1] },
    { name: 'an alias and its parameter', conf: 'sort_mem = 4096\nwork_mem = 8MB\n', lines: [1] },
    { name: 'the main file is overridden by an included file', conf: "work_mem = 4MB\ninclude 'extra.conf'\n", files: { 'extra.conf': 'work_mem = 8MB\n' }, lines: [1], messageIncludes: 'extra.conf:1' },
    { name: 'an include_dir file is overridden by a later line of the main file', conf: "include_dir 'conf.d'\nwork_mem = 16MB\n", files: { 'conf.d/memory.conf': 'work_mem = 8MB\n' }, lines: [1] },
  ],
} satisfies RuleCases;
