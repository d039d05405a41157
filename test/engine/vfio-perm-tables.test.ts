/**
 * Exact permission bits per register, from shared/reference/vfio-config.md §5 (vfio_pci_config.c's
 * init_pci_cap_*_perm tables). The 82576 (igb) dump carries PM@40, MSI 64-bit+mask@50, MSI-X@70,
 * PCIe v2@a0, AER@100, DSN@140, ARI@150, SR-IOV@160.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeConfig,
  PCI_CAP_ID_INVALID,
  VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT,
  VFIO_DEVICE_FEATURE_SET,
  type VfioDevice,
} from '../../src/index';
import { device, perm } from '../helpers/device';
import { fixtureBytes, fixtureNames } from '../helpers/fixtures';

const igb = () => device('8086-10c9-82576-igb-sriov');

describe('type-0 header (init_pci_cap_basic_perm)', () => {
  const d = igb();
  it.each([
    [0x00, 2, 0xffff, 0x0000, 'vendor ID: virtual, read-only'],
    [0x02, 2, 0xffff, 0x0000, 'device ID'],
    [0x04, 2, 0x0400, 0xffff, 'COMMAND: only INTx-disable virtual, all writable'],
    [0x06, 2, 0x0010, 0x0000, 'STATUS: CAP_LIST virtual, nothing writable'],
    [0x08, 4, 0, 0, 'revision/class'],
    [0x0c, 1, 0x00, 0xff, 'cache line'],
    [0x0d, 1, 0x00, 0xff, 'latency timer'],
    [0x0e, 1, 0x00, 0x00, 'header type'],
    [0x0f, 1, 0x00, 0xff, 'BIST'],
    [0x10, 4, 0xffffffff, 0xffffffff, 'BAR0'],
    [0x24, 4, 0xffffffff, 0xffffffff, 'BAR5'],
    [0x28, 4, 0, 0, 'CardBus CIS'],
    [0x2c, 4, 0, 0, 'subsystem IDs'],
    [0x30, 4, 0xffffffff, 0xffffffff, 'ROM BAR'],
    [0x34, 1, 0xff, 0x00, 'capability pointer'],
    [0x35, 4, 0, 0, 'reserved 0x35-0x38'],
    [0x3c, 1, 0xff, 0xff, 'interrupt line'],
    [0x3d, 1, 0xff, 0x00, 'interrupt pin'],
    [0x3e, 2, 0, 0, 'min_gnt/max_lat'],
  ])('0x%s (%i bytes): virt %s write %s — %s', (off, size, virt, write) => {
    expect(perm(d, off, size)).toEqual({ virt, write });
  });
  it('maps the 64-byte header to PCI_CAP_ID_BASIC (0)', () => {
    expect([...d.map.subarray(0, 64)].every((b) => b === 0)).toBe(true);
  });
});

describe('Power Management @0x40 (init_pci_cap_pm_perm)', () => {
  const d = igb();
  it('next pointer virtual, read-only', () => expect(perm(d, 0x41, 1)).toEqual({ virt: 0xff, write: 0 }));
  it('PMC: PME_Support virtual, nothing writable', () =>
    expect(perm(d, 0x42, 2)).toEqual({ virt: 0xf800, write: 0 }));
  it('PMCSR: PME_En/PME_Status virtual; all but those and PowerState writable', () =>
    expect(perm(d, 0x44, 4)).toEqual({ virt: 0x00008100, write: 0xffff7efc }));
  it('ID byte reads from hardware (virt 0) and is not writable', () =>
    expect(perm(d, 0x40, 1)).toEqual({ virt: 0, write: 0 }));
});

describe('MSI 64-bit with masking @0x50 (init_pci_cap_msi_perm)', () => {
  const d = igb();
  it.each([
    [0x50, 1, 0x00, 0x00],
    [0x51, 1, 0xff, 0x00],
    [0x52, 1, 0xff, 0xff],
    [0x53, 1, 0x00, 0x00],
    [0x54, 4, 0xffffffff, 0xffffffff],
    [0x58, 4, 0xffffffff, 0xffffffff],
    [0x5c, 2, 0xffff, 0xffff],
    [0x5e, 2, 0x0000, 0x0000],
    [0x60, 4, 0x00000000, 0xffffffff],
    [0x64, 4, 0x00000000, 0xffffffff],
  ])('0x%s/%i: virt %s write %s', (off, size, virt, write) => {
    expect(perm(d, off, size)).toEqual({ virt, write });
  });
  it('the capability is 24 bytes long in the map', () => {
    expect([...d.map.subarray(0x50, 0x68)].every((b) => b === 5)).toBe(true);
    expect(d.map[0x68]).toBe(PCI_CAP_ID_INVALID);
  });
  it('PCI_MSI_NOVIRT makes address and data read-only hardware and leaves the rest alone', () => {
    expect(d.deviceFeature(VFIO_DEVICE_FEATURE_SET | VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT, 8)).toBe(0);
    expect(perm(d, 0x54, 4)).toEqual({ virt: 0, write: 0 });
    expect(perm(d, 0x58, 4)).toEqual({ virt: 0, write: 0 });
    expect(perm(d, 0x5c, 2)).toEqual({ virt: 0, write: 0 });
    expect(perm(d, 0x52, 1)).toEqual({ virt: 0xff, write: 0xff });
    expect(perm(d, 0x60, 4)).toEqual({ virt: 0, write: 0xffffffff });
    expect(d.describe(0x5c).why).toMatch(/^PCI_MSI_NOVIRT \(RFC\)/);
    expect(d.describe(0x52).why).toMatch(/flags low byte/);
  });
});

describe('MSI 32-bit without masking (ICH8M AHCI, MSI@0x80)', () => {
  const d = device('8086-2829-ich8m-ahci-sata');
  it('address at +4, data word at +8, 10 bytes long', () => {
    expect(perm(d, 0x84, 4)).toEqual({ virt: 0xffffffff, write: 0xffffffff });
    expect(perm(d, 0x88, 2)).toEqual({ virt: 0xffff, write: 0xffff });
    expect(d.map[0x89]).toBe(5);
    expect(d.map[0x8a]).toBe(PCI_CAP_ID_INVALID);
  });
  it('novirt on a 32-bit cap clears ADDRESS_LO and DATA_32 only', () => {
    expect(d.deviceFeature(VFIO_DEVICE_FEATURE_SET | VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT, 8)).toBe(0);
    expect(perm(d, 0x84, 4)).toEqual({ virt: 0, write: 0 });
    expect(perm(d, 0x88, 2)).toEqual({ virt: 0, write: 0 });
    expect(perm(d, 0x82, 1)).toEqual({ virt: 0xff, write: 0xff });
  });
});

describe('MSI-X @0x70: no table, writes dropped', () => {
  const d = igb();
  it('ID and next come from vconfig, nothing writable', () => {
    expect(perm(d, 0x70, 2)).toEqual({ virt: 0xffff, write: 0 });
    expect(perm(d, 0x72, 2)).toEqual({ virt: 0, write: 0 });
    expect(perm(d, 0x74, 4)).toEqual({ virt: 0, write: 0 });
    expect(d.describe(0x72).write).toBeNull();
  });
});

describe('PCI Express v2 endpoint @0xa0 (init_pci_cap_exp_perm)', () => {
  const d = igb();
  it('DEVCTL: FLR, MRRS and MPS virtual; all but phantom functions writable', () =>
    expect(perm(d, 0xa8, 2)).toEqual({ virt: 0xf0e0, write: 0xfdff }));
  it('DEVCTL2: all but ARI writable, nothing virtual', () =>
    expect(perm(d, 0xc8, 2)).toEqual({ virt: 0, write: 0xffdf }));
  it('DEVCAP, LNKCTL, SLTCTL are hardware read-only', () => {
    expect(perm(d, 0xa4, 4)).toEqual({ virt: 0, write: 0 });
    expect(perm(d, 0xb0, 2)).toEqual({ virt: 0, write: 0 });
    expect(perm(d, 0xb8, 2)).toEqual({ virt: 0, write: 0 });
  });
  // Its length depends on the kernel: test/engine/vfio-kernel.test.ts.
});

describe('AER @0x100 (init_pci_ext_cap_err_perm)', () => {
  const d = igb();
  it.each([
    [0x100, 0xffffffff, 0x00000000],
    [0x104, 0, 0x03fff031],
    [0x108, 0, 0x03fff031],
    [0x10c, 0, 0x03fff031],
    [0x110, 0, 0x0000f1c1],
    [0x114, 0, 0x0000f1c1],
    [0x118, 0, 0x00000140],
    [0x11c, 0, 0],
    [0x128, 0, 0],
  ])('0x%s: virt %s write %s', (off, virt, write) => expect(perm(d, off, 4)).toEqual({ virt, write }));
  it('maps 0x2c bytes; an endpoint TLP-prefix log area stays raw', () => {
    expect(d.map[0x12b]).toBe(1);
    expect(d.map[0x12c]).toBe(PCI_CAP_ID_INVALID);
  });
});

describe('table-less extended capabilities: direct read, header virtual, writes dropped', () => {
  const d = igb();
  it.each([
    [0x140, 'DSN', 12],
    [0x150, 'ARI', 8],
    [0x160, 'SR-IOV', 0x40],
  ])('%s (%s) is %i bytes', (off, _name, len) => {
    expect(perm(d, off, 4)).toEqual({ virt: 0xffffffff, write: 0 });
    expect(perm(d, off + 4, 4)).toEqual({ virt: 0, write: 0 });
    expect(d.map[off + len - 1]).not.toBe(PCI_CAP_ID_INVALID);
  });
});

describe('vendor-specific capability: raw writes, header included (ConnectX-5, VNDR@0xc0)', () => {
  const d = device('15b3-1019-connectx5-ex-nic');
  it('ID/next read from vconfig, every byte writable to hardware', () => {
    expect(perm(d, 0xc0, 2)).toEqual({ virt: 0xffff, write: 0xffff });
    expect(perm(d, 0xc4, 4)).toEqual({ virt: 0, write: 0xffffffff });
    expect(d.describe(0xc4).write).toBe('raw');
  });
  it('VPD @0x48: address and data fully virtual', () => {
    expect(perm(d, 0x4a, 2)).toEqual({ virt: 0xffff, write: 0xffff });
    expect(perm(d, 0x4c, 4)).toEqual({ virt: 0xffffffff, write: 0xffffffff });
  });
});

describe('every mapped byte has a reason', () => {
  it('describe() names the kernel source and, for table entries, the register and why', () => {
    const d = igb();
    const b = d.describe(0x54);
    expect(b.entry?.register).toBe('PCI_MSI_ADDRESS_LO');
    expect(b.source).toBe('init_pci_cap_msi_perm');
    expect(b.entry?.why).toMatch(/vconfig/);
    expect(d.describe(0x04).entry?.register).toBe('PCI_COMMAND');
  });
});

describe('the permission map agrees with the per-byte descriptions', () => {
  // effectivePerm dispatches once per run of map values; describe() dispatches per byte.
  const agrees = (d: VfioDevice) => {
    const p = d.perm;
    for (let pos = 0; pos < d.cfgSize; pos++) {
      const b = d.describe(pos);
      expect([pos, p.virt[pos], p.write[pos]]).toEqual([pos, b.virt, b.writable]);
    }
  };
  // vfio-pci binds type-0 functions only; the bridge dumps are refused at registration.
  const bindable = fixtureNames().filter((n) => decodeConfig(fixtureBytes(n)).header.type === 0);
  it.each(bindable)('%s, before and after PCI_MSI_NOVIRT', (name) => {
    const d = device(name, { rfc: true });
    agrees(d);
    d.deviceFeature(VFIO_DEVICE_FEATURE_SET | VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT, 8);
    agrees(d);
  });
});
