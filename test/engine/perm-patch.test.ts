/**
 * Permission patches (src/vfio/patch): the notation's parse errors with line and column, the built-ins
 * held to the engine's own rules on every fixture (the RFC's vfio_pci_msi_novirt() = feature 11's tables,
 * the EXP length fix = v7.0's map), and exact masks of the diff.
 */
import { describe, expect, it } from 'vitest';
import {
  builtinPatch,
  createVfioDevice,
  diffPatch,
  parsePermPatch,
  patchReach,
  permPatchOrThrow,
  VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT,
  VFIO_DEVICE_FEATURE_SET,
  type PermPatch,
} from '../../src/index';
import { fixtureBytes, fixtureNames } from '../helpers/fixtures';
import { device, perm } from '../helpers/device';

const builtin = (name: string): PermPatch => permPatchOrThrow(builtinPatch(name)!.text, name);
/** Fixtures vfio-pci binds (type-0 headers); the bridges are refused at registration. */
const bindable = fixtureNames().filter((n) => (fixtureBytes(n)[0x0e] & 0x7f) === 0);
const NO_MSI_TABLE =
  'patch "novirt" lines 3, 4, 5, 6: this device has no MSI capability, so vfio-pci builds no MSI table for it; the lines do not apply to it';
const errorsOf = (text: string) => {
  const r = parsePermPatch(text);
  if (r.ok) throw new Error('parsed');
  return r.errors;
};

describe('built-in novirt: the RFC in the notation', () => {
  it.each(bindable)(
    '%s: v6.11 + novirt = v6.11 + the RFC after SET PCI_MSI_NOVIRT, byte for byte',
    (name) => {
      const bytes = fixtureBytes(name);
      const rfc = createVfioDevice(bytes, { kernel: 'v6.11-rfc' });
      const ret = rfc.deviceFeature(VFIO_DEVICE_FEATURE_SET | VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT, 8);
      expect(ret === 0 || ret === -25).toBe(true); // -ENOTTY: no MSI, nothing to edit
      const patched = createVfioDevice(bytes, { kernel: 'v6.11', patch: builtin('novirt') });
      expect(patched.perm.virt).toEqual(rfc.perm.virt);
      expect(patched.perm.write).toEqual(rfc.perm.write);
      expect(patched.map).toEqual(rfc.map);
      // Without MSI (the RFC's SET answers -ENOTTY) the patched open says its lines do not apply.
      const noMsi = ret === -25 ? [NO_MSI_TABLE] : [];
      expect(patched.warnings).toEqual([...createVfioDevice(bytes, { kernel: 'v6.11' }).warnings, ...noMsi]);
    },
  );

  it('exact masks: 82576 (64-bit MSI at 0x50) address and data go 0/0, flags and mask stay', () => {
    const d = device('8086-10c9-82576-igb-sriov', { kernel: 'v6.11', patch: builtin('novirt') });
    expect(perm(d, 0x54, 4)).toEqual({ virt: 0, write: 0 });
    expect(perm(d, 0x58, 4)).toEqual({ virt: 0, write: 0 });
    expect(perm(d, 0x5c, 2)).toEqual({ virt: 0, write: 0 });
    expect(perm(d, 0x52, 1)).toEqual({ virt: 0xff, write: 0xff });
    expect(d.describe(0x54).why).toBe(
      'Patched by "novirt" (line 3): p_setd virt 0x00000000, write 0x00000000.',
    );
  });

  it('exact diff: ICH8M AHCI (32-bit MSI at 0x80): 48 bits in ADDRESS_LO and DATA_32', () => {
    const d = diffPatch(fixtureBytes('8086-2829-ich8m-ahci-sata'), builtin('novirt'), { kernel: 'v6.11' });
    expect(d.registers.map((r) => [r.register, r.offset, r.unvirtualized, r.unwritable])).toEqual([
      ['PCI_MSI_ADDRESS_LO', 0x84, 0xffffffff, 0xffffffff],
      ['PCI_MSI_DATA_32', 0x88, 0xffff, 0xffff],
    ]);
    expect(d.bits).toHaveLength(48);
    expect(d.bits[0]).toEqual({
      offset: 0x84,
      bit: 0,
      register: 'PCI_MSI_ADDRESS_LO',
      before: { virt: true, write: true },
      after: { virt: false, write: false },
    });
    expect(d.summary).toEqual([
      '32 bits stop being virtualized, 32 bits stop being writable in PCI_MSI_ADDRESS_LO (MSI, 0x84)',
      '16 bits stop being virtualized, 16 bits stop being writable in PCI_MSI_DATA_32 (MSI, 0x88)',
      '48 bits change class in 2 registers.',
    ]);
    expect(d.warnings).toEqual([]);
  });

  it('a device without MSI (virtio-net: MSI-X only): nothing changes, and the summary says why', () => {
    const d = diffPatch(fixtureBytes('1af4-1000-virtio-net-qemu'), builtin('novirt'));
    expect(d.bits).toEqual([]);
    expect(d.summary).toEqual([
      'No bit changes class on this device: the lines named below do not apply to it, and any other line gives its bits the classes they already have.',
    ]);
    expect(d.warnings).toEqual([NO_MSI_TABLE]);
  });

  it('QCA988X (a 64-byte lspci -x dump): no MSI table because the capability list is not in the dump', () => {
    // The dump ends at 0x40 where its capability pointer points; the rest reads as 0, so vfio_cap_init()
    // finds no capability, vfio_msi_cap_len() never runs and there is no MSI table for novirt to edit.
    const d = diffPatch(fixtureBytes('168c-003c-qca988x-ath10k-wifi'), builtin('novirt'), {
      kernel: 'v6.11',
    });
    expect(d.bits).toEqual([]);
    expect(d.registers).toEqual([]);
    expect(d.warnings).toEqual([NO_MSI_TABLE]);
    expect(d.summary).toEqual([
      'Only the first 64 of its 256 bytes are known (the dump ends at 0x40; the rest read as 0), so no capability past them is seen: on the real device the patch may change more.',
      'No bit changes class on this device: the lines named below do not apply to it, and any other line gives its bits the classes they already have.',
    ]);
  });

  it('lines for tables a device lacks are warnings, one per reason, naming the lines', () => {
    const p = permPatchOrThrow(
      [
        'cap PCI_CAP_ID_EXP PCI_EXP_DEVCTL2 p_setw NO_VIRT (u16)ALL_WRITE',
        'ecap PCI_EXT_CAP_ID_ERR length 0x40',
        'sizeof PCI_CAP_EXP_ENDPOINT_SIZEOF_V2 0x34',
        'basic PCI_COMMAND p_setw PCI_COMMAND_INTX_DISABLE | PCI_COMMAND_MEMORY (u16)ALL_WRITE',
        'cap PCI_CAP_ID_EXP length 0x3c',
      ].join('\n'),
      'mixed',
    );
    // ICH8M AHCI: 256 bytes, MSI and PM and SATA but no PCIe capability, no extended space.
    const d = diffPatch(fixtureBytes('8086-2829-ich8m-ahci-sata'), p, { kernel: 'v6.11' });
    expect(d.warnings).toEqual([
      'patch "mixed" lines 1, 5: this device has no Express capability (PCI_CAP_ID_EXP) that vfio-pci maps; the lines do not apply to it',
      'patch "mixed" line 2: this device\'s config space is 256 bytes, with no room for an extended Advanced Error Reporting capability (PCI_EXT_CAP_ID_ERR); the line does not apply to it',
      'patch "mixed" line 3: this device has no PCI Express capability, so PCI_CAP_EXP_ENDPOINT_SIZEOF_V2 sizes nothing here; the line does not apply to it',
    ]);
    expect(d.registers.map((r) => [r.register, r.virtBefore, r.virtAfter])).toEqual([
      ['PCI_COMMAND', 0x0400, 0x0402],
    ]);
    // ICH8 HDA: PCIe version 1 (an RC integrated endpoint) and no AER in its extended space.
    const hda = diffPatch(fixtureBytes('8086-284b-ich8-hda-audio'), p, { kernel: 'v6.11' });
    expect(hda.warnings).toEqual([
      'patch "mixed" line 2: this device has no Advanced Error Reporting capability (PCI_EXT_CAP_ID_ERR) that vfio-pci maps; the line does not apply to it',
      'patch "mixed" line 3: this device\'s PCI Express capability is version 1, sized by the V1 constants, so PCI_CAP_EXP_ENDPOINT_SIZEOF_V2 sizes nothing here; the line does not apply to it',
    ]);
    // 82576: a v2 endpoint with AER takes every line.
    expect(diffPatch(fixtureBytes('8086-10c9-82576-igb-sriov'), p, { kernel: 'v6.11' }).warnings).toEqual([]);
  });
});

describe('built-in exp-length: the v7.0 fix in the notation', () => {
  it.each(bindable)('%s: v6.11 + exp-length maps and permits exactly as v7.0', (name) => {
    const bytes = fixtureBytes(name);
    const v7 = createVfioDevice(bytes, { kernel: 'v7.0' });
    const patched = createVfioDevice(bytes, { kernel: 'v6.11', patch: builtin('exp-length') });
    expect(patched.map).toEqual(v7.map);
    expect(patched.perm.virt).toEqual(v7.perm.virt);
    expect(patched.perm.write).toEqual(v7.perm.write);
  });

  it('82576: LNKSTA2 (0xd2) goes from raw-writable to dropped', () => {
    const d = diffPatch(fixtureBytes('8086-10c9-82576-igb-sriov'), builtin('exp-length'), {
      kernel: 'v6.11',
    });
    expect(d.registers.map((r) => [r.register, r.offset, r.writeBefore, r.writeAfter])).toEqual([
      ['PCI_EXP_LNKSTA2', 0xd2, 0xffff, 0],
    ]);
  });
});

describe('the notation', () => {
  it('casts, ~ and | of bit names give the kernel values; a patched line wins over the table', () => {
    const p = permPatchOrThrow(
      `cap PCI_CAP_ID_EXP PCI_EXP_DEVCTL2 p_setw NO_VIRT (u16)~PCI_EXP_DEVCTL2_ARI
basic PCI_COMMAND p_setw PCI_COMMAND_INTX_DISABLE | PCI_COMMAND_MEMORY (u16)ALL_WRITE  # virtualize MEM too
ecap PCI_EXT_CAP_ID_ERR PCI_ERR_CAP p_setd NO_VIRT 0x140|0x1`,
      'mine',
    );
    expect(p.edits.map((e) => [e.register, e.offset, e.size, e.virt, e.write])).toEqual([
      ['PCI_EXP_DEVCTL2', 0x28, 2, 0, 0xffdf],
      ['PCI_COMMAND', 0x04, 2, 0x0402, 0xffff],
      ['PCI_ERR_CAP', 0x18, 4, 0, 0x141],
    ]);
    const d = device('8086-10c9-82576-igb-sriov', { patch: p });
    expect(perm(d, 0x04, 2)).toEqual({ virt: 0x0402, write: 0xffff });
    expect(perm(d, 0xa0 + 0x28, 2)).toEqual({ virt: 0, write: 0xffdf });
    expect(perm(d, 0x100 + 0x18, 4)).toEqual({ virt: 0, write: 0x141 });
    expect(d.state.kernel).toBe('v6.11-rfc');
  });

  it('a capability length override maps more (or fewer) bytes', () => {
    const p = permPatchOrThrow('cap PCI_CAP_ID_EXP length 0x3c', 'long');
    const d = device('8086-10c9-82576-igb-sriov', { patch: p });
    expect(d.map[0xa0 + 0x3b]).toBe(0x10);
    expect(d.map[0xa0 + 0x3c]).toBe(0xff);
  });

  it('a line for the other MSI layout, with no condition, is a warning on this device, not a silent no-op', () => {
    const p = permPatchOrThrow('msi PCI_MSI_DATA_32 p_setw NO_VIRT NO_WRITE', 'd32');
    const d = diffPatch(fixtureBytes('8086-10c9-82576-igb-sriov'), p);
    expect(d.bits).toEqual([]);
    expect(d.warnings).toEqual([
      'patch "d32" line 1: this 64-bit MSI capability has no PCI_MSI_DATA_32; the line does not apply to it',
    ]);
  });

  it('errors name line, column and what was expected', () => {
    expect(
      errorsOf(`# comment only

cap PCI_CAP_ID_EXP PCI_EXP_DEVCTL2 p_setw NO_VIRT ~PCI_EXP_DEVCTL2_ARI
basic PCI_FOO p_setw 0 0
msi PCI_MSI_FLAGS p_setw 0
foo
ecap PCI_EXT_CAP_ID_ERR PCI_ERR_CAP p_setd 0 0x140 x
basic PCI_COMMAND p_setd 0 0
basic PCI_COMMAND p_setw 0x10000 0
cap PCI_CAP_ID_MSIX 0 p_setb 0 0
cap PCI_CAP_ID_MSI PCI_MSI_FLAGS p_setw 0 0
basic 0x40 p_setb 0 0
basic PCI_COMMAND p_setw 0 0 if PCI_MSI_FLAGS_64BIT
msi 4 p_setd 0 $`),
    ).toEqual([
      {
        line: 3,
        column: 51,
        message:
          'write mask 0xffffffdf is wider than the 16-bit field (p_setw); write (u16) before it as the kernel does',
      },
      {
        line: 4,
        column: 7,
        message: expect.stringMatching(
          /^unknown register "PCI_FOO" in basic; its registers: PCI_VENDOR_ID, /,
        ),
      },
      {
        line: 5,
        column: 27,
        message:
          'expected a mask (ALL_VIRT, NO_VIRT, ALL_WRITE, NO_WRITE, a number, a bit name, "~" or "("), found the end of the line',
      },
      {
        line: 6,
        column: 1,
        message: 'expected a table: basic, msi, cap PCI_CAP_ID_… or ecap PCI_EXT_CAP_ID_…, found "foo"',
      },
      { line: 7, column: 52, message: 'expected the end of the line (one change per line), found "x"' },
      { line: 8, column: 19, message: 'PCI_COMMAND is 2 byte(s) wide; p_setd writes 4' },
      {
        line: 9,
        column: 26,
        message:
          'virt mask 0x10000 is wider than the 16-bit field (p_setw); write (u16) before it as the kernel does',
      },
      {
        line: 10,
        column: 1,
        message:
          'cap PCI_CAP_ID_MSIX has no permission table in vfio_pci_config.c (read directly, writes dropped or raw); a patch can change only existing tables',
      },
      { line: 11, column: 5, message: 'MSI has a per-device table: write "msi", not "cap PCI_CAP_ID_MSI"' },
      { line: 12, column: 7, message: '0x40+1 is past the 64-byte table of basic' },
      {
        line: 13,
        column: 30,
        message: 'only msi lines take a condition (the MSI table is built per device)',
      },
      { line: 14, column: 16, message: 'unexpected character "$"' },
    ]);
  });

  it('permPatchOrThrow: one EngineError with code patch and the first bad line', () => {
    expect(() => permPatchOrThrow('\nbasic PCI_STATUS p_setd 0 0', 'bad')).toThrow(
      expect.objectContaining({
        code: 'patch',
        line: 2,
        message: 'bad: line 2, column 18: PCI_STATUS is 2 byte(s) wide; p_setd writes 4',
      }),
    );
  });

  it("p_setb on a word's low byte is the kernel's own form (init_pci_cap_msi_perm's PCI_MSI_FLAGS)", () => {
    const p = permPatchOrThrow('msi PCI_MSI_FLAGS p_setb (u8)ALL_VIRT NO_WRITE', 'flags');
    const d = device('8086-10c9-82576-igb-sriov', { patch: p });
    expect(perm(d, 0x52, 2)).toEqual({ virt: 0x00ff, write: 0 });
  });

  it('createVfioDevice refuses a patch option that is not a parsed patch', () => {
    expect(() =>
      createVfioDevice(fixtureBytes('1af4-1000-virtio-net-qemu'), { patch: 'novirt' as never }),
    ).toThrow('option "patch" must be a parsed permission patch (parsePermPatch)');
  });
});

describe('patchReach: which devices a patch touches', () => {
  it('novirt touches exactly the fixtures with MSI; bridges are refused, not silently untouched', () => {
    const reach = patchReach(
      fixtureNames().map((id) => ({ id, bytes: fixtureBytes(id) })),
      builtin('novirt'),
    );
    expect(reach.map((r) => [r.id, r.bits, r.registers.length, r.refusal !== null])).toEqual([
      ['1002-7300-fiji-radeon-r9-fury-gpu', 80, 3, false],
      ['1106-3483-vl805-xhci-usb3', 0, 0, false],
      ['1217-7136-oz711sp1-cardbus-bridge', 0, 0, true],
      ['15b3-1019-connectx5-ex-nic', 0, 0, false],
      ['168c-003c-qca988x-ath10k-wifi', 0, 0, false],
      ['1af4-1000-virtio-net-qemu', 0, 0, false],
      ['1b36-0010-qemu-nvme-sriov-pf', 0, 0, false],
      ['8086-095a-wireless-7265-wifi', 80, 3, false],
      ['8086-10c9-82576-igb-sriov', 80, 3, false],
      ['8086-2829-ich8m-ahci-sata', 48, 2, false],
      ['8086-284b-ich8-hda-audio', 80, 3, false],
      ['8086-3408-x58-root-port', 0, 0, true],
    ]);
  });
});
