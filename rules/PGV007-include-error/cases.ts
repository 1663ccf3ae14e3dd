import type { RuleCases } from '../../src/engine/cases.js';

/** main → f1.conf → … → fN.conf: fN is read at nesting depth N. */
function chain(n: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 1; i <= n; i++) files[`f${i}.conf`] = i < n ? `include 'f${i + 1}.conf'\n` : 'work_mem = 8MB\n';
  return files;
}

/** main → (p1.conf → … → pP.conf →) include_dir d1 → d1/a.conf → include_dir ../d2 → … → dN/a.conf */
function dirChain(n: number, plain = 0): { conf: string; files: Record<string, string> } {
  const files: Record<string, string> = {};
  const directive = (i: number): string => `include_dir '${i === 1 ? '' : '../'}d${i}'\n`;
  for (let i = 1; i <= n; i++) files[`d${i}/a.conf`] = i < n ? directive(i + 1) : 'work_mem = 8MB\n';
  let conf = directive(1);
  for (let i = plain; i >= 1; i--) {
    files[`p${i}.conf`] = conf;
    conf = `include 'p${i}.conf'\n`;
  }
  return { conf, files };
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
    { name: '7 nested include_dir: 15 files and directories open at once', ...dirChain(7) },
    { name: '8 nested include_dir: from 16 the directories are closed before their files are read', ...dirChain(8), versions: [16, 17, 18] },
    { name: 'a missing absolute path depends on the host: PGV015, not this rule', conf: "include '/etc/postgresql/pgvet-missing.conf'\n" },
  ],
  invalid: [
    { name: '13–15 keep each include_dir open: 8 nested ones need 17 descriptors, 16 are allowed', ...dirChain(8), versions: [13, 14, 15], lines: [1], messageIncludes: 'exceeded maxAllocatedDescs (16) while trying to open file' },
    { name: 'the 17th descriptor is a directory', ...dirChain(8, 1), versions: [13, 14, 15], lines: [1], messageIncludes: 'while trying to open directory' },
    { name: 'plain includes count too: 2 of them and 7 include_dir', ...dirChain(7, 2), versions: [13, 14, 15], lines: [1] },
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
