import type { RuleCases } from '../../src/engine/cases.js';

/** main → f1.conf → … → fN.conf: fN is read at nesting depth N. */
function chain(n: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 1; i <= n; i++) files[`f${i}.conf`] = i < n ? `include 'f${i + 1}.conf'\n` : 'work_mem = 8MB\n';
  return files;
}

export default {
  valid: [
    { name: 'an include relative to the main file', conf: "include 'extra.conf'\n", files: { 'extra.conf': 'work_mem = 8MB\n' } },
    { name: 'directive names are case-insensitive and may take =', conf: "INCLUDE 'a.conf'\ninclude = 'b.conf'\n", files: { 'a.conf': 'work_mem = 8MB\n', 'b.conf': 'maintenance_work_mem = 64MB\n' } },
    { name: 'an unquoted path with a slash', conf: 'include sub/extra.conf\n', files: { 'sub/extra.conf': 'work_mem = 8MB\n' } },
    { name: 'a nested include is relative to the including file', conf: "include 'sub/a.conf'\n", files: { 'sub/a.conf': "include 'b.conf'\n", 'sub/b.conf': 'work_mem = 8MB\n' } },
    { name: 'include_if_exists of a missing file is skipped', conf: "include_if_exists 'missing.conf'\nwork_mem = 8MB\n" },
    {
      name: 'include_dir reads *.conf only: not hidden files, other suffixes, upper-case .CONF or sub-directories',
      conf: "include_dir 'conf.d'\n",
      files: {
        'conf.d/01-memory.conf': 'work_mem = 8MB\n',
        'conf.d/02-wal.conf': 'max_wal_size = 2GB\n',
        'conf.d/.hidden.conf': "include 'missing.conf'\n",
        'conf.d/x.CONF': "include 'missing.conf'\n",
        'conf.d/old.conf.bak': "include 'missing.conf'\n",
        'conf.d/zzz.conf/inner.conf': 'work_mem = 4MB\n',
      },
    },
    { name: 'include_dir of a directory with no .conf file', conf: "include_dir 'conf.d'\n", files: { 'conf.d/README': 'nothing here\n' } },
    { name: 'a chain of 10 nested includes', conf: "include 'f1.conf'\n", files: chain(10) },
    { name: 'a missing absolute path depends on the host: PGV015, not this rule', conf: "include '/etc/postgresql/pgvet-missing.conf'\n" },
  ],
  invalid: [
    { name: 'a missing file', conf: "work_mem = 8MB\ninclude 'missing.conf'\n", lines: [2], messageIncludes: 'could not open configuration file "/case/missing.conf": No such file or directory' },
    { name: 'a nested include is not relative to the main file', conf: "include 'sub/a.conf'\n", files: { 'sub/a.conf': "# b.conf is beside postgresql.conf, not in sub/\ninclude 'b.conf'\n", 'b.conf': 'work_mem = 8MB\n' }, lines: [2] },
    { name: 'a missing directory', conf: "include_dir 'conf.d'\n", lines: [1], messageIncludes: 'could not open configuration directory' },
    { name: 'an include of a directory', conf: "include 'conf.d'\n", files: { 'conf.d/a.conf': 'work_mem = 8MB\n' }, lines: [1] },
    { name: 'an empty file name', conf: "include ''\n", lines: [1], messageIncludes: 'empty configuration file name' },
    { name: 'an empty directory name', conf: "include_dir ''\n", lines: [1], messageIncludes: 'empty configuration directory name' },
    { name: 'a chain of 11 nested includes', conf: "include 'f1.conf'\n", files: chain(11), lines: [1], messageIncludes: 'maximum nesting depth exceeded' },
    { name: 'a file that includes itself', conf: "work_mem = 8MB\ninclude 'postgresql.conf'\n", lines: [2], messageIncludes: 'configuration file recursion' },
    { name: 'an indirect cycle hits the depth limit', conf: "include 'a.conf'\n", files: { 'a.conf': "include 'b.conf'\n", 'b.conf': "include 'a.conf'\n" }, lines: [1], messageIncludes: 'maximum nesting depth exceeded' },
    { name: 'a missing file included from a file in include_dir', conf: "include_dir 'conf.d'\n", files: { 'conf.d/10-extra.conf': "work_mem = 8MB\ninclude 'missing.conf'\n" }, lines: [2] },
  ],
} satisfies RuleCases;
