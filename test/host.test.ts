/**
 * The host spec: sizes and CPU counts as people write them, host files checked by the schema
 * (one-line errors with the JSON path), and --host auto on fake /proc and cgroup v1/v2 trees.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hostAuto } from '../src/host/auto.js';
import { hostFromFile, hostFromFlags, mergeHost } from '../src/host/host.js';
import { HostError } from '../src/host/types.js';
import { parseCores, parseSize } from '../src/host/units.js';
import { WORKLOAD_PROFILES } from '../src/host/workloads.js';
import { InputError } from '../src/resolve/load.js';

const KiB = 1024;
const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
const TiB = 1024 ** 4;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvet-host-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Write a tree of files under a fresh directory: { 'a/b': 'content' }. */
function tree(name: string, files: Record<string, string>): string {
  const root = path.join(dir, name);
  for (const [p, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    fs.writeFileSync(path.join(root, p), content);
  }
  fs.mkdirSync(root, { recursive: true });
  return root;
}

describe('parseSize', () => {
  test.each([
    ['16GB', 16 * GiB],
    ['512MB', 512 * MiB],
    ['1.5TB', 1.5 * TiB],
    ['64kB', 64 * KiB],
    ['16gb', 16 * GiB],
    ['16 GB', 16 * GiB],
    ['16Gi', 16 * GiB],
    ['512Mi', 512 * MiB],
    ['1Ti', TiB],
    ['8Ki', 8 * KiB],
    ['16G', 16e9],
    ['500M', 500e6],
    ['2T', 2e12],
    ['1K', 1000],
    ['1k', 1000],
    ['1073741824', GiB],
    [1073741824, GiB],
  ])('%s', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  test.each(['', 'GB', '16 XB', '-1GB', '0', '0GB', '16m', '1.5', 'sixteen'])('rejects %j', (text) => {
    expect(() => parseSize(text)).toThrow(HostError);
  });

  test('the message says what to write', () => {
    expect(() => parseSize('16XB')).toThrow(/unknown unit "XB"/);
  });
});

describe('parseCores', () => {
  test.each([
    ['8', 8],
    ['2.5', 2.5],
    ['1500m', 1.5],
    ['250m', 0.25],
    [4, 4],
  ])('%s', (text, cores) => {
    expect(parseCores(text)).toBe(cores);
  });
  test.each(['0', '0m', '-2', 'two', '8 cores', ''])('rejects %j', (text) => {
    expect(() => parseCores(text)).toThrow(HostError);
  });
});

describe('hostFromFlags', () => {
  test('every flag', () => {
    expect(hostFromFlags({ ram: '16GB', cores: '1500m', storage: 'nvme', workload: 'oltp', connections: '200', replicas: 2 })).toEqual({
      source: 'flags',
      ramBytes: 16 * GiB,
      cores: 1.5,
      storage: 'nvme',
      workload: 'oltp',
      connections: 200,
      replicas: 2,
    });
  });
  test('bad values are HostErrors naming the flag', () => {
    expect(() => hostFromFlags({ storage: 'floppy' })).toThrow(/--storage.*ssd, nvme, hdd, san/);
    expect(() => hostFromFlags({ connections: '0' })).toThrow(/--connections/);
    expect(() => hostFromFlags({ replicas: '1.5' })).toThrow(/--replicas/);
  });
  test('flags override a file', () => {
    expect(mergeHost({ source: 'file', ramBytes: GiB, cores: 2 }, { source: 'flags', cores: 8 })).toEqual({ source: 'file', ramBytes: GiB, cores: 8 });
  });
});

describe('hostFromFile', () => {
  const write = (name: string, content: string): string => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, content);
    return p;
  };

  test('a full description', () => {
    const p = write('host.json', JSON.stringify({ ram: '64Gi', cores: '3500m', storage: 'ssd', workload: 'dw', connections: 40, replicas: 1, containerLimited: true }));
    expect(hostFromFile(p)).toEqual({ source: 'file', ramBytes: 64 * GiB, cores: 3.5, storage: 'ssd', workload: 'dw', connections: 40, replicas: 1, containerLimited: true });
  });

  test('ram as bytes and cores as a number', () => {
    expect(hostFromFile(write('bytes.json', '{"ram": 8589934592, "cores": 4}'))).toEqual({ source: 'file', ramBytes: 8 * GiB, cores: 4 });
  });

  test.each([
    ['bad-storage', { storage: 'tape' }, ':1:2: $.storage: must be one of ssd, nvme, hdd, san (got "tape")'],
    ['bad-workload', { workload: 'batch' }, ':1:2: $.workload: must be one of web, oltp, dw, mixed, desktop (got "batch")'],
    ['bad-ram', { ram: '16 bananas' }, ':1:2: $.ram: not a valid value (got "16 bananas"); memory the server may use: 16GB, 512MB, 1.5TB (1024-based), 16Gi (Kubernetes, 1024-based), 16G (1000-based), or bytes; at most 1024TB (2^50 bytes), the largest host pgvet sizes for'],
    ['bad-cores', { cores: 'many' }, ':1:2: $.cores: not a valid value (got "many"); CPUs the server may use: 8, 2.5, or Kubernetes millicores "1500m"; at most 100000, the largest host pgvet sizes for'],
    ['zero-cores', { cores: 0 }, ':1:2: $.cores: more than 0 (got 0); CPUs the server may use'],
    ['bad-connections', { connections: 2.5 }, ':1:2: $.connections: must be an integer (got 2.5); expected concurrently active clients'],
    ['negative-replicas', { replicas: -1 }, ':1:2: $.replicas: at least 0 (got -1); streaming replicas this server feeds'],
    // the allowed fields come from host.schema.json
    ['extra-field', { ram: '1GB', disks: 3 }, ':1:14: $.disks: unknown field (allowed: ram, cores, storage, workload, connections, replicas, containerLimited, hugePages, transparentHugePages, walVolume, filesystem, overcommitMemory, overcommitRatio)'],
    ['not-an-object', [1, 2], ':1:1: $: must be an object (got [1,2])'],
    ['bad-hugepages', { hugePages: 'lots' }, ':1:2: $.hugePages: must be a boolean or an integer (got "lots")'],
    ['bad-wal-volume', { walVolume: '3 apples' }, ':1:2: $.walVolume: not a valid value (got "3 apples"); size of the volume that holds pg_wal'],
    ['ram-over-limit', { ram: '2048TB' }, ':1:2: $.ram: more than 1024TB, the largest host pgvet sizes for'],
  ])('%s: one line naming the file and the JSON path', (name, content, message) => {
    const p = write(`${name}.json`, JSON.stringify(content));
    let err: unknown;
    try {
      hostFromFile(p);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    const text = (err as InputError).message;
    expect(text.startsWith(`${p}${message}`)).toBe(true);
    expect(text.split('\n')).toHaveLength(1);
    expect((err as InputError).file).toBe(p);
  });

  test('invalid JSON, an empty file, a missing file, a directory: one line with the line and column where there is one', () => {
    const broken = write('broken.json', '{"ram": ');
    expect(() => hostFromFile(broken)).toThrow(new InputError(broken, `${broken}:1:9: invalid JSON: unexpected end of file`));
    const split = write('split.json', '{\n  "ram": "16GB"\n  "cores": 4\n}\n');
    expect(() => hostFromFile(split)).toThrow(new InputError(split, `${split}:3:3: invalid JSON: expected ',' or '}', found '"'`));
    const empty = write('empty.json', '');
    expect(() => hostFromFile(empty)).toThrow(new InputError(empty, `${empty}:1:1: invalid JSON: the file is empty (expected a JSON value)`));
    // the line of the key, in a file written over several lines
    const lines = write('lines.json', JSON.stringify({ ram: '16GB', cores: 4, storage: 'tape' }, null, 2));
    expect(() => hostFromFile(lines)).toThrow(new InputError(lines, `${lines}:4:3: $.storage: must be one of ssd, nvme, hdd, san (got "tape")`));
    const nope = path.join(dir, 'nope.json');
    expect(() => hostFromFile(nope)).toThrow(new InputError(nope, `cannot read host file ${nope}: No such file or directory`));
    expect(() => hostFromFile(dir)).toThrow(new InputError(dir, `cannot read host file ${dir}: Is a directory`));
  });
});

describe('hostAuto on fake trees', () => {
  const proc = (extra: Record<string, string> = {}): Record<string, string> => ({
    'proc/meminfo': 'MemTotal:       16384000 kB\nMemFree:         1000 kB\n',
    'proc/cpuinfo': Array.from({ length: 8 }, (_, i) => `processor\t: ${i}\nmodel name\t: test\n`).join('\n'),
    ...extra,
  });

  test('no cgroup at all: the machine', () => {
    const root = tree('bare', proc());
    const h = hostAuto({ procRoot: path.join(root, 'proc'), cgroupRoot: path.join(root, 'sys/fs/cgroup') });
    expect(h).toMatchObject({ source: 'auto', ramBytes: 16384000 * 1024, cores: 8, containerLimited: false });
  });

  test('cgroup v2 limits of the own cgroup', () => {
    const root = tree('v2', {
      ...proc({ 'proc/self/cgroup': '0::/kubepods/pod1/ctr\n' }),
      'sys/fs/cgroup/cgroup.controllers': 'cpu memory\n',
      'sys/fs/cgroup/kubepods/pod1/ctr/memory.max': `${2 * GiB}\n`,
      'sys/fs/cgroup/kubepods/pod1/ctr/cpu.max': '150000 100000\n',
    });
    const h = hostAuto({ procRoot: path.join(root, 'proc'), cgroupRoot: path.join(root, 'sys/fs/cgroup') });
    expect(h).toMatchObject({ ramBytes: 2 * GiB, cores: 1.5, containerLimited: true });
    expect(h.notes?.join('\n')).toMatch(/memory\.max/);
  });

  test('cgroup v2 "max" means no limit; a parent limit still applies', () => {
    const root = tree('v2-max', {
      ...proc({ 'proc/self/cgroup': '0::/pod/ctr\n' }),
      'sys/fs/cgroup/cgroup.controllers': '',
      'sys/fs/cgroup/pod/ctr/memory.max': 'max\n',
      'sys/fs/cgroup/pod/ctr/cpu.max': 'max 100000\n',
      'sys/fs/cgroup/pod/memory.max': `${4 * GiB}\n`,
    });
    const h = hostAuto({ procRoot: path.join(root, 'proc'), cgroupRoot: path.join(root, 'sys/fs/cgroup') });
    expect(h).toMatchObject({ ramBytes: 4 * GiB, cores: 8, containerLimited: true });
  });

  test('cgroup v2 with every limit "max"', () => {
    const root = tree('v2-unlimited', {
      ...proc({ 'proc/self/cgroup': '0::/\n' }),
      'sys/fs/cgroup/cgroup.controllers': '',
      'sys/fs/cgroup/memory.max': 'max\n',
      'sys/fs/cgroup/cpu.max': 'max 100000\n',
    });
    const h = hostAuto({ procRoot: path.join(root, 'proc'), cgroupRoot: path.join(root, 'sys/fs/cgroup') });
    expect(h).toMatchObject({ ramBytes: 16384000 * 1024, cores: 8, containerLimited: false });
  });

  test('cgroup v2 with the limit files missing, and a limit above the machine', () => {
    const root = tree('v2-missing', {
      ...proc({ 'proc/self/cgroup': '0::/gone\n' }),
      'sys/fs/cgroup/cgroup.controllers': '',
      'sys/fs/cgroup/memory.max': `${64 * GiB}\n`,
    });
    const h = hostAuto({ procRoot: path.join(root, 'proc'), cgroupRoot: path.join(root, 'sys/fs/cgroup') });
    expect(h).toMatchObject({ ramBytes: 16384000 * 1024, cores: 8, containerLimited: false });
  });

  test('cgroup v1 limits (memory, cpu,cpuacct)', () => {
    const root = tree('v1', {
      ...proc({ 'proc/self/cgroup': '12:memory:/docker/abc\n11:cpu,cpuacct:/docker/abc\n' }),
      'sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes': `${512 * MiB}\n`,
      'sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us': '200000\n',
      'sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_period_us': '100000\n',
    });
    const h = hostAuto({ procRoot: path.join(root, 'proc'), cgroupRoot: path.join(root, 'sys/fs/cgroup') });
    expect(h).toMatchObject({ ramBytes: 512 * MiB, cores: 2, containerLimited: true });
  });

  test('cgroup v1 unlimited: the huge memory value and quota -1', () => {
    const root = tree('v1-unlimited', {
      ...proc({ 'proc/self/cgroup': '4:memory:/\n3:cpu,cpuacct:/\n' }),
      'sys/fs/cgroup/memory/memory.limit_in_bytes': '9223372036854771712\n',
      'sys/fs/cgroup/cpu/cpu.cfs_quota_us': '-1\n',
      'sys/fs/cgroup/cpu/cpu.cfs_period_us': '100000\n',
    });
    const h = hostAuto({ procRoot: path.join(root, 'proc'), cgroupRoot: path.join(root, 'sys/fs/cgroup') });
    expect(h).toMatchObject({ ramBytes: 16384000 * 1024, cores: 8, containerLimited: false });
  });

  test('cgroup v1 at the controller root when the own path is missing; cpu files missing', () => {
    const root = tree('v1-missing', {
      ...proc({ 'proc/self/cgroup': '4:memory:/not/here\n' }),
      'sys/fs/cgroup/memory/memory.limit_in_bytes': `${GiB}\n`,
      'sys/fs/cgroup/cpu/.keep': '',
    });
    const h = hostAuto({ procRoot: path.join(root, 'proc'), cgroupRoot: path.join(root, 'sys/fs/cgroup') });
    expect(h).toMatchObject({ ramBytes: GiB, cores: 8, containerLimited: true });
  });

  test('no /proc/self/cgroup and no cgroup mount', () => {
    const root = tree('nothing', { 'proc/meminfo': 'MemTotal: 1024 kB\n' });
    const h = hostAuto({ procRoot: path.join(root, 'proc'), cgroupRoot: path.join(root, 'nowhere') });
    expect(h.ramBytes).toBe(1024 * 1024);
    expect(h.cores).toBeUndefined();
    expect(h.containerLimited).toBe(false);
  });

  test('this machine', () => {
    const h = hostAuto();
    expect(h.source).toBe('auto');
    expect(h.ramBytes).toBeGreaterThan(0);
    expect(h.cores).toBeGreaterThan(0);
  });
});

describe('workload profiles', () => {
  test('every value has a source; pgtune connection counts', () => {
    for (const p of Object.values(WORKLOAD_PROFILES)) {
      for (const [k, v] of Object.entries(p)) {
        if (k === 'id' || k === 'description') continue;
        expect((v as { source: string }).source.length).toBeGreaterThan(0);
      }
    }
    expect(Object.fromEntries(Object.values(WORKLOAD_PROFILES).map((p) => [p.id, p.connections.value]))).toEqual({ web: 200, oltp: 300, dw: 40, mixed: 100, desktop: 20 });
  });
});
