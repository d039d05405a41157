/** The special read/write handlers of vfio_pci_config.c, checked against shared/reference/vfio-config.md §2–§6. */
import { describe, expect, it } from 'vitest';
import { createVfioDevice, type HostResource } from '../../src/index';
import { device } from '../helpers/device';
import { fixtureBytes } from '../helpers/fixtures';

const IGB = '8086-10c9-82576-igb-sriov';
const igbResources: HostResource[] = [
  { index: 0, start: 0xb1a60000, size: 0x20000, type: 'mem32' },
  { index: 2, start: 0x2020, size: 0x20, type: 'io' },
  { index: 3, start: 0x1_0000_0000, size: 0x4000, type: 'mem64', prefetch: true },
  { index: 6, start: 0xfffe0000, size: 0x20000, type: 'rom' },
];

describe('opening the device (vfio_pci_core_enable before vfio_config_init)', () => {
  it('clears bus master, MSI-X enable and (PCI 2.3) INTx-disable on the physical device', () => {
    const d = device(IGB);
    expect(fixtureBytes(IGB)[4]).toBe(0x07);
    expect(d.physical[4] | (d.physical[5] << 8)).toBe(0x0003);
    expect(d.physical[0x73] & 0x80).toBe(0);
    expect(d.effects.map((e) => e.fn)).toEqual(['pci_clear_master', 'pci_disable_msix', 'pci_intx']);
  });
  it('nointx keeps INTx-disable set and hides the pin', () => {
    const d = device(IGB, { nointx: true });
    expect(d.physical[5] & 0x04).toBe(0x04);
    expect(d.read(0x3d, 1)).toBe(0);
  });
  it('enable: false leaves the dump as it is', () => {
    const d = device(IGB, { enable: false });
    expect(d.physical[4]).toBe(0x07);
    expect(d.effects).toHaveLength(0);
  });
  it('an SR-IOV VF shows the IDs the PCI core knows, and pin 0', () => {
    const d = device(IGB, { virtfn: { vendor: 0x8086, device: 0x10ca } });
    expect(d.read(0, 4)).toBe(0x10ca8086);
    expect(d.read(0x3d, 1)).toBe(0);
    expect(d.warnings).toContain('Hardware bug: VF reports bogus INTx pin 1');
  });
});

describe('default read: (hardware & ~virt) | (vconfig & virt)', () => {
  it('COMMAND takes bit 10 from vconfig and the rest from hardware', () => {
    const d = device(IGB);
    d.host.physicalWrite(0x04, 2, 0x0406);
    const r = d.readDetailed(0x04, 2);
    expect(r.value).toBe(0x0006);
    expect(r.fromVconfig).toBe(0x0400);
    expect(r.fromHardware).toBe(0xfbff);
  });
});

describe('COMMAND writes (vfio_basic_config_write)', () => {
  it('bit 10 goes to vconfig, the rest to hardware; INTx-disable emulation makes the physical bit follow', () => {
    const d = device(IGB);
    const w = d.writeDetailed(0x04, 2, 0x0406);
    expect(w.toVconfig).toBe(0x0400);
    expect(w.toHardware).toBe(0xfbff);
    expect(w.dropped).toBe(0);
    expect(d.state.virqDisabled).toBe(true);
    expect(d.physical[4] | (d.physical[5] << 8)).toBe(0x0406);
    expect(w.effects.map((e) => e.fn)).toContain('pci_intx');
    expect(d.read(0x04, 2)).toBe(0x0406);
  });
  it('writing MEM off zaps the BAR mmaps', () => {
    const d = device(IGB);
    expect(d.writeDetailed(0x04, 2, 0x0001).effects.map((e) => e.fn)).toContain(
      'vfio_pci_zap_and_down_write_memory_lock',
    );
  });
  it('a BAR that no longer matches the hardware is restored on the next COMMAND write (backdoor reset)', () => {
    const d = device(IGB);
    d.host.physicalWrite(0x10, 4, 0);
    const w = d.writeDetailed(0x04, 2, 0x0007);
    expect(w.effects.map((e) => e.fn)).toContain('vfio_bar_restore');
    expect(d.physical[0x13]).toBe(0xb1);
  });
  it('STATUS is read-only: no bit is written, not even RW1C error bits', () => {
    const d = device(IGB);
    d.host.physicalWrite(0x06, 2, 0xf810);
    const w = d.writeDetailed(0x06, 2, 0xf800);
    expect(w.dropped).toBe(0xffff);
    expect(d.physical[7]).toBe(0xf8);
  });
});

describe('BAR sizing emulation (vfio_bar_fixup)', () => {
  const d = createVfioDevice(fixtureBytes(IGB), { resources: igbResources });
  it('reads the host address, masked, with flags from the resource', () => {
    expect(d.read(0x10, 4)).toBe(0xb1a60000);
    expect(d.read(0x18, 4)).toBe(0x00002021);
  });
  it('unassigned BARs read 0', () => {
    expect(d.read(0x14, 4)).toBe(0);
    expect(d.read(0x24, 4)).toBe(0);
  });
  it('all-ones then read returns the size mask; hardware is untouched', () => {
    d.write(0x10, 4, 0xffffffff);
    expect(d.read(0x10, 4)).toBe(0xfffe0000);
    expect(d.physical[0x13]).toBe(0xb1);
    d.write(0x18, 4, 0xffffffff);
    expect(d.read(0x18, 4)).toBe(0xffffffe1);
  });
  it('a 64-bit prefetchable BAR sizes both halves', () => {
    d.write(0x1c, 4, 0xffffffff);
    d.write(0x20, 4, 0xffffffff);
    expect(d.read(0x1c, 4)).toBe(0xffffc00c);
    expect(d.read(0x20, 4)).toBe(0xffffffff);
  });
  it('the ROM BAR keeps its enable bit and the size mask', () => {
    d.write(0x30, 4, 0xffffffff);
    expect(d.read(0x30, 4)).toBe(0xfffe0001);
  });
  it('a shadow ROM sizes as 128 KiB; no ROM reads 0', () => {
    const shadow = createVfioDevice(fixtureBytes(IGB), {
      resources: [{ index: 6, start: 0, size: 0, type: 'romShadow' }],
    });
    shadow.write(0x30, 4, 0xffffffff);
    expect(shadow.read(0x30, 4)).toBe(0xfffe0001);
    const none = createVfioDevice(fixtureBytes(IGB), { resources: [] });
    expect(none.read(0x30, 4)).toBe(0);
  });
});

describe('Power Management (vfio_pm_config_write)', () => {
  it('PME_Support, PME_En and PME_Status read 0 even when the device sets them', () => {
    const d = device(IGB);
    d.host.physicalWrite(0x44, 2, 0x8100);
    expect(d.read(0x42, 2) & 0xf800).toBe(0);
    expect(d.read(0x44, 2) & 0x8100).toBe(0);
  });
  it('a chunk starting at PMCSR traps: the written low two bits pick the power state', () => {
    const d = device(IGB);
    const w = d.writeDetailed(0x44, 4, 0x00000003);
    expect(w.effects.map((e) => e.fn)).toContain('pci_set_low_power_state');
    expect(d.physical[0x44] & 3).toBe(3);
    expect(d.read(0x44, 1) & 3).toBe(3);
  });
  it('a chunk starting at PMCSR+1 does not trap', () => {
    const d = device(IGB);
    expect(d.writeDetailed(0x45, 1, 0x00).effects).toHaveLength(0);
  });
});

describe('MSI flags (vfio_msi_config_write / _read)', () => {
  it('before SET_IRQS, ENABLE is forced off and QSIZE clamps to msi_qmax 0; the whole word reaches hardware', () => {
    const d = device(IGB);
    const w = d.writeDetailed(0x52, 2, 0x0021);
    expect(d.read(0x52, 2) & 0x71).toBe(0);
    expect(d.physical[0x52] & 0x71).toBe(0);
    expect(w.toVconfig).toBe(0x00ff);
    expect(w.toHardware).toBe(0xffff);
    expect(w.effects[0].fn).toBe('vfio_msi_config_write');
  });
  it('after SET_IRQS enabled MSI with 4 vectors (qmax 2), ENABLE passes and QSIZE 3 clamps to 2', () => {
    const d = device(IGB);
    d.host.setIrqState('msi', 2);
    d.write(0x52, 1, 0xb1);
    expect(d.read(0x52, 1)).toBe(0xa1);
    expect(d.physical[0x52]).toBe(0xa1);
  });
  it('the flags low byte is fully writable: a guest can clobber 64BIT in its view (and, in memory mode, the device)', () => {
    const d = device(IGB);
    d.write(0x52, 1, 0x00);
    expect(d.read(0x52, 1) & 0x80).toBe(0);
    const real = device(IGB, { hardware: 'realistic' });
    real.write(0x52, 1, 0x00);
    expect(real.read(0x52, 1) & 0x80).toBe(0);
    expect(real.physical[0x52] & 0x80).toBe(0x80);
  });
  it('msi_qmax survives a disable', () => {
    const d = device(IGB);
    d.host.setIrqState('msi', 2);
    d.host.setIrqState('none');
    expect(d.state.msiQmax).toBe(2);
    d.write(0x52, 1, 0xb1);
    expect(d.read(0x52, 1)).toBe(0xa0);
  });
  it('a 1-byte write to the next pointer (offset 1) also runs the fixup; offset 0 does not', () => {
    const d = device(IGB);
    expect(d.writeDetailed(0x51, 1, 0x70).effects.map((e) => e.fn)).toEqual(['vfio_msi_config_write']);
    expect(d.writeDetailed(0x50, 1, 0x05).effects).toHaveLength(0);
  });
  it('reading the flags rewrites QMASK into the ID byte of vconfig, not the flags (the kernel slip)', () => {
    const d = device(IGB);
    d.host.setIrqState('msi', 3);
    const before = d.read(0x52, 2);
    expect(d.vconfig[0x50]).toBe(0x07);
    expect(d.read(0x52, 2)).toBe(before);
    expect(d.read(0x50, 1)).toBe(0x05);
  });
});

describe('MSI address and data: virtual by default, physical with PCI_MSI_NOVIRT', () => {
  it('a guest write lands in vconfig and echoes back; the device keeps the host message', () => {
    const d = device('8086-095a-wireless-7265-wifi');
    const w = d.writeDetailed(0xd4, 4, 0xfee00000);
    expect(w.toVconfig).toBe(0xffffffff);
    expect(w.toHardware).toBe(0);
    expect(d.read(0xd4, 4)).toBe(0xfee00000);
    expect(d.physical[0xd4] | (d.physical[0xd5] << 8)).toBe(0xf00c);
  });
  it('with novirt, reads follow the hardware and writes are dropped without touching it', () => {
    const d = device('8086-095a-wireless-7265-wifi');
    d.write(0xd4, 4, 0xfee00000);
    expect(d.deviceFeature(0x2000b, 8)).toBe(0);
    expect(d.read(0xd4, 4)).toBe(0xfee0f00c);
    expect(d.read(0xdc, 2)).toBe(0x4162);
    const w = d.writeDetailed(0xd4, 4, 0x12345678);
    expect(w.dropped).toBe(0xffffffff);
    expect(d.read(0xd4, 4)).toBe(0xfee0f00c);
    expect(d.vconfig[0xd7]).toBe(0xfe); // the stale guest value stays in vconfig, unused
    d.host.physicalWrite(0xd4, 4, 0xfee01004);
    expect(d.read(0xd4, 4)).toBe(0xfee01004);
  });
});

describe('PCI Express DEVCTL (vfio_exp_config_write)', () => {
  const devctl = (d: ReturnType<typeof device>) => d.physical[0xa8] | (d.physical[0xa9] << 8);
  it('Initiate FLR reads back 0 and resets when DEVCAP advertises FLR', () => {
    const d = device(IGB);
    const v = d.read(0xa8, 2);
    const w = d.writeDetailed(0xa8, 2, v | 0x8000);
    expect(d.read(0xa8, 2) & 0x8000).toBe(0);
    expect(w.effects.map((e) => e.fn)).toContain('pci_try_reset_function');
  });
  it('MPS is virtual only', () => {
    const d = device(IGB);
    const hw = devctl(d);
    d.write(0xa8, 2, (d.read(0xa8, 2) & ~0x00e0) | 0x0000);
    expect(d.read(0xa8, 2) & 0xe0).toBe(0);
    expect(devctl(d) & 0xe0).toBe(hw & 0xe0);
  });
  it('MRRS goes to hardware with a floor of the physical MPS (256 bytes here)', () => {
    const d = device(IGB);
    expect((devctl(d) >> 5) & 7).toBe(1); // MaxPayload 256
    d.write(0xa8, 2, d.read(0xa8, 2) & ~0x7000); // ask for 128
    expect((devctl(d) >> 12) & 7).toBe(1); // got 256
    d.write(0xa8, 2, (d.read(0xa8, 2) & ~0x7000) | 0x5000); // 4096
    expect((devctl(d) >> 12) & 7).toBe(5);
  });
  it('encodings 6 and 7 exceed 4096 bytes; pcie_set_readrq refuses them and hardware keeps its MRRS', () => {
    const d = device(IGB);
    const before = (devctl(d) >> 12) & 7;
    const w = d.writeDetailed(0xa8, 2, (d.read(0xa8, 2) & ~0x7000) | 0x6000);
    expect((devctl(d) >> 12) & 7).toBe(before);
    expect(w.effects.some((e) => /rejected/.test(e.detail))).toBe(true);
  });
  it('phantom functions are not writable; link control is not writable at all', () => {
    const d = device(IGB);
    d.write(0xa8, 2, d.read(0xa8, 2) | 0x0200);
    expect(devctl(d) & 0x0200).toBe(0);
    expect(d.writeDetailed(0xb0, 2, 0x0003).dropped).toBe(0xffff);
  });
});

describe('VPD (vfio_vpd_config_write)', () => {
  const vpd = new Uint8Array(64).map((_, i) => i);
  it('writing the address with F clear reads 4 bytes into DATA and sets F', () => {
    const d = device('15b3-1019-connectx5-ex-nic', { vpd });
    d.write(0x4a, 2, 0x0010);
    expect(d.read(0x4a, 2)).toBe(0x8010);
    expect(d.read(0x4c, 4)).toBe(0x13121110);
  });
  it('writing DATA then the address with F set writes VPD and clears F', () => {
    const d = device('15b3-1019-connectx5-ex-nic', { vpd });
    d.write(0x4c, 4, 0xdeadbeef);
    d.write(0x4a, 2, 0x8004);
    expect(d.read(0x4a, 2)).toBe(0x0004);
    d.write(0x4a, 2, 0x0004);
    expect(d.read(0x4c, 4)).toBe(0xdeadbeef);
  });
  it('without VPD contents the access fails and F does not toggle (the guest times out)', () => {
    const d = device('15b3-1019-connectx5-ex-nic');
    d.write(0x4a, 2, 0x0010);
    expect(d.read(0x4a, 2)).toBe(0x0010);
  });
  it('only a chunk containing ADDR+1 starts an access', () => {
    const d = device('15b3-1019-connectx5-ex-nic', { vpd });
    expect(d.read(0x4a, 2)).toBe(0x80cc); // F is already set in this dump
    const w = d.writeDetailed(0x4a, 1, 0x10);
    expect(w.effects).toHaveLength(0);
    expect(d.read(0x4a, 2)).toBe(0x8010);
    expect(d.writeDetailed(0x4b, 1, 0x00).effects.map((e) => e.fn)).toEqual(['pci_read_vpd']);
    expect(d.read(0x4a, 2)).toBe(0x8010);
  });
});
