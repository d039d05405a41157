/** patchReplay: the op-log op by op on the kernel and on the patched kernel, with what changed. */
import { describe, expect, it } from 'vitest';
import {
  ath11kConfig,
  builtinPatch,
  createSession,
  patchReplay,
  permPatchOrThrow,
  routeOf,
  type SessionOp,
} from '../../src/index';
import { fixtureBytes } from '../helpers/fixtures';

const novirt = permPatchOrThrow(builtinPatch('novirt')!.text, 'novirt');
const expLength = permPatchOrThrow(builtinPatch('exp-length')!.text, 'exp-length');
const qca = () => ath11kConfig({ deviceId: 0x1101, msi: 'host' });

const GUEST_ADDRESS: SessionOp = { kind: 'write', as: 'guest', offset: 0x54, size: 4, value: 0xfee00000 };
const VMM_READ: SessionOp = { kind: 'read', as: 'vmm', offset: 0x54, size: 4 };

describe('read ops', () => {
  it("a VMM read is vfio's pread, a guest read goes through QEMU's merge", () => {
    const ops: SessionOp[] = [VMM_READ, { kind: 'read', as: 'guest', offset: 0x54, size: 4 }];
    const s = createSession({ bytes: qca(), ops });
    expect(s.results[0]).toMatchObject({
      kind: 'read',
      as: 'vmm',
      result: { value: 0xfee00578, fromVconfig: 0xffffffff, fromHardware: 0 },
    });
    // QEMU emulates the whole MSI capability; its copy starts with the address zeroed.
    expect(s.results[1]).toMatchObject({
      kind: 'read',
      as: 'guest',
      result: { value: 0, fromQemu: 0xffffffff, vfio: null },
    });
  });
  it('an out-of-range read is an error result, not a throw', () => {
    const s = createSession({ bytes: qca(), ops: [{ kind: 'read', as: 'vmm', offset: 0xfff, size: 2 }] });
    expect(s.results[0]).toEqual({
      kind: 'error',
      message: '-EFAULT: config access of 2 byte(s) at 0xfff is outside the 4096-byte config space',
    });
  });
});

describe('patchReplay with novirt on the QCA6390', () => {
  const ops: SessionOp[] = [
    GUEST_ADDRESS,
    VMM_READ,
    { kind: 'read', as: 'guest', offset: 0x54, size: 4 },
    { kind: 'write', as: 'guest', offset: 0x52, size: 2, value: 0x0001 },
    { kind: 'feature', flags: 0x2000b, argsz: 8 },
    { kind: 'reset' },
  ];
  const s = createSession({ bytes: qca(), ops, patch: novirt });
  const rows = patchReplay(s, ops)!;

  it('the guest MSI address write lands in vconfig without the patch and is dropped with it', () => {
    expect(rows[0]).toMatchObject({
      register: 'PCI_MSI_ADDRESS_LO',
      before: { kind: 'write', toVconfig: 0xffffffff, toHardware: 0, dropped: 0, toQemu: 0xfee00000 },
      after: { kind: 'write', toVconfig: 0, toHardware: 0, dropped: 0xffffffff, toQemu: 0xfee00000 },
      moved: 0xffffffff,
      differs: true,
    });
    expect([rows[0].beforeLine, rows[0].afterLine]).toEqual([
      "32 bits to vconfig; QEMU's copy: 10 bits changed",
      "32 bits dropped; QEMU's copy: 10 bits changed",
    ]);
    expect(rows[0].sentence).toBe(
      "With the patch, of the guest's write of 0xfee00000 to PCI_MSI_ADDRESS_LO: 32 bits are dropped instead of going to vconfig.",
    );
  });
  it("the VMM's read returns the guest's value from vconfig, and the host's message from the device with the patch", () => {
    expect(rows[1]).toMatchObject({
      before: { kind: 'read', value: 0xfee00000, fromVconfig: 0xffffffff, fromHardware: 0 },
      after: { kind: 'read', value: 0xfee00578, fromVconfig: 0, fromHardware: 0xffffffff },
      moved: 0xffffffff,
      valueChanged: 0x578,
      differs: true,
    });
    expect([rows[1].beforeLine, rows[1].afterLine]).toEqual([
      '0xfee00000: 32 bits from vconfig',
      '0xfee00578: 32 bits from the hardware',
    ]);
    expect(rows[1].sentence).toBe(
      'With the patch the VMM reads 0xfee00578 from PCI_MSI_ADDRESS_LO instead of 0xfee00000 (6 bits differ): 32 bits come from the hardware instead of vconfig.',
    );
  });
  it("the guest reads QEMU's copy on both kernels; flags, the feature call and the reset do not differ", () => {
    expect(rows.slice(2).map((r) => r.differs)).toEqual([false, false, false, false]);
    expect(rows.slice(2).map((r) => r.sentence)).toEqual([
      'The guest reads 0xfee00000 from PCI_MSI_ADDRESS_LO on both kernels, from the same places.',
      "Every bit of the guest's write of 0x0001 to PCI_MSI_FLAGS goes where it went without the patch.",
      'VFIO_DEVICE_FEATURE returns 0 on both kernels.',
      'Both kernels re-open the device and QEMU starts afresh.',
    ]);
    expect(rows.slice(3).map((r) => [r.beforeLine, r.afterLine])).toEqual([
      [
        "8 bits to vconfig and the hardware, 8 bits to the hardware; QEMU's copy: 1 bit changed",
        "8 bits to vconfig and the hardware, 8 bits to the hardware; QEMU's copy: 1 bit changed",
      ],
      ['returns 0', 'returns 0'],
      ['device re-opened, QEMU afresh', 'device re-opened, QEMU afresh'],
    ]);
    expect(rows.map((r) => r.register)).toEqual([
      'PCI_MSI_ADDRESS_LO',
      'PCI_MSI_ADDRESS_LO',
      'PCI_MSI_ADDRESS_LO',
      'PCI_MSI_FLAGS',
      null,
      null,
    ]);
  });
  it('names the byte within a register and routes bit by bit', () => {
    const op: SessionOp = { kind: 'read', as: 'vmm', offset: 0x56, size: 1 };
    const [row] = patchReplay(createSession({ bytes: qca(), ops: [op], patch: novirt }), [op])!;
    expect(row.register).toBe('PCI_MSI_ADDRESS_LO+2');
    expect([routeOf(row.before, 0), routeOf(row.after, 0)]).toEqual(['vconfig', 'hardware']);
    expect(row).toMatchObject({ moved: 0xff, valueChanged: 0, differs: true });
    expect(row.sentence).toBe(
      'The VMM reads 0xe0 from PCI_MSI_ADDRESS_LO+2 on both kernels: 8 bits come from the hardware instead of vconfig.',
    );
  });
  it('is null without a patch', () => {
    expect(patchReplay(createSession({ bytes: qca(), ops }), ops)).toBeNull();
  });
});

describe('patchReplay with exp-length', () => {
  it("v6.11 leaves the 82576's PCI_EXP_LNKSTA2 outside the capability (raw access); the patch maps it read-only", () => {
    // PCIe v2 capability at 0xa0: LNKSTA2 at 0xa0 + 0x32, just past v6.11's 0x32-byte length.
    const bytes = fixtureBytes('8086-10c9-82576-igb-sriov');
    const ops: SessionOp[] = [
      { kind: 'read', as: 'vmm', offset: 0xd2, size: 2 },
      { kind: 'write', as: 'vmm', offset: 0xd2, size: 2, value: 0xffff },
    ];
    const rows = patchReplay(createSession({ bytes, kernel: 'v6.11', ops, patch: expLength }), ops)!;
    expect(rows[0]).toMatchObject({
      register: 'PCI_EXP_LNKSTA2',
      before: { value: 0, fromHardware: 0xffff },
      after: { value: 0, fromHardware: 0xffff },
      differs: false,
    });
    expect(rows[1]).toMatchObject({
      before: { toHardware: 0xffff, dropped: 0 },
      after: { toHardware: 0, dropped: 0xffff },
      moved: 0xffff,
      differs: true,
    });
    expect(rows[1].sentence).toBe(
      "With the patch, of the VMM's write of 0xffff to PCI_EXP_LNKSTA2: 16 bits are dropped instead of going to the hardware.",
    );
  });
});
