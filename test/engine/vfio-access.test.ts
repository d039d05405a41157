/**
 * How an access reaches the handlers (vfio_pci_config_rw, vfio_config_do_rw): one pread of a block, the
 * split into aligned chunks, the bounds and argument checks, bytes no capability claims, and the devices
 * vfio-pci refuses to bind. The handlers themselves are vfio-handlers.test.ts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  createVfioDevice,
  decodeConfig,
  EngineError,
  VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT,
  VFIO_DEVICE_FEATURE_SET,
  type VfioDevice,
} from '../../src/index';
import { device, maskAt } from '../helpers/device';
import { fixtureBytes, fixtureNames } from '../helpers/fixtures';
import { fcParams } from '../helpers/fuzz';

const IGB = '8086-10c9-82576-igb-sriov';

describe('block read (one pread, as QEMU reads the space at realize)', () => {
  it.each([IGB, '8086-2829-ich8m-ahci-sata', '15b3-1019-connectx5-ex-nic'])(
    '%s: the same bytes and provenance as dword reads, chunk for chunk',
    (name) => {
      const d = device(name, { rfc: true });
      d.host.physicalWrite(0x04, 2, 0x0406);
      const block = d.readBlock(0, d.cfgSize);
      for (let off = 0; off < d.cfgSize; off += 4) {
        const r = d.readDetailed(off, 4);
        expect([off, maskAt(block.bytes, off, 4), maskAt(block.fromVconfig, off, 4)]).toEqual([
          off,
          r.value,
          r.fromVconfig,
        ]);
      }
      // COMMAND's INTx-disable from vconfig, the rest from the device.
      expect([block.bytes[4], block.bytes[5], block.fromVconfig[5]]).toEqual([0x06, 0x00, 0x04]);
    },
  );
  // Unassigned and virt-mapped runs are copied whole; every other byte goes chunk by chunk. The oracle
  // makes the kernel's chunks itself (up to the dword's end or a map change, then naturally aligned) and
  // reads each with one single access.
  const chunked = (d: VfioDevice, offset: number, length: number) => {
    const bytes: number[] = [];
    const fromVconfig: number[] = [];
    for (let p = offset; p < offset + length;) {
      let n = 1;
      while ((p + n) % 4 && p + n < offset + length && d.map[p + n] === d.map[p]) n++;
      n = n >= 4 && p % 4 === 0 ? 4 : n >= 2 && p % 2 === 0 ? 2 : 1;
      const r = d.readDetailed(p, n as 1 | 2 | 4);
      for (let i = 0; i < n; i++) {
        bytes.push((r.value >>> (8 * i)) & 0xff);
        fromVconfig.push((r.fromVconfig >>> (8 * i)) & 0xff);
      }
      p += n;
    }
    return { bytes, fromVconfig };
  };
  const bindable = fixtureNames().filter((n) => decodeConfig(fixtureBytes(n)).header.type === 0);
  it.each(bindable)('%s: any block equals its chunks read one by one, before and after NOVIRT', (name) => {
    const d = device(name, { rfc: true });
    const span = fc
      .tuple(fc.nat(d.cfgSize - 1), fc.nat(d.cfgSize))
      .map(([offset, n]) => ({ offset, length: Math.max(1, Math.min(n, d.cfgSize - offset)) }));
    for (const novirt of [false, true]) {
      if (novirt) d.deviceFeature(VFIO_DEVICE_FEATURE_SET | VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT, 8);
      fc.assert(
        fc.property(span, ({ offset, length }) => {
          const block = d.readBlock(offset, length);
          expect({ bytes: [...block.bytes], fromVconfig: [...block.fromVconfig] }).toEqual(
            chunked(d, offset, length),
          );
        }),
        { ...fcParams, numRuns: 25 },
      );
    }
  });
  it('an unaligned block splits like the kernel, and a block past the end is -EFAULT', () => {
    const d = device(IGB);
    expect([...d.readBlock(0x01, 3).bytes]).toEqual([0x80, 0xc9, 0x10]);
    expect(() => d.readBlock(0xffe, 4)).toThrow(/EFAULT/);
    expect(() => d.readBlock(0, -1)).toThrow(/EINVAL/);
  });
  it('a block of 0 bytes reads nothing at any offset, as vfio_pci_config_rw never calls vfio_config_do_rw', () => {
    const d = device(IGB);
    for (const offset of [0, 0xfff, 0x1000, 0x7fffffff]) {
      const block = d.readBlock(offset, 0);
      expect([block.bytes.length, block.fromVconfig.length]).toEqual([0, 0]);
    }
  });
});

describe('access splitting (vfio_config_do_rw)', () => {
  it('chunks are naturally aligned and never cross a dword or a capability', () => {
    const d = device(IGB);
    expect(d.readDetailed(0x3e, 4).chunks.map((c) => [c.pos, c.count])).toEqual([
      [0x3e, 2],
      [0x40, 2],
    ]);
    expect(d.readDetailed(0x41, 4).chunks.map((c) => [c.pos, c.count])).toEqual([
      [0x41, 1],
      [0x42, 2],
      [0x44, 1],
    ]);
    expect(d.readDetailed(0x40, 4).chunks.map((c) => [c.pos, c.count])).toEqual([[0x40, 4]]);
  });
  it('a misaligned read returns the same bytes as byte-wise reads', () => {
    const d = device(IGB);
    const bytes = [0x41, 0x42, 0x43, 0x44].map((o) => d.read(o, 1));
    expect(d.read(0x41, 4)).toBe((bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24)) >>> 0);
  });
  it('an access running past config space fails with -EFAULT before touching anything', () => {
    const d = device(IGB);
    const before = d.physical.slice();
    expect(() => d.write(4094, 4, 0xffffffff)).toThrowError(EngineError);
    try {
      d.read(4096, 1);
    } catch (e) {
      expect((e as EngineError).errno).toBe(-14);
    }
    expect(d.physical).toEqual(before);
    const small = device('15b3-1019-connectx5-ex-nic');
    expect(small.cfgSize).toBe(256);
    expect(() => small.read(255, 2)).toThrow(/EFAULT/);
  });
  it('bad sizes and values are -EINVAL', () => {
    const d = device(IGB);
    expect(() => d.read(0, 8)).toThrow(/EINVAL/);
    expect(() => d.write(0, 1, 0x100)).toThrow(/EINVAL/);
    expect(() => d.read(1.5, 1)).toThrow(/EINVAL/);
  });
});

describe('bytes outside any capability are raw', () => {
  it('a gap byte reads and writes the hardware directly', () => {
    const d = device(IGB);
    const w = d.writeDetailed(0xf0, 4, 0x11223344);
    expect(w.toHardware).toBe(0xffffffff);
    expect(d.read(0xf0, 4)).toBe(0x11223344);
    expect(d.physical[0xf0]).toBe(0x44);
  });
});

describe('device refusal', () => {
  it.each([
    ['8086-3408-x58-root-port', /type 1/],
    ['1217-7136-oz711sp1-cardbus-bridge', /type 2/],
  ])('%s is refused like vfio_pci_core_register_device does', (name, why) => {
    try {
      createVfioDevice(fixtureBytes(name));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EngineError);
      expect((e as EngineError).code).toBe('device');
      expect((e as EngineError).errno).toBe(-22);
      expect((e as EngineError).message).toMatch(why);
    }
  });
});
