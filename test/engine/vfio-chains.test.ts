/** vfio_cap_init / vfio_ecap_init: hiding capabilities by rewriting next pointers in vconfig only (§4). */
import { describe, expect, it } from 'vitest';
import { createVfioDevice, decodeConfig, PCI_CAP_ID_INVALID } from '../../src/index';
import { device } from '../helpers/device';
import { fixtureBytes } from '../helpers/fixtures';

const withBytes = (name: string, edits: [number, number][]) => {
  const b = fixtureBytes(name).slice();
  for (const [off, v] of edits) b[off] = v;
  return b;
};
const extNext = (d: { read(o: number, s: number): number }, off: number) => (d.read(off, 4) >>> 20) & 0xffc;

describe('extended chain (Radeon R9 Fury: VSEC, AER, REBAR, SecPCIe, ATS, PRI, PASID, ARI)', () => {
  const d = device('1002-7300-fiji-radeon-r9-fury-gpu');
  it('hides Secondary PCIe and PASID by linking around them in vconfig', () => {
    expect(extNext(d, 0x200)).toBe(0x2b0);
    expect(extNext(d, 0x2c0)).toBe(0x328);
    expect((d.physical[0x203] << 4) | (d.physical[0x202] >> 4)).toBe(0x270);
  });
  it('leaves the hidden bytes unassigned, so they stay raw', () => {
    expect(d.map[0x270]).toBe(PCI_CAP_ID_INVALID);
    expect(d.map[0x2d0]).toBe(PCI_CAP_ID_INVALID);
    d.write(0x2d6, 2, 0x0001);
    expect(d.physical[0x2d6]).toBe(0x01);
  });
  it('maps the visible ones with their vfio lengths (VSEC from its header, REBAR 4 + 8 × BARs)', () => {
    expect(d.map[0x100]).toBe(0x0b);
    expect(d.map[0x10f]).toBe(0x0b);
    expect(d.map[0x110]).toBe(PCI_CAP_ID_INVALID);
    expect(d.map[0x200]).toBe(0x15);
  });
});

describe('a hidden capability that is not first (Intel 7265: L1 PM Substates after LTR)', () => {
  const d = device('8086-095a-wireless-7265-wifi');
  it('LTR now ends the chain', () => {
    expect(d.read(0x14c, 2)).toBe(0x0018);
    expect(extNext(d, 0x14c)).toBe(0);
    expect(d.map[0x154]).toBe(PCI_CAP_ID_INVALID);
  });
});

describe('a hidden first extended capability becomes a placeholder', () => {
  // The 7265's AER header at 0x100 relabelled as L1SS (0x1e), which vfio hides.
  const d = createVfioDevice(
    withBytes('8086-095a-wireless-7265-wifi', [
      [0x100, 0x1e],
      [0x101, 0x00],
    ]),
  );
  it('keeps 4 bytes with ID and version 0 but a live next pointer', () => {
    expect([...d.map.subarray(0x100, 0x104)]).toEqual([0x1e, 0x1e, 0x1e, 0x1e]);
    expect(d.map[0x104]).toBe(PCI_CAP_ID_INVALID);
    expect(d.read(0x100, 4)).toBe(0x14000000);
  });
  it('an unknown ID above PCI_EXT_CAP_ID_MAX is truncated in the map and read through direct_ro_perms', () => {
    const x = createVfioDevice(
      withBytes('8086-095a-wireless-7265-wifi', [
        [0x100, 0x40],
        [0x101, 0x01],
      ]),
    );
    expect(x.map[0x100]).toBe(0x40);
    expect(x.read(0x100, 4)).toBe(0x14000000);
    expect(x.describe(0x100).write).toBeNull();
  });
  it('with nothing real left the guest sees no extended capabilities at all', () => {
    const none = createVfioDevice(
      withBytes('8086-095a-wireless-7265-wifi', [
        [0x100, 0x1e],
        [0x101, 0],
        [0x102, 0],
        [0x103, 0],
      ]),
    );
    expect(none.read(0x100, 4)).toBe(0);
  });
});

describe('standard chain', () => {
  it('a hidden first capability is unlinked through the virtual capability pointer', () => {
    // PM at 0x40 relabelled as SSVID (0x0d), which vfio hides.
    const d = createVfioDevice(withBytes('8086-10c9-82576-igb-sriov', [[0x40, 0x0d]]));
    expect(d.read(0x34, 1)).toBe(0x50);
    expect(d.physical[0x34]).toBe(0x40);
    expect(d.map[0x40]).toBe(PCI_CAP_ID_INVALID);
  });
  it('when every capability is hidden, STATUS loses CAP_LIST in the guest view only', () => {
    const d = createVfioDevice(
      withBytes('8086-10c9-82576-igb-sriov', [
        [0x34, 0x40],
        [0x40, 0x0d],
        [0x41, 0x00],
      ]),
    );
    expect(d.read(0x06, 2) & 0x10).toBe(0);
    expect(d.physical[0x06] & 0x10).toBe(0x10);
  });
  it('a looping chain is bounded (48 steps) and reported, never followed forever', () => {
    const bytes = withBytes('8086-10c9-82576-igb-sriov', [[0xa1, 0x40]]);
    const d = createVfioDevice(bytes);
    expect(d.warnings.some((w) => /48 steps/.test(w))).toBe(true);
    expect(d.warnings.some((w) => /conflict/.test(w))).toBe(true);
    expect(decodeConfig(bytes).warnings).toContain('capability chain loops back to 0x40');
  });
});
