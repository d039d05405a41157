/** QEMU's guest view (qemu-vfio.md §1–§2): emulated_config_bits, rebuilt chains, PCIe conversion, MSI emulation. */
import { describe, expect, it } from 'vitest';
import { createVfioDevice, QemuVfioPci, type HostResource } from '../../src/index';
import { fixtureBytes } from '../helpers/fixtures';

const wifi = () => new QemuVfioPci(createVfioDevice(fixtureBytes('8086-095a-wireless-7265-wifi')));
const igbResources: HostResource[] = [{ index: 0, start: 0xb1a60000, size: 0x20000, type: 'mem32' }];
const igb = (topology?: 'q35-root' | 'q35-root-port' | 'i440fx') =>
  new QemuVfioPci(createVfioDevice(fixtureBytes('8086-10c9-82576-igb-sriov'), { resources: igbResources }), {
    topology,
  });

describe('read merge: (QEMU copy & emulated) | (vfio region & ~emulated)', () => {
  it('the MSI capability is all QEMU: the guest sees zeroed address/data, no kernel access', () => {
    const q = wifi();
    const r = q.readConfig(0xd4, 4);
    expect(r).toMatchObject({ value: 0, fromQemu: 0xffffffff, vfio: null });
    expect(q.vfio.read(0xd4, 4)).toBe(0xfee0f00c);
    expect(q.readConfig(0xd2, 2).value).toBe(0x0080); // same shape as hardware: 64-bit, MMC 1, disabled
  });
  it('COMMAND comes from the vfio region; STATUS.CAP_LIST from QEMU', () => {
    const q = wifi();
    const r = q.readConfig(0x04, 4);
    expect(r.fromQemu).toBe(0x00100000);
    expect(r.value & 0xffff).toBe(q.vfio.read(0x04, 2));
    expect(r.fromVconfig).toBe(0x00000400); // INTx-disable is the kernel's
  });
  it('BARs are QEMU registers: type bits first, then the size mask after all-ones', () => {
    const q = igb();
    expect(q.readConfig(0x10, 4).value).toBe(0);
    q.writeConfig(0x10, 4, 0xffffffff);
    expect(q.readConfig(0x10, 4).value).toBe(0xfffe0000);
    expect(q.readConfig(0x14, 4).value).toBe(0);
  });
});

describe('capability chains as QEMU rebuilds them', () => {
  it('keeps the VMM view order with emulated next pointers', () => {
    const q = wifi();
    expect(q.readConfig(0x34, 1).value).toBe(0xc8);
    expect(q.readConfig(0xc9, 1).value).toBe(0xd0);
    expect(q.readConfig(0xd1, 1).value).toBe(0x40);
    expect(q.readConfig(0x41, 1).value).toBe(0x00);
  });
  it('drops ARI and SR-IOV from the extended chain', () => {
    const q = igb();
    expect(q.readConfig(0x100, 4).value).toBe(0x14010001); // AER v1 → DSN
    expect((q.readConfig(0x140, 4).value >>> 20) & 0xffc).toBe(0);
    expect(q.dropped.map((d) => [d.offset, d.id])).toEqual([
      [0x150, 0x0e],
      [0x160, 0x10],
    ]);
  });
});

describe('PCIe capability by topology (vfio_setup_pcie_cap)', () => {
  it('an endpoint on the q35 root bus becomes a root-complex integrated endpoint with zeroed link registers', () => {
    const q = igb();
    expect((q.readConfig(0xa2, 2).value >> 4) & 0xf).toBe(9);
    expect(q.vfio.read(0xa2, 2) & 0xf0).toBe(0x00);
    expect(q.readConfig(0xac, 4).value).toBe(0);
    expect(q.readConfig(0xb2, 2).value).toBe(0);
  });
  it('behind a root port it stays an endpoint; on i440fx it is unchanged and the space is 256 bytes', () => {
    expect((igb('q35-root-port').readConfig(0xa2, 2).value >> 4) & 0xf).toBe(0);
    const i = igb('i440fx');
    expect(i.size).toBe(256);
    expect((i.readConfig(0xa2, 2).value >> 4) & 0xf).toBe(0);
  });
});

describe('guest writes (vfio_pci_write_config)', () => {
  it('go to the vfio region first, then into QEMU’s copy; enabling MSI is reported', () => {
    const q = wifi();
    expect(q.writeConfig(0xd4, 4, 0xfee00000).transition).toBeNull();
    q.writeConfig(0xdc, 2, 0x0021);
    expect(q.vfio.read(0xd4, 4)).toBe(0xfee00000); // the kernel's vconfig got it too
    const w = q.writeConfig(0xd2, 2, 0x0081);
    expect(w.transition).toBe('msi-enable');
    expect(q.msiVectors()).toBe(1);
    expect(q.msiMessage(0)).toEqual({ address: 0xfee00000, addressHi: 0, data: 0x21 });
    expect(q.writeConfig(0xdc, 2, 0x0022).transition).toBe('msi-update');
    expect(q.writeConfig(0xd2, 2, 0x0080).transition).toBe('msi-disable');
  });
  it('the address low bits and read-only flags are not writable in the copy; MME clamps to MMC', () => {
    const q = wifi();
    q.writeConfig(0xd4, 4, 0xfee00003);
    expect(q.readConfig(0xd4, 4).value).toBe(0xfee00000);
    q.writeConfig(0xd2, 2, 0x0031);
    expect(q.readConfig(0xd2, 2).value).toBe(0x0081);
  });
  it('with 16 vectors, msi_get_message puts the vector in the low data bits', () => {
    const bytes = fixtureBytes('8086-095a-wireless-7265-wifi').slice();
    bytes[0xd2] = 0x88; // 64-bit, MMC = 16
    const q = new QemuVfioPci(createVfioDevice(bytes));
    q.writeConfig(0xd4, 4, 0xfee01000);
    q.writeConfig(0xdc, 2, 0x0040);
    q.writeConfig(0xd2, 2, 0x0049);
    expect(q.msiVectors()).toBe(16);
    expect(q.msiMessage(5)).toEqual({ address: 0xfee01000, addressHi: 0, data: 0x45 });
  });
  it('an MSI-X capability is emulated: 12 bytes, only Enable and Function Mask writable', () => {
    const q = new QemuVfioPci(createVfioDevice(fixtureBytes('8086-10c9-82576-igb-sriov')));
    expect(q.readConfig(0x72, 2).value).toBe(9); // 10 entries, disabled
    expect(q.writeConfig(0x72, 2, 0xffff).transition).toBe('msix-enable');
    expect(q.readConfig(0x72, 2).value).toBe(0xc009);
  });
  it('rejects accesses outside the guest config space', () => {
    expect(() => igb('i440fx').readConfig(0x100, 4)).toThrow(/outside the 256-byte/);
  });
});
