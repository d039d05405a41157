/**
 * QEMU's header masks and capability chains against hw/pci/pci.c, hw/pci/pcie.c and hw/vfio/pci.c:
 * pci_init_wmask, vfio_setup_pcie_cap, vfio_add_ext_cap and vfio_setup_rebar_ecap, per QEMU release.
 */
import { describe, expect, it } from 'vitest';
import { createSession, createVfioDevice, QemuVfioPci, type HostResource } from '../../src/index';
import { QEMU_COMMAND_WMASK, type QemuOptions } from '../../src/qemu/config';
import { readLE, writeLE } from '../../src/util/bytes';
import { fixtureBytes } from '../helpers/fixtures';

const igbResources: HostResource[] = [{ index: 0, start: 0xb1a60000, size: 0x20000, type: 'mem32' }];
const igbWith = (patch: (b: Uint8Array) => void, o: QemuOptions = {}) => {
  const bytes = fixtureBytes('8086-10c9-82576-igb-sriov').slice();
  patch(bytes);
  return new QemuVfioPci(createVfioDevice(bytes, { resources: igbResources }), o);
};
const fijiWith = (patch: (b: Uint8Array) => void, o: QemuOptions = {}) => {
  const bytes = fixtureBytes('1002-7300-fiji-radeon-r9-fury-gpu').slice();
  patch(bytes);
  return new QemuVfioPci(createVfioDevice(bytes), o);
};
const fiji = (o: QemuOptions = {}) => fijiWith(() => {}, o);
/** The guest's extended chain as offsets, following the next pointers it reads. */
const extChain = (q: QemuVfioPci) => {
  const out: number[] = [];
  for (let p = 0x100; p && out.length < 64; p = (q.readConfig(p, 4).value >>> 20) & 0xffc) out.push(p);
  return out;
};

describe('COMMAND and STATUS masks (pci_init_wmask, pci_init_w1cmask)', () => {
  it('QEMU’s copy takes IO | MEMORY | MASTER | SERR | INTX_DISABLE = 0x0507; PARITY is not writable', () => {
    expect(QEMU_COMMAND_WMASK).toBe(0x0507);
    const q = igbWith(() => {});
    expect(readLE(q.wmask, 0x04, 2)).toBe(0x0507);
    expect(readLE(q.w1cmask, 0x06, 2)).toBe(0xf900);
    const before = readLE(q.copy, 0x04, 2);
    q.writeConfig(0x04, 2, 0xffff);
    expect(readLE(q.copy, 0x04, 2)).toBe((before & ~0x0507) | 0x0507);
    expect(readLE(q.copy, 0x04, 2) & 0x0040).toBe(before & 0x0040);
  });
  it('the guest reads COMMAND from the vfio region, never from QEMU’s copy', () => {
    const q = igbWith(() => {});
    q.writeConfig(0x04, 2, 0x0547);
    const r = q.readConfig(0x04, 2);
    expect(r.fromQemu).toBe(0);
    expect(r.value).toBe(q.vfio.read(0x04, 2));
  });
});

describe('PCIe capability version 0 (vfio_setup_pcie_cap, 82599 VF erratum)', () => {
  const v0 = (b: Uint8Array) => (b[0xa2] = 0x00); // endpoint, version 0
  it('on i440fx the capability is kept unchanged except the version, emulated as 1', () => {
    const q = igbWith(v0, { topology: 'i440fx' });
    const r = q.readConfig(0xa2, 2);
    expect(r.value).toBe(0x0001);
    expect(r.fromQemu).toBe(0x000f);
    expect(q.vfio.read(0xa2, 2) & 0x000f).toBe(0);
    expect(q.readConfig(0x71, 1).value).toBe(0xa0); // still in the chain
  });
  it('behind a root port and on the q35 root bus too (there the type becomes 9 as well)', () => {
    expect(igbWith(v0, { topology: 'q35-root-port' }).readConfig(0xa2, 2)).toMatchObject({
      value: 0x0001,
      fromQemu: 0x000f,
    });
    expect(igbWith(v0).readConfig(0xa2, 2)).toMatchObject({ value: 0x0091, fromQemu: 0x00ff });
  });
  it('a hidden capability gets no version fix-up: its bytes read from the vfio region', () => {
    const q = igbWith((b) => (b[0xa2] = 0x10)); // legacy endpoint, version 0, q35 root bus
    expect(q.readConfig(0xa2, 2)).toMatchObject({ value: 0x0010, fromQemu: 0 });
  });
});

describe('extended chain without the PCIe capability (vfio_add_ext_cap)', () => {
  const legacy = (b: Uint8Array) => (b[0xa2] = 0x12); // legacy endpoint v2
  it('a legacy endpoint on the q35 root bus loses the PCIe capability but keeps a rebuilt extended chain', () => {
    const q = igbWith(legacy);
    expect(q.readConfig(0x71, 1).value).toBe(0x00); // MSI-X is now the tail
    expect(q.dropped.map((d) => [d.offset, d.id, d.extended])).toEqual([
      [0xa0, 0x10, false],
      [0x150, 0x0e, true],
      [0x160, 0x10, true],
    ]);
    expect(extChain(q)).toEqual([0x100, 0x140]);
    expect(q.readConfig(0x140, 4)).toMatchObject({ value: 0x00010003, fromQemu: 0xffc00000 }); // next: QEMU's
  });
  it('the hidden capability’s own next pointer is emulated, holding the VMM view’s value', () => {
    const q = igbWith(legacy);
    expect(q.readConfig(0xa1, 1)).toMatchObject({ value: 0x00, fromQemu: 0xff });
  });
  it('dropped extended capabilities keep an emulated next field; their bodies read from the vfio region', () => {
    const q = igbWith(legacy);
    const ari = q.readConfig(0x150, 4);
    expect(ari.fromQemu).toBe(0xffc00000);
    expect(ari.value).toBe(q.vfio.read(0x150, 4));
    expect(q.readConfig(0x154, 4).fromQemu).toBe(0);
  });
  it('on a real legacy endpoint (Fiji) on the q35 root bus, ARI is dropped and the chain rebuilt', () => {
    const q = fiji();
    expect(q.dropped.map((d) => d.offset)).toEqual([0x58, 0x328]);
    expect(extChain(q)).toEqual([0x100, 0x150, 0x200, 0x2b0, 0x2c0]);
  });
  it('i440fx has no extended chain at all (the bus is not express)', () => {
    const q = igbWith(legacy, { topology: 'i440fx' });
    expect(q.size).toBe(256);
    expect(q.dropped).toEqual([]);
  });
});

describe('Resizable BAR (vfio_setup_rebar_ecap, QEMU 8.1+)', () => {
  // Fiji: ReBAR at 0x200, one BAR (BAR0), CAP 0x0001f000 (256 MB..4 GB), CTRL 0x00000820 (256 MB, NBAR 1).
  it('9.1: CAP advertises only the current size, CTRL keeps size | NBAR | index; both fully emulated', () => {
    const q = fiji({ topology: 'q35-root-port' });
    expect(q.vfio.read(0x204, 4)).toBe(0x0001f000);
    expect(q.readConfig(0x204, 4)).toMatchObject({ value: 0x00001000, fromQemu: 0xffffffff, vfio: null });
    expect(q.readConfig(0x208, 4)).toMatchObject({ value: 0x00000820, fromQemu: 0xffffffff, vfio: null });
    expect(q.readConfig(0x200, 4).value).toBe(0x2b010015);
  });
  it('CTRL bits outside BAR size, NBAR and BAR index are cleared', () => {
    const q = fijiWith((b) => writeLE(b, 0x208, 4, 0xffff0820), { version: '9.1' });
    expect(q.readConfig(0x208, 4).value).toBe(0x00000820);
  });
  it('a guest write to the size field reaches the vfio region but the guest still reads the emulated size', () => {
    const q = fiji({ version: '10.1' });
    const w = q.writeConfig(0x208, 4, 0x00000c20); // ask for 4 GB
    expect(w.qemuChanged).toBe(0);
    expect(q.readConfig(0x208, 4).value).toBe(0x00000820);
  });
  it('8.0 and older drop it from the chain; the bytes read from the vfio region', () => {
    const q = fiji({ version: '8.0' });
    expect(q.dropped.find((d) => d.offset === 0x200)?.why).toMatch(/8\.1/);
    expect(extChain(q)).toEqual([0x100, 0x150, 0x2b0, 0x2c0]);
    expect(q.readConfig(0x204, 4)).toMatchObject({ value: 0x0001f000, fromQemu: 0 });
  });
  it('a current size of 1 TB: hidden before 10.1 (PCI_REBAR_CAP_SIZES 0x00FFFFF0), bit 24 from 10.1', () => {
    const tb = (b: Uint8Array) => writeLE(b, 0x208, 4, 0x00001420); // size 20 = 1 TB
    const old = fijiWith(tb, { version: '9.1' });
    expect(old.dropped.find((d) => d.offset === 0x200)?.why).toMatch(/0xfffff0/);
    expect(extChain(old)).toEqual([0x100, 0x150, 0x2b0, 0x2c0]);
    const now = fijiWith(tb, { version: '10.1' });
    expect(now.readConfig(0x204, 4).value).toBe(0x01000000);
    expect(now.readConfig(0x208, 4).value).toBe(0x00001420);
  });
  it('sizes 27 (128 TB) and 28: the top CAP bit, then nothing CAP can express', () => {
    const size = (n: number) => (b: Uint8Array) => writeLE(b, 0x208, 4, 0x20 | (n << 8));
    expect(fijiWith(size(27), { version: '10.1' }).readConfig(0x204, 4).value).toBe(0x80000000);
    expect(fijiWith(size(28), { version: '10.1' }).dropped.map((d) => d.offset)).toContain(0x200);
  });
  it('with two BARs, a first entry already emulated stays emulated when the second hides the capability', () => {
    const q = fijiWith(
      (b) => {
        writeLE(b, 0x208, 4, 0x00000840); // NBAR 2, BAR0 256 MB
        writeLE(b, 0x20c, 4, 0x00100000);
        writeLE(b, 0x210, 4, 0x00001402); // BAR2 at 1 TB: beyond 9.1's CAP sizes
      },
      { version: '9.1', topology: 'q35-root-port' },
    );
    expect(q.dropped.map((d) => d.offset)).toContain(0x200);
    expect(q.readConfig(0x204, 4)).toMatchObject({ value: 0x00001000, fromQemu: 0xffffffff });
    expect(q.readConfig(0x20c, 4).fromQemu).toBe(0);
  });
  it('an unknown QEMU version is an option error', () => {
    expect(() => fiji({ version: '7.2' as never })).toThrow(/QEMU version must be one of 8\.0, 9\.1, 10\.1/);
  });
});

describe('PM capability wmask (pci_pm_init from QEMU 10.0)', () => {
  it('10.1 opens PowerState in QEMU’s copy; 9.1 keeps the capability read-only', () => {
    const now = igbWith(() => {}, { version: '10.1' });
    expect(readLE(now.wmask, 0x44, 2)).toBe(0x0003);
    expect(readLE(now.wmask, 0x48, 4)).toBe(0xffffffff); // pci_pm_init covers 8 bytes
    const old = igbWith(() => {}, { version: '9.1' });
    expect(readLE(old.wmask, 0x44, 2)).toBe(0);
    expect(readLE(old.wmask, 0x48, 4)).toBe(0);
  });
});

describe('why a guest bit comes from QEMU (whyEmulated, shown by the inspector)', () => {
  it('names the QEMU function, and the release where it matters', () => {
    const q = fiji({ version: '9.1', topology: 'q35-root-port' });
    expect(q.whyEmulated(0x204, 4)).toEqual([
      expect.stringMatching(/^vfio_setup_rebar_ecap \(QEMU 8\.1 and later; this is QEMU 9\.1/),
    ]);
    expect(q.whyEmulated(0x10, 4)).toEqual([expect.stringMatching(/^vfio_pci_config_setup: the BARs/)]);
    expect(q.whyEmulated(0x04, 2)).toEqual([]); // COMMAND: the vfio region's
    expect(q.whyEmulated(0x204, 4)).not.toEqual(fiji({ version: '8.0' }).whyEmulated(0x204, 4));
  });
  it('only rules whose bits are in the range count: STATUS byte 0x06 yes, byte 0x07 no', () => {
    const q = igbWith(() => {});
    expect(q.whyEmulated(0x06, 1)).toEqual([expect.stringMatching(/^vfio_add_std_cap/)]);
    expect(q.whyEmulated(0x07, 1)).toEqual([]);
    expect(q.whyEmulated(0xa2, 2)).toEqual([expect.stringMatching(/type 9/)]);
    expect(igbWith((b) => (b[0xa2] = 0), { topology: 'i440fx' }).whyEmulated(0xa2, 2)).toEqual([
      expect.stringMatching(/version 1 on any bus where it is kept, i440fx included/),
    ]);
  });
});

describe('a session on a chosen QEMU release (createSession({ qemu }))', () => {
  it('8.0 leaves Fiji’s ReBAR CAP to the vfio region; 9.1 (the default) emulates it', () => {
    const bytes = fixtureBytes('1002-7300-fiji-radeon-r9-fury-gpu');
    const cap = (qemu?: '8.0' | '9.1') => {
      const s = createSession({ bytes, ops: [], qemu });
      return [readLE(s.views.guest, 0x204, 4), readLE(s.views.guestFromQemu, 0x204, 4)];
    };
    expect(cap('8.0')).toEqual([0x0001f000, 0]);
    expect(cap()).toEqual([0x00001000, 0xffffffff]);
  });
});
