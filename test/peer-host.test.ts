/**
 * The host facts the peer checks added (issue 15): --wal-volume and --filesystem (flags and host
 * file), vm.overcommit_memory/ratio from --host auto, and that the rules read them end to end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hostAuto } from '../src/host/auto.js';
import { hostFromFile, hostFromFlags } from '../src/host/host.js';
import { HostError } from '../src/host/types.js';
import { InputError } from '../src/resolve/load.js';
import { lintText } from './support/lint-helpers.js';

const GB = 1024 ** 3;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvet-peer-host-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(rel: string, text: string): string {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

describe('flags', () => {
  test('--wal-volume and --filesystem', () => {
    expect(hostFromFlags({ walVolume: '100GB', filesystem: 'zfs' })).toEqual({ source: 'flags', walVolumeBytes: 100 * GB, filesystem: 'zfs' });
    expect(hostFromFlags({ walVolume: '50Gi' }).walVolumeBytes).toBe(50 * GB);
  });
  test('bad values are one-line errors naming the flag', () => {
    expect(() => hostFromFlags({ filesystem: 'ntfs' })).toThrow(new HostError('invalid --filesystem "ntfs": must be one of ext4, xfs, zfs, btrfs, nfs, other'));
    expect(() => hostFromFlags({ walVolume: 'lots' })).toThrow(HostError);
  });
});

describe('host file', () => {
  test('walVolume, filesystem and the overcommit policy', () => {
    const file = write('h.json', JSON.stringify({ ram: '64GB', walVolume: '200GB', filesystem: 'xfs', overcommitMemory: 2, overcommitRatio: 80 }));
    expect(hostFromFile(file)).toMatchObject({ ramBytes: 64 * GB, walVolumeBytes: 200 * GB, filesystem: 'xfs', overcommitMemory: 2, overcommitRatio: 80 });
  });
  test('an unknown filesystem and an overcommit mode the kernel does not have are refused with the field named', () => {
    expect(() => hostFromFile(write('fs.json', '{"filesystem": "ntfs"}'))).toThrow(/fs\.json:1:2: \$\.filesystem: must be one of ext4, xfs, zfs, btrfs, nfs, other \(got "ntfs"\)$/);
    expect(() => hostFromFile(write('oc.json', '{"overcommitMemory": 3}'))).toThrow(InputError);
  });
});

describe('--host auto reads the overcommit policy', () => {
  const tree = (name: string, files: Record<string, string>): string => {
    for (const [rel, text] of Object.entries(files)) write(path.join(name, rel), text);
    return path.join(dir, name);
  };
  test('mode and ratio, with a note', () => {
    const root = tree('oc', { 'proc/meminfo': 'MemTotal: 16384000 kB\n', 'proc/sys/vm/overcommit_memory': '0\n', 'proc/sys/vm/overcommit_ratio': '50\n' });
    const h = hostAuto({ procRoot: path.join(root, 'proc'), cgroupRoot: path.join(root, 'sys/fs/cgroup') });
    expect(h).toMatchObject({ overcommitMemory: 0, overcommitRatio: 50 });
    expect(h.notes).toContain(`memory overcommit: ${path.join(root, 'proc', 'sys', 'vm', 'overcommit_memory')} 0, overcommit_ratio 50`);
  });
  test('without /proc/sys/vm nothing is claimed', () => {
    const root = tree('none', { 'proc/meminfo': 'MemTotal: 16384000 kB\n' });
    const h = hostAuto({ procRoot: path.join(root, 'proc'), cgroupRoot: path.join(root, 'sys/fs/cgroup') });
    expect(h.overcommitMemory).toBeUndefined();
    expect(h.overcommitRatio).toBeUndefined();
  });
});

describe('the rules read them', () => {
  test('a WAL volume, a filesystem and an overcommit policy each turn a rule on', () => {
    const ids = (host: Parameters<typeof lintText>[3]): string[] => [...new Set(lintText('max_wal_size = 100GB\n', 17, {}, host).findings.map((f) => f.ruleId))];
    expect(ids({})).not.toEqual(expect.arrayContaining(['PGV308']));
    expect(ids({ host: { walVolumeBytes: 100 * GB } })).toEqual(expect.arrayContaining(['PGV308']));
    expect(ids({ host: { filesystem: 'nfs' } })).toEqual(expect.arrayContaining(['PGV612']));
    expect(ids({ host: { overcommitMemory: 1 } })).toEqual(expect.arrayContaining(['PGV113']));
    expect(ids({ host: { overcommitMemory: 2, overcommitRatio: 80 } })).not.toEqual(expect.arrayContaining(['PGV113']));
  });
});
