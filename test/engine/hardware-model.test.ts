/** The hardware behind vfio: 'memory' takes every write; 'realistic' follows the registry's access rules. */
import { describe, expect, it } from 'vitest';
import { createVfioDevice, realisticMasks } from '../../src/index';
import { device, maskAt } from '../helpers/device';
import { fixtureBytes } from '../helpers/fixtures';

const IGB = '8086-10c9-82576-igb-sriov';

describe('realistic masks from the register registry', () => {
  const bytes = fixtureBytes(IGB);
  const { writable, rw1c } = realisticMasks(bytes, [
    { index: 0, start: 0xb1a60000, size: 0x20000, type: 'mem32' },
  ]);
  it.each([
    ['vendor/device IDs read-only', 0x00, 4, 0x00000000, 0],
    ['COMMAND: IO, MEM, MASTER, PARITY, SERR, INTX_DISABLE', 0x04, 2, 0x0547, 0],
    ['STATUS: error bits RW1C', 0x06, 2, 0x0000, 0xf900],
    ['class code read-only', 0x08, 4, 0, 0],
    ['BAR0: address bits above the 128 KiB size', 0x10, 4, 0xfffe0000, 0],
    ['MSI flags: ENABLE and QSIZE', 0x52, 2, 0x0071, 0],
    ['AER uncorrectable status: RW1C', 0x104, 4, 0, 0x03fff031],
    ['PCIe DEVSTA: CED/NFED/FED/URD RW1C', 0xaa, 2, 0, 0x000f],
  ])('%s', (_what, off, size, w, c) => {
    expect(maskAt(writable, off, size)).toBe(w);
    expect(maskAt(rw1c, off, size)).toBe(c);
  });
});

describe('physical writes: P = (P & ~M) | (v & M), RW1C cleared by 1', () => {
  it('memory mode takes every write', () => {
    const d = device(IGB);
    d.host.physicalWrite(0x00, 2, 0x1234);
    expect(maskAt(d.physical, 0, 2)).toBe(0x1234);
  });
  it('realistic mode keeps read-only bits and clears RW1C bits written as 1', () => {
    const d = device(IGB, { hardware: 'realistic' });
    d.host.physicalWrite(0x00, 2, 0x1234);
    expect(maskAt(d.physical, 0, 2)).toBe(0x8086);
    d.host.physicalWrite(0x104, 4, 0); // nothing written as 1: status unchanged
    const before = maskAt(d.physical, 0x104, 4);
    d.host.physicalWrite(0x104, 4, 0xffffffff);
    expect(maskAt(d.physical, 0x104, 4)).toBe((before & ~0x03fff031) >>> 0);
  });
  it('an AER status write through vfio is a read-modify-write: writing back 1s clears them', () => {
    const bytes = fixtureBytes(IGB).slice();
    bytes[0x104] = 0x10; // DLP error logged
    const d = createVfioDevice(bytes, { hardware: 'realistic' });
    expect(d.read(0x104, 4)).toBe(0x10);
    d.write(0x104, 4, 0x10);
    expect(d.read(0x104, 4)).toBe(0);
  });
  it('a custom hwWritable mask is honoured and reported as ignored bits', () => {
    const writable = new Uint8Array(4096);
    const d = createVfioDevice(fixtureBytes(IGB), { hwWritable: writable });
    const w = d.writeDetailed(0x0c, 1, 0x40);
    expect(w.toHardware).toBe(0xff);
    expect(w.ignoredByHardware).toBe(0x40 ^ 0x10);
    expect(d.physical[0x0c]).toBe(0x10);
  });
});

it('pci_2_3 follows whether the hardware lets INTx-disable toggle', () => {
  expect(device(IGB).state.pci23).toBe(true);
  const writable = new Uint8Array(4096).fill(0xff);
  writable[5] = 0;
  expect(createVfioDevice(fixtureBytes(IGB), { hwWritable: writable }).state.pci23).toBe(false);
});

it('clone() gives an independent device with the same state', () => {
  const d = device(IGB);
  d.write(0x54, 4, 0xfee00000);
  const c = d.clone();
  c.write(0x54, 4, 0xfee01000);
  expect(d.read(0x54, 4)).toBe(0xfee00000);
  expect(c.read(0x54, 4)).toBe(0xfee01000);
  expect(c.effects.length).toBe(d.effects.length);
});
