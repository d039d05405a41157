/**
 * Power states as the v6.11 PCI core changes them: vfio_pm_config_write() hands the PowerState the user
 * wrote to vfio_lock_and_set_power_state() → vfio_pci_set_power_state() → pci_set_power_state()
 * (drivers/pci/pci.c: __pci_set_power_state, pci_set_full_power_state / pci_power_up,
 * pci_set_low_power_state). vfio ignores the result, so a refused request still completes the config
 * write: the refusal is an Effect with its errno, and nothing on the device changes.
 *
 * Not modelled: platform (ACPI) power management — with none, a low-power error is returned as is —,
 * pci_no_d1d2() quirks and parents, the PCI_DEV_FLAGS_NO_D3 quirk, and a PF with VFs enabled (-EBUSY).
 */
import { EINVAL, EIO } from '../errors';
import { PCI_PM_CTRL, PCI_PM_CTRL_STATE_MASK, PCI_PM_PMC } from '../pci/caps/pm';
import type { Hardware } from './hardware';
import { pciFindCapability } from './pci-core';
import { note, type VfioState } from './state';

export const PCI_CAP_ID_PM = 0x01;
const PCI_PM_CAP_VER_MASK = 0x0007;
const PCI_PM_CAP_D1 = 0x0200;
const PCI_PM_CAP_D2 = 0x0400;
const PCI_PM_CTRL_NO_SOFT_RESET = 0x0008;

/** pci_power_t for the states PMCSR can hold. */
export const PCI_D0 = 0;
export const PCI_D1 = 1;
export const PCI_D2 = 2;
export const PCI_D3HOT = 3;
export const POWER_STATE_NAMES = ['D0', 'D1', 'D2', 'D3hot'] as const;

/** What pci_pm_init() found: the PM capability (0: none, or a PMC version above 3) and D1/D2 support. */
export interface PciPm {
  readonly pmCap: number;
  readonly d1Support: boolean;
  readonly d2Support: boolean;
}

export function pciPmInit(hw: Hardware): PciPm {
  const pos = pciFindCapability(hw, PCI_CAP_ID_PM);
  const pmc = pos ? hw.read(pos + PCI_PM_PMC, 2) : 0;
  // "unsupported PM cap regs version": the core then treats the device as having no PM at all.
  if (!pos || (pmc & PCI_PM_CAP_VER_MASK) > 3) return { pmCap: 0, d1Support: false, d2Support: false };
  return { pmCap: pos, d1Support: (pmc & PCI_PM_CAP_D1) !== 0, d2Support: (pmc & PCI_PM_CAP_D2) !== 0 };
}

/** vfio_pci_probe_power_state(): a device whose PMCSR has NoSoftRst clear loses its state in D3hot. */
export const needsPmRestore = (hw: Hardware, pm: PciPm): boolean =>
  pm.pmCap !== 0 && !(hw.read(pm.pmCap + PCI_PM_CTRL, 2) & PCI_PM_CTRL_NO_SOFT_RESET);

/** pci_update_current_state() from PMCSR (D0 without PM). */
export const currentPowerState = (hw: Hardware, pm: PciPm): number =>
  pm.pmCap ? hw.read(pm.pmCap + PCI_PM_CTRL, 2) & PCI_PM_CTRL_STATE_MASK : PCI_D0;

const name = (state: number) => POWER_STATE_NAMES[state] ?? `D${state}`;

/** pci_power_up() + pci_set_full_power_state(): D0 is always allowed. */
function setFullPower(s: VfioState): number {
  if (!s.pm.pmCap) {
    // pci_power_up fails with -EIO but has set current_state to D0, which pci_set_full_power_state accepts.
    s.powerState = PCI_D0;
    return 0;
  }
  const ctrl = s.pm.pmCap + PCI_PM_CTRL;
  const pmcsr = s.hw.read(ctrl, 2);
  const state = pmcsr & PCI_PM_CTRL_STATE_MASK;
  const needRestore =
    (state === PCI_D3HOT || s.powerState >= PCI_D3HOT) && !(pmcsr & PCI_PM_CTRL_NO_SOFT_RESET);
  // The whole word is written as 0: PowerState D0 and PME_En cleared (PME_Status is write-1-to-clear).
  if (state !== PCI_D0) s.hw.write(ctrl, 2, 0);
  s.powerState = s.hw.read(ctrl, 2) & PCI_PM_CTRL_STATE_MASK;
  if (s.powerState !== PCI_D0) {
    note(
      s,
      'set_power_state',
      'pci_set_full_power_state',
      `device refused D0; it stays in ${name(s.powerState)}`,
    );
  } else {
    note(s, 'set_power_state', 'pci_power_up', `${name(state)} → D0 (PMCSR written as 0)`);
    if (needRestore)
      note(
        s,
        'set_power_state',
        'pci_restore_bars',
        'BARs rewritten: NoSoftRst is clear, D3hot → D0 may reset',
      );
  }
  return 0;
}

/** pci_set_low_power_state(): the order of its checks decides which errno a request gets. */
function setLowPower(s: VfioState, state: number): number {
  const from = name(s.powerState);
  const refuse = (errno: number, why: string) => {
    note(
      s,
      'set_power_state',
      'pci_set_low_power_state',
      `${from} → ${name(state)} refused (${why}); nothing changed`,
      -errno,
    );
    return -errno;
  };
  if (!s.pm.pmCap) return refuse(EIO, 'the PCI core found no usable PM capability');
  // From a low-power state only a deeper one: D3hot → D1 has to go through D0.
  if (s.powerState > state) return refuse(EINVAL, 'from a low-power state only a deeper one is allowed');
  if ((state === PCI_D1 && !s.pm.d1Support) || (state === PCI_D2 && !s.pm.d2Support))
    return refuse(EIO, `PMC does not advertise ${name(state)}`);
  const ctrl = s.pm.pmCap + PCI_PM_CTRL;
  const pmcsr = s.hw.read(ctrl, 2);
  s.hw.write(ctrl, 2, (pmcsr & ~PCI_PM_CTRL_STATE_MASK) | state);
  s.powerState = s.hw.read(ctrl, 2) & PCI_PM_CTRL_STATE_MASK;
  note(
    s,
    'set_power_state',
    'pci_set_low_power_state',
    s.powerState === state
      ? `${from} → ${name(state)}`
      : `device refused ${name(state)}; it is in ${name(s.powerState)}`,
  );
  return 0;
}

/** pci_set_power_state() for D0…D3hot: 0 or a negative errno. */
export function pciSetPowerState(s: VfioState, state: number): number {
  if (s.powerState === state) {
    note(s, 'set_power_state', 'pci_set_power_state', `already in ${name(state)}: nothing to do`);
    return 0;
  }
  return state === PCI_D0 ? setFullPower(s) : setLowPower(s, state);
}

/**
 * vfio_lock_and_set_power_state() → vfio_pci_set_power_state(): mmaps are zapped before D3hot, and a
 * device that loses its state in D3hot (NoSoftRst clear: needs_pm_restore) has it saved on the way down
 * and restored on the way back to D0, around pci_set_power_state().
 */
export function vfioSetPowerState(s: VfioState, state: number): number {
  if (state >= PCI_D3HOT)
    note(
      s,
      'zap_mmaps',
      'vfio_pci_zap_and_down_write_memory_lock',
      'BAR mmaps zapped before a D3hot request',
    );
  const from = s.powerState;
  const ret = pciSetPowerState(s, state);
  if (ret === 0 && s.pm.needsPmRestore) {
    if (from < PCI_D3HOT && state >= PCI_D3HOT && s.powerState >= PCI_D3HOT)
      note(
        s,
        'set_power_state',
        'vfio_pci_set_power_state',
        'config space saved (pm_save): NoSoftRst is clear',
      );
    else if (from >= PCI_D3HOT && state === PCI_D0)
      note(s, 'set_power_state', 'vfio_pci_set_power_state', 'config space restored from pm_save');
  }
  return ret;
}
