/** The explorer session: op-log replay, the three views with provenance, and the NOVIRT diff. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ath11kConfig, createSession, createVfioDevice, decodeConfig } from '../../src/index';
import { maskAt } from '../helpers/device';
import { fixtureBytes } from '../helpers/fixtures';
import { fcParams } from '../helpers/fuzz';

const qca = () => ath11kConfig({ deviceId: 0x1101, msi: 'host' });

describe('views', () => {
  const s = createSession({ bytes: qca(), rfc: true, ops: [] });
  it('guest sees QEMU’s zeroed MSI address; the VMM and the device see the host message', () => {
    expect(maskAt(s.views.guest, 0x54, 4)).toBe(0);
    expect(maskAt(s.views.guestFromQemu, 0x54, 4)).toBe(0xffffffff);
    expect(maskAt(s.views.vmm, 0x54, 4)).toBe(0xfee00578);
    expect(maskAt(s.views.vmmFromVconfig, 0x54, 4)).toBe(0xffffffff);
    expect(maskAt(s.views.physical, 0x54, 4)).toBe(0xfee00578);
  });
  it('names bits by their field path', () => {
    expect(s.fields.path(0x54, 3)).toBe('MSI › PCI_MSI_ADDRESS_LO › bit 3');
    expect(s.fields.path(0x52, 0)).toBe('MSI › PCI_MSI_FLAGS › PCI_MSI_FLAGS_ENABLE › bit 0');
    expect(s.fields.path(0x04, 2)).toBe('Header › PCI_COMMAND › PCI_COMMAND_MASTER › bit 2');
  });
  it('the NOVIRT diff covers exactly ADDRESS_LO and DATA_32 of this 32-bit capability', () => {
    const d = s.novirtDiff!;
    const changed: number[] = [];
    for (let o = 0; o < 4096; o++)
      if ((d.before.virt[o] ^ d.after.virt[o]) | (d.before.write[o] ^ d.after.write[o])) changed.push(o);
    expect(changed).toEqual([0x54, 0x55, 0x56, 0x57, 0x58, 0x59]);
  });
});

describe('op-log replay', () => {
  it('a guest write reaches vconfig; a NOVIRT SET then shows the device again; reset undoes both', () => {
    const write = { kind: 'write', as: 'guest', offset: 0x54, size: 4, value: 0xfee01000 } as const;
    const novirt = { kind: 'feature', flags: 0x2000b, argsz: 8 } as const;
    const a = createSession({ bytes: qca(), rfc: true, ops: [write] });
    expect(maskAt(a.views.vmm, 0x54, 4)).toBe(0xfee01000);
    const b = createSession({ bytes: qca(), rfc: true, ops: [write, novirt] });
    expect(b.results[1]).toEqual({ kind: 'feature', ret: 0 });
    expect(maskAt(b.views.vmm, 0x54, 4)).toBe(0xfee00578);
    expect(maskAt(b.views.guest, 0x54, 4)).toBe(0xfee01000);
    const c = createSession({ bytes: qca(), rfc: true, ops: [write, novirt, { kind: 'reset' }] });
    expect(maskAt(c.views.guest, 0x54, 4)).toBe(0);
    expect(c.device!.state.novirt).toBe(false);
  });
  it("the NOVIRT diff is of a freshly opened device, whatever the op-log did to the session's", () => {
    const write = { kind: 'write', as: 'guest', offset: 0x54, size: 4, value: 0xfee01000 } as const;
    const novirt = { kind: 'feature', flags: 0x2000b, argsz: 8 } as const;
    const fresh = createVfioDevice(qca(), { rfc: true });
    const before = fresh.perm;
    expect(fresh.deviceFeature(0x2000b, 8)).toBe(0);
    for (const ops of [[], [write, novirt], [novirt, { kind: 'reset' } as const, write]]) {
      const s = createSession({ bytes: qca(), rfc: true, ops });
      expect(s.novirtDiff).toEqual({ before, after: fresh.perm });
    }
  });
  it('without the RFC the feature is -ENOTTY and there is no diff to show', () => {
    const s = createSession({
      bytes: qca(),
      rfc: false,
      ops: [{ kind: 'feature', flags: 0x2000b, argsz: 8 }],
    });
    expect(s.results[0]).toEqual({ kind: 'feature', ret: -25 });
    expect(s.novirtDiff).toBeNull();
  });
  it('a rejected access is an error result, not a crash', () => {
    const s = createSession({
      bytes: qca(),
      rfc: true,
      ops: [{ kind: 'write', as: 'vmm', offset: 4094, size: 4, value: 0 }],
    });
    expect(s.results[0]).toMatchObject({ kind: 'error', message: expect.stringMatching(/EFAULT/) });
  });
  it('a device vfio-pci refuses still decodes, with the refusal as the reason', () => {
    const s = createSession({ bytes: fixtureBytes('8086-3408-x58-root-port'), rfc: true, ops: [] });
    expect(s.device).toBeNull();
    expect(s.refusal).toMatch(/type 1/);
    expect(s.decoded.capabilities.length).toBe(4);
  });
});

describe('a decoded config from the caller', () => {
  it('is used as it is, and equals what the session would decode itself', () => {
    const bytes = qca();
    const decoded = decodeConfig(bytes);
    expect(createSession({ bytes, rfc: true, ops: [], decoded }).decoded).toBe(decoded);
    expect(createSession({ bytes, rfc: true, ops: [] }).decoded).toEqual(decoded);
  });
});

describe('snapshots equal single reads', () => {
  // The views come from one block read and QEMU's merge over it; a driver reads dword by dword.
  const writes = fc.array(
    fc.record({
      kind: fc.constant('write' as const),
      as: fc.constantFrom('guest' as const, 'vmm' as const),
      offset: fc.integer({ min: 0, max: 0xff }).map((o) => o & ~3),
      size: fc.constant(4 as const),
      value: fc.oneof(fc.constant(0xffffffff), fc.integer({ min: 0, max: 0xffffffff })),
    }),
    { maxLength: 12 },
  );
  it.each(['qca6390', '8086-10c9-82576-igb-sriov', '1002-7300-fiji-radeon-r9-fury-gpu'])(
    '%s after random guest and VMM writes (BAR sizing included)',
    (name) => {
      const bytes = name === 'qca6390' ? qca() : fixtureBytes(name);
      fc.assert(
        fc.property(writes, (ops) => {
          const s = createSession({ bytes, rfc: true, ops });
          for (let off = 0; off < s.size; off += 4) {
            const vmm = s.device!.readDetailed(off, 4);
            expect([off, maskAt(s.views.vmm, off, 4), maskAt(s.views.vmmFromVconfig, off, 4)]).toEqual([
              off,
              vmm.value,
              vmm.fromVconfig,
            ]);
            const guest = s.qemu!.readConfig(off, 4);
            expect([off, maskAt(s.views.guest, off, 4), maskAt(s.views.guestFromQemu, off, 4)]).toEqual([
              off,
              guest.value,
              guest.fromQemu,
            ]);
          }
        }),
        { ...fcParams, numRuns: 40 },
      );
    },
  );
});
