/**
 * The kernel as a version (src/vfio/kernel.ts): vfio_cap_len()'s PCIe capability length per kernel, and
 * what feature 11 means. Values from include/uapi/linux/pci_regs.h and drivers/vfio/pci/ of each release:
 * PCI_CAP_EXP_ENDPOINT_SIZEOF_V2 is 0x32 on v6.11 (fb82437fdd8c) and 0x34 on v7.0 (39195990e4c0).
 */
import { describe, expect, it } from 'vitest';
import {
  createVfioDevice,
  EngineError,
  KERNELS,
  PCI_CAP_ID_INVALID,
  VFIO_DEVICE_FEATURE_GET,
  VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT,
  VFIO_DEVICE_FEATURE_PROBE,
  VFIO_DEVICE_FEATURE_SET,
  type KernelId,
} from '../../src/index';
import { device, perm } from '../helpers/device';
import { fixtureBytes } from '../helpers/fixtures';

// The 82576's PCIe capability: version 2 endpoint at 0xa0 (flags 0x0002), the last in the chain.
const igb = (kernel?: KernelId) => device('8086-10c9-82576-igb-sriov', kernel ? { kernel } : {});
const LNKCAP2 = 0xa0 + 0x2c;
const LNKCTL2 = 0xa0 + 0x30;
const LNKSTA2 = 0xa0 + 0x32;

describe('PCIe v2 endpoint length: PCI_CAP_EXP_ENDPOINT_SIZEOF_V2 by kernel', () => {
  it.each([
    ['v6.11-rfc', 0x32],
    ['v6.11', 0x32],
    ['v7.0', 0x34],
  ] as const)('%s maps %i bytes', (kernel, len) => {
    const d = igb(kernel);
    expect(KERNELS[kernel].expEndpointSizeofV2).toBe(len);
    expect(d.map[0xa0 + len - 1]).toBe(0x10);
    expect(d.map[0xa0 + len]).toBe(PCI_CAP_ID_INVALID);
  });

  it('v6.11: LNKCAP2 and LNKCTL2 are in the EXP table with no entry (hardware, writes dropped)', () => {
    const d = igb();
    expect(perm(d, LNKCAP2, 4)).toEqual({ virt: 0, write: 0 });
    expect(perm(d, LNKCTL2, 2)).toEqual({ virt: 0, write: 0 });
    const before = d.physical[LNKCTL2];
    const w = d.writeDetailed(LNKCTL2, 2, 0x0003);
    expect(w).toMatchObject({ toVconfig: 0, toHardware: 0, dropped: 0xffff });
    expect(d.physical[LNKCTL2]).toBe(before);
    expect(d.readDetailed(LNKCTL2, 2).fromHardware).toBe(0xffff);
    expect(d.describe(LNKCTL2)).toMatchObject({ capId: 0x10, capStart: 0xa0, virt: 0, writable: 0 });
  });

  it('v6.11: LNKSTA2 is past the 0x32 bytes, so unassigned: raw both ways', () => {
    const d = igb('v6.11');
    expect(perm(d, LNKSTA2, 2)).toEqual({ virt: 0, write: 0xffff });
    expect(d.writeDetailed(LNKSTA2, 2, 0x1234)).toMatchObject({ toHardware: 0xffff, dropped: 0 });
    expect(d.physical[LNKSTA2]).toBe(0x34);
    expect(d.describe(LNKSTA2)).toMatchObject({ capId: PCI_CAP_ID_INVALID, read: 'raw', write: 'raw' });
  });

  it('v6.11: a dword at LNKCTL2 splits at the map change: EXP half dropped, LNKSTA2 half to hardware', () => {
    const d = igb();
    const w = d.writeDetailed(LNKCTL2, 4, 0xabcd0003);
    expect(w.chunks.map((c) => [c.pos, c.count, c.capId])).toEqual([
      [LNKCTL2, 2, 0x10],
      [LNKSTA2, 2, PCI_CAP_ID_INVALID],
    ]);
    expect(w).toMatchObject({ toHardware: 0xffff0000, dropped: 0x0000ffff });
    expect(d.physical[LNKSTA2 + 1]).toBe(0xab);
  });

  it('v7.0: LNKSTA2 is back inside the capability, read from hardware and never written', () => {
    const d = igb('v7.0');
    expect(perm(d, LNKSTA2, 2)).toEqual({ virt: 0, write: 0 });
    expect(d.writeDetailed(LNKCTL2, 4, 0xabcd0003)).toMatchObject({
      toHardware: 0,
      dropped: 0xffffffff,
    });
    expect(d.describe(LNKSTA2)).toMatchObject({ capId: 0x10, capStart: 0xa0 });
  });
});

/** A 256-byte type-0 function whose only capability is PCIe at 0x40 with these flags. */
function pcieOnly(flags: number, extra?: (b: Uint8Array) => void): Uint8Array {
  const b = new Uint8Array(256);
  b.set([0x86, 0x80, 0x34, 0x12], 0);
  b[0x06] = 0x10; // STATUS.CAP_LIST
  b[0x34] = 0x40;
  b[0x40] = 0x10;
  b[0x42] = flags & 0xff;
  b[0x43] = flags >> 8;
  extra?.(b);
  return b;
}
const mapped = (b: Uint8Array, kernel: KernelId = 'v6.11', at = 0x40) => {
  const d = createVfioDevice(b, { kernel });
  let n = 0;
  while (d.map[at + n] === 0x10) n++;
  return n;
};

describe('vfio_cap_len(PCI_CAP_ID_EXP) by version and type', () => {
  it.each([
    ['v1 endpoint: PCI_CAP_EXP_ENDPOINT_SIZEOF_V1', 0x0001, 20, 20],
    ['v1 RC integrated endpoint: "All Devices" only', 0x0091, 0x0c, 0x0c],
    ['v2 RC integrated endpoint: no link', 0x0092, 0x2c, 0x2c],
    ['v2 endpoint', 0x0002, 0x32, 0x34],
    ['v2 legacy endpoint', 0x0012, 0x32, 0x34],
    ['v2 root port: the endpoint size, slot registers never covered', 0x0042, 0x32, 0x34],
    ['v2 RC event collector', 0x00a2, 0x32, 0x34],
    ['version 0 takes the v2 sizes (only 1 is "v1")', 0x0000, 0x32, 0x34],
    ['version 3 takes the v2 sizes', 0x0003, 0x32, 0x34],
  ])('%s (flags %i)', (_, flags, v611, v70) => {
    expect(mapped(pcieOnly(flags), 'v6.11')).toBe(v611);
    expect(mapped(pcieOnly(flags), 'v7.0')).toBe(v70);
  });

  it('version and type come from pcie_caps_reg(pdev): the first PCIe capability the PCI core found', () => {
    // A v1 endpoint at 0x40 and a v2 endpoint at 0x80: both get the v1 length.
    const b = pcieOnly(0x0001, (x) => {
      x[0x41] = 0x80;
      x[0x80] = 0x10;
      x[0x82] = 0x02;
    });
    expect(mapped(b, 'v6.11', 0x40)).toBe(20);
    expect(mapped(b, 'v6.11', 0x80)).toBe(20);
  });
});

describe('the kernel option', () => {
  it('defaults to v6.11 + the RFC; the older rfc flag still chooses between v6.11 with and without it', () => {
    expect(createVfioDevice(pcieOnly(2)).state).toMatchObject({ kernel: 'v6.11-rfc', rfc: true });
    expect(createVfioDevice(pcieOnly(2), { rfc: false }).state).toMatchObject({
      kernel: 'v6.11',
      rfc: false,
    });
    expect(createVfioDevice(pcieOnly(2), { rfc: true }).state.kernel).toBe('v6.11-rfc');
    expect(createVfioDevice(pcieOnly(2), { kernel: 'v7.0' }).state).toMatchObject({
      kernel: 'v7.0',
      rfc: false,
    });
  });
  it('refuses an unknown kernel and a contradiction with rfc', () => {
    expect(() => createVfioDevice(pcieOnly(2), { kernel: 'v5.4' as KernelId })).toThrow(EngineError);
    expect(() => createVfioDevice(pcieOnly(2), { kernel: 'v7.0', rfc: true })).toThrow(
      /rfc: true contradicts kernel "v7.0"/,
    );
  });
});

describe('feature 11 by kernel', () => {
  const SET11 = VFIO_DEVICE_FEATURE_SET | VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT;
  const GET11 = VFIO_DEVICE_FEATURE_GET | VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT;
  it.each([
    // [kernel, flags, argsz, errno]
    ['v6.11-rfc', SET11, 8, 0], // the RFC applies
    ['v6.11', SET11, 8, -25], // no such feature: -ENOTTY
    ['v7.0', SET11, 8, -22], // DMA_BUF supports GET only: -EINVAL
    ['v7.0', SET11 | VFIO_DEVICE_FEATURE_PROBE, 8, -22], // probing for SET: -EINVAL
    ['v7.0', GET11 | VFIO_DEVICE_FEATURE_PROBE, 8, 0], // probing for GET: supported
    ['v7.0', GET11, 8, -22], // GET without room for the 16-byte argument
    ['v7.0', GET11, 8 + 16, -22], // GET with a zeroed argument: nr_ranges == 0
  ] as const)('%s: flags %i argsz %i → %i', (kernel, flags, argsz, errno) => {
    const d = igb(kernel);
    expect(d.deviceFeature(flags, argsz)).toBe(errno);
    expect(d.state.novirt).toBe(kernel === 'v6.11-rfc' && errno === 0);
  });
  it('on v7.0 the RFC call changes nothing: MSI address and data stay virtual', () => {
    const d = igb('v7.0');
    const before = perm(d, 0x54, 4);
    d.deviceFeature(SET11, 8);
    expect(perm(d, 0x54, 4)).toEqual(before);
    expect(before).toEqual({ virt: 0xffffffff, write: 0xffffffff });
  });
});

describe('describe() says which kernel a version-dependent rule belongs to', () => {
  it('LNKCTL2 on v6.11: inside the 0x32 bytes of fb82437fdd8c', () => {
    expect(igb('v6.11').describe(LNKCTL2).kernel).toBe(
      'PCI_CAP_EXP_ENDPOINT_SIZEOF_V2 is 0x32 on v6.11, from fb82437fdd8c ("PCI: Change capability register ' +
        'offsets to hex", v5.17): this byte is inside the PCIe capability, with no table entry, so it reads ' +
        'the device and drops writes.',
    );
  });
  it('LNKSTA2 on v6.11: just past the capability; v7.0 maps it again', () => {
    expect(igb('v6.11-rfc').describe(LNKSTA2 + 1).kernel).toMatch(
      /^PCI_CAP_EXP_ENDPOINT_SIZEOF_V2 is 0x32 on v6\.11 \+ the RFC, .*just past the PCIe capability, so it is unassigned and raw both ways; v7\.0 maps it again \(39195990e4c0 \("PCI: Correct PCI_CAP_EXP_ENDPOINT_SIZEOF_V2 value", v7\.0\)\)\.$/,
    );
  });
  it('LNKSTA2 on v7.0 cites 39195990e4c0; bytes past 0x34 and DEVCTL have no note', () => {
    const d = igb('v7.0');
    expect(d.describe(LNKSTA2).kernel).toMatch(
      /^PCI_CAP_EXP_ENDPOINT_SIZEOF_V2 is 0x34 on v7\.0, from 39195990e4c0/,
    );
    expect(d.describe(0xa0 + 0x34).kernel).toBeUndefined();
    expect(d.describe(0xa8).kernel).toBeUndefined();
  });
  it('MSI address and data: what feature 11 does to them on each kernel', () => {
    expect(igb('v6.11-rfc').describe(0x54).kernel).toMatch(
      /^On v6\.11 \+ the RFC VFIO_DEVICE_FEATURE SET 11 \(PCI_MSI_NOVIRT\)/,
    );
    expect(igb('v7.0').describe(0x5d).kernel).toMatch(
      /^On v7\.0 feature 11 is VFIO_DEVICE_FEATURE_DMA_BUF \(5d74781ebc86/,
    );
    expect(igb('v6.11').describe(0x58).kernel).toMatch(/^v6\.11 has no feature 11/);
    expect(igb().describe(0x52).kernel).toBeUndefined(); // the flags are not feature 11's business
    expect(igb().describe(0x60).kernel).toBeUndefined(); // mask bits
  });
});

describe('INTx pin of a device the platform routed no IRQ to (vfio_config_init)', () => {
  it('v6.11 keeps the pin; from v6.15 (860be250fc32, so on v7.0) it reads 0', () => {
    expect(igb('v6.11').vconfig[0x3d]).toBe(1);
    const opts = { irqConnected: false } as const;
    const bytes = fixtureBytes('8086-10c9-82576-igb-sriov');
    expect(createVfioDevice(bytes, { ...opts, kernel: 'v6.11-rfc' }).read(0x3d, 1)).toBe(1);
    expect(createVfioDevice(bytes, { ...opts, kernel: 'v6.11' }).read(0x3d, 1)).toBe(1);
    expect(createVfioDevice(bytes, { ...opts, kernel: 'v7.0' }).read(0x3d, 1)).toBe(0);
    expect(KERNELS['v7.0'].intxPinHiddenWithoutIrq).toBe(true);
  });
});
