/**
 * scenarioConfigAt: the config views at a scenario's step hold what that step left — the guest's MSI
 * writes (in vconfig, or only in QEMU's copy once PCI_MSI_NOVIRT dropped them), the host's message in
 * the hardware after SET_IRQS, NOVIRT's tables — and agree with every config read the timeline records.
 */
import { describe, expect, it } from 'vitest';
import { EngineError, runScenario, scenarioConfigAt, type Views } from '../../src/index';
import { readLE } from '../../src/util/bytes';

const MSI_ADDRESS_LO = 0x54;
const MSI_DATA_32 = 0x58;
const MSI_FLAGS = 0x52;
const at = (v: Uint8Array, offset: number, size: number) => readLE(v, offset, size);
const msi = (v: Views, view: 'guest' | 'vmm' | 'physical') => ({
  address: at(v[view], MSI_ADDRESS_LO, 4),
  data: at(v[view], MSI_DATA_32, 2),
});

describe('S2 (no NOVIRT): the guest writes land in vconfig', () => {
  it('before the guest writes (step 5) every view has the fresh device', () => {
    const v = scenarioConfigAt('S2', {}, 5).session.views;
    expect(msi(v, 'guest')).toEqual({ address: 0, data: 0 });
    expect(msi(v, 'vmm')).toEqual({ address: 0, data: 0 });
  });
  it('after the address write (step 6) the guest and VMM views read 0xfee00000 from vconfig; the data is still 0', () => {
    const c = scenarioConfigAt('S2', {}, 6);
    expect(c.event.payload).toMatchObject({ register: 'PCI_MSI_ADDRESS_LO', value: 0xfee00000 });
    expect(msi(c.session.views, 'guest')).toEqual({ address: 0xfee00000, data: 0 });
    expect(msi(c.session.views, 'vmm')).toEqual({ address: 0xfee00000, data: 0 });
    expect(at(c.session.views.vmmFromVconfig, MSI_ADDRESS_LO, 4)).toBe(0xffffffff);
    expect(msi(c.session.views, 'physical')).toEqual({ address: 0, data: 0 });
  });
  it('after the data and flags writes (step 8) the guest sees data 0x21 and MSI enabled; the device not yet', () => {
    const v = scenarioConfigAt('S2', {}, 8).session.views;
    expect(msi(v, 'guest')).toEqual({ address: 0xfee00000, data: 0x21 });
    expect(at(v.guest, MSI_FLAGS, 2)).toBe(0x10b);
    expect(at(v.physical, MSI_FLAGS, 2)).toBe(0x10a);
  });
  it("after SET_IRQS the hardware holds the host's 0xfee00578 while vconfig keeps the guest's 0xfee00000", () => {
    const c = scenarioConfigAt('S2', {}, 20);
    expect(msi(c.session.views, 'physical').address).toBe(0xfee00578);
    expect(at(c.session.views.physical, MSI_FLAGS, 2)).toBe(0x10b);
    expect(msi(c.session.views, 'vmm')).toEqual({ address: 0xfee00000, data: 0x21 });
    expect(c.novirtAt).toBeNull();
    expect(at(c.session.perm.virt, MSI_ADDRESS_LO, 4)).toBe(0xffffffff);
  });
});

describe('S3 (NOVIRT + quirk): the guest writes are only in QEMU, the VMM reads the hardware', () => {
  it('NOVIRT from event 0 clears the virt bits of the MSI address and data', () => {
    const c = scenarioConfigAt('S3', {}, 0);
    expect(c.novirtAt).toBe(0);
    expect(c.quirk).toBe(true);
    expect(at(c.session.perm.virt, MSI_ADDRESS_LO, 4)).toBe(0);
    expect(at(c.session.perm.virt, MSI_DATA_32, 2)).toBe(0);
    // The NOVIRT diff is the same one an op-log's session gives: before it, vfio virtualized the address.
    expect(at(c.session.novirtDiff!.before.virt, MSI_ADDRESS_LO, 4)).toBe(0xffffffff);
  });
  it("after the guest's writes (step 9) the guest view has 0xfee00000/0x21, vconfig nothing, the VMM reads hardware 0", () => {
    const v = scenarioConfigAt('S3', {}, 9).session.views;
    expect(msi(v, 'guest')).toEqual({ address: 0xfee00000, data: 0x21 });
    expect(at(v.guestFromQemu, MSI_ADDRESS_LO, 4)).toBe(0xffffffff);
    expect(msi(v, 'vmm')).toEqual({ address: 0, data: 0 });
    expect(at(v.vmmFromVconfig, MSI_ADDRESS_LO, 4)).toBe(0);
  });
  it("after SET_IRQS the VMM view (what the quirk reads) is the host's 0xfee00578; the guest's stays 0xfee00000", () => {
    const v = scenarioConfigAt('S3', {}, 24).session.views;
    expect(msi(v, 'vmm')).toEqual({ address: 0xfee00578, data: 0 });
    expect(msi(v, 'guest')).toEqual({ address: 0xfee00000, data: 0x21 });
  });
  it('lists the config accesses and the feature call up to the step, oldest first', () => {
    const c = scenarioConfigAt('S3', {}, 24);
    expect(c.accesses.map((e) => e.seq)).toEqual([0, 8, 9, 10, 21, 24]);
  });
});

describe('every config access the timeline records agrees with the views at that step', () => {
  for (const id of ['S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8']) {
    it(id, () => {
      const accesses = runScenario(id).events.filter(
        (e) => e.kind === 'config-read' || e.kind === 'config-write',
      );
      expect(accesses.length).toBeGreaterThan(0);
      // A few per scenario: each costs a run up to its step.
      for (const e of accesses.slice(0, 5)) {
        const v = scenarioConfigAt(id, {}, e.seq).session.views;
        const value = e.payload.value as number;
        const seen = at(
          e.from === 'qemu' ? v.vmm : v.guest,
          e.payload.offset as number,
          e.payload.size as number,
        );
        // A read returned exactly what the view holds; a guest write's bits read back from QEMU's view.
        const shown = e.kind === 'config-read' ? seen : (seen & value) >>> 0;
        expect([e.seq, shown]).toEqual([e.seq, value]);
      }
    });
  }
});

describe('what it refuses', () => {
  it('bare metal and Xen have no vfio config space to show, and say so', () => {
    expect(() => scenarioConfigAt('S1', {}, 4)).toThrow(/S1 runs on bare metal/);
    expect(() => scenarioConfigAt('S10', {}, 0)).toThrow(EngineError);
    expect(() => scenarioConfigAt('S9', {}, 1)).toThrow(/S9 runs on Xen/);
  });
  it('a step past the end shows the last event; a negative one is an error', () => {
    const last = runScenario('S2').events.length - 1;
    expect(scenarioConfigAt('S2', {}, 100_000).step).toBe(last);
    expect(() => scenarioConfigAt('S2', {}, -1)).toThrow(EngineError);
    expect(() => scenarioConfigAt('S2', {}, 1.5)).toThrow(/step must be an integer/);
  });
  it('bad options are the same EngineError runScenario gives', () => {
    expect(() => scenarioConfigAt('S2', { vectors: 3 as 1 }, 0)).toThrow(/option "vectors"/);
  });
});
