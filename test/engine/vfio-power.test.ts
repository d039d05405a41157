/**
 * Power states behind vfio_pm_config_write (v6.11): vfio_pci_set_power_state → pci_set_power_state →
 * pci_set_full_power_state / pci_set_low_power_state, in the order of their checks. The 82576 (igb) has
 * PM at 0x40 with PMC 0xc823 (version 3, no D1, no D2) and PMCSR 0x2000 (NoSoftRst clear).
 */
import { describe, expect, it } from 'vitest';
import { createVfioDevice, EINVAL, EIO, type VfioDevice } from '../../src/index';
import { fixtureBytes } from '../helpers/fixtures';

const PMC = 0x42;
const PMCSR = 0x44;
const igbBytes = (pmc?: number) => {
  const b = fixtureBytes('8086-10c9-82576-igb-sriov').slice();
  if (pmc !== undefined) {
    b[PMC] = pmc & 0xff;
    b[PMC + 1] = pmc >> 8;
  }
  return b;
};
/** The igb, or with D1 and D2 advertised (PMC 0xce23). */
const igb = (d1d2 = false) => createVfioDevice(igbBytes(d1d2 ? 0xce23 : undefined));
/** A guest's write of PowerState, keeping the other PMCSR bits as the device has them (DScale 1). */
const setState = (d: VfioDevice, state: number) => d.writeDetailed(PMCSR, 2, 0x2000 | state);
const powerEffects = (w: {
  effects: readonly { kind: string; fn: string; detail: string; errno?: number }[];
}) => w.effects.filter((e) => e.kind === 'set_power_state');
const phys = (d: VfioDevice) => d.physical[PMCSR] | (d.physical[PMCSR + 1] << 8);

describe('pci_set_power_state through a PMCSR write', () => {
  it('opens in D0 and a request for the current state does nothing', () => {
    const d = igb();
    expect(d.state.powerState).toBe('D0');
    const w = setState(d, 0);
    expect(powerEffects(w)).toEqual([
      { kind: 'set_power_state', fn: 'pci_set_power_state', detail: 'already in D0: nothing to do' },
    ]);
    expect(phys(d)).toBe(0x2000);
  });

  it('D1 not advertised in PMC: -EIO, nothing changes, and the write still succeeds', () => {
    const d = igb();
    const w = setState(d, 1);
    expect(w.dropped).toBe(0x8103); // PME_Status, PME_En and PowerState are not the user's to write
    expect(powerEffects(w)).toEqual([
      {
        kind: 'set_power_state',
        fn: 'pci_set_low_power_state',
        detail: 'D0 → D1 refused (PMC does not advertise D1); nothing changed',
        errno: -EIO,
      },
    ]);
    expect(phys(d) & 3).toBe(0);
    expect(d.state.powerState).toBe('D0');
  });

  it('D2 not advertised: -EIO as well', () => {
    const d = igb();
    expect(powerEffects(setState(d, 2))[0].errno).toBe(-EIO);
    expect(d.state.powerState).toBe('D0');
  });

  it('D0 → D3hot: mmaps zapped, state saved (NoSoftRst clear), PowerState 3 on the device', () => {
    const d = igb();
    const w = setState(d, 3);
    expect(w.effects.map((e) => [e.fn, e.detail])).toEqual([
      ['vfio_pci_zap_and_down_write_memory_lock', 'BAR mmaps zapped before a D3hot request'],
      ['pci_set_low_power_state', 'D0 → D3hot'],
      ['vfio_pci_set_power_state', 'config space saved (pm_save): NoSoftRst is clear'],
    ]);
    expect(phys(d)).toBe(0x2003);
    expect(d.state.powerState).toBe('D3hot');
    expect(d.read(PMCSR, 2) & 3).toBe(3);
  });

  it('from D3hot only deeper: D3hot → D1 is -EINVAL even where D1 is advertised, and checked before support', () => {
    for (const d1d2 of [true, false]) {
      const d = igb(d1d2);
      setState(d, 3);
      const w = setState(d, 1);
      expect(powerEffects(w)).toEqual([
        {
          kind: 'set_power_state',
          fn: 'pci_set_low_power_state',
          detail: 'D3hot → D1 refused (from a low-power state only a deeper one is allowed); nothing changed',
          errno: -EINVAL,
        },
      ]);
      expect(phys(d) & 3).toBe(3);
      expect(d.state.powerState).toBe('D3hot');
    }
  });

  it('with D1 and D2 advertised: D1 → D2 goes deeper, D2 → D1 is -EINVAL', () => {
    const d = igb(true);
    expect(powerEffects(setState(d, 1))[0]).toMatchObject({ detail: 'D0 → D1' });
    expect(powerEffects(setState(d, 2))[0]).toMatchObject({ detail: 'D1 → D2' });
    expect(powerEffects(setState(d, 1))[0].errno).toBe(-EINVAL);
    expect(d.state.powerState).toBe('D2');
  });

  it('D0 is always allowed: from D3hot pci_power_up writes PMCSR as 0 and the BARs are restored', () => {
    const d = igb();
    d.writeDetailed(PMCSR, 2, 0x2103); // D3hot; PME_En is virtual, so it does not reach the device
    d.host.physicalWrite(PMCSR, 2, phys(d) | 0x0100); // the host enabled PME meanwhile
    const w = setState(d, 0);
    expect(w.effects.map((e) => [e.fn, e.detail])).toEqual([
      ['pci_power_up', 'D3hot → D0 (PMCSR written as 0)'],
      ['pci_restore_bars', 'BARs rewritten: NoSoftRst is clear, D3hot → D0 may reset'],
      ['vfio_pci_set_power_state', 'config space restored from pm_save'],
    ]);
    expect(phys(d)).toBe(0x0000); // PME_En and DScale gone with the whole word
    expect(d.state.powerState).toBe('D0');
  });

  it('a PM capability of version 4 is not the PCI core’s: low-power requests get -EIO, D0 succeeds', () => {
    const d = createVfioDevice(igbBytes(0xc824));
    expect(powerEffects(setState(d, 3))[0]).toMatchObject({
      fn: 'pci_set_low_power_state',
      errno: -EIO,
    });
    expect(phys(d) & 3).toBe(0);
    expect(powerEffects(setState(d, 0))).toEqual([
      { kind: 'set_power_state', fn: 'pci_set_power_state', detail: 'already in D0: nothing to do' },
    ]);
  });

  it('a device that refuses the state leaves the PCI core believing what PMCSR reads', () => {
    const b = igbBytes();
    const writable = new Uint8Array(4096).fill(0xff);
    writable[PMCSR] = 0xfc; // PowerState is read-only on this device
    const d = createVfioDevice(b, { hwWritable: writable });
    expect(powerEffects(setState(d, 3))[0]).toMatchObject({
      fn: 'pci_set_low_power_state',
      detail: 'device refused D3hot; it is in D0',
    });
    expect(d.state.powerState).toBe('D0');
  });
});
