/** Everything vfio-pci keeps per open device (vfio_pci_core_device's config-related fields). */
import type { IrqType } from './constants';
import type { Hardware, HostResource } from './hardware';
import type { KernelVersion } from './kernel';
import type { PciPm } from './power';
import type { PermTable } from './perm/types';

export type EffectKind =
  | 'pci_intx'
  | 'intx_mask'
  | 'intx_unmask'
  | 'set_power_state'
  | 'pcie_set_readrq'
  | 'try_reset_function'
  | 'vpd_read'
  | 'vpd_write'
  | 'bar_restore'
  | 'bar_fixup'
  | 'zap_mmaps'
  | 'msi_flags_fixup'
  | 'low_power'
  | 'enable';

/** A side effect outside plain register storage, named after the kernel function that performs it. */
export interface Effect {
  readonly kind: EffectKind;
  /** Kernel function, e.g. `vfio_bar_restore`. */
  readonly fn: string;
  readonly detail: string;
  /** The negative errno the function returned when it refused (and its caller carried on regardless). */
  readonly errno?: number;
}

export interface VfioState {
  readonly cfgSize: number;
  readonly hw: Hardware;
  readonly vconfig: Uint8Array;
  readonly map: Uint8Array;
  msiPerm: PermTable | null;
  /** pdev->msi_cap: where the PCI core found MSI (0 when absent). */
  msiCap: number;
  bardirty: boolean;
  readonly rbar: number[];
  irqType: IrqType;
  msiQmax: number;
  virqDisabled: boolean;
  /** Whether the host INTx line is masked while INTx is the active type. */
  intxMasked: boolean;
  readonly pci23: boolean;
  readonly nointx: boolean;
  extendedCaps: boolean;
  readonly isVirtfn: boolean;
  readonly noCommandMemory: boolean;
  readonly resources: readonly HostResource[];
  readonly vpd: Uint8Array | null;
  readonly hasVfToken: boolean;
  /** Which kernel this is: every version-dependent rule reads its fields. */
  readonly kernel: KernelVersion;
  novirt: boolean;
  lowPower: 'off' | 'engaged' | 'engaged-wakeup';
  /** pci_pm_init()'s findings and vfio_pci_probe_power_state()'s needs_pm_restore (NoSoftRst clear). */
  readonly pm: PciPm & { readonly needsPmRestore: boolean };
  /** pdev->current_state: the power state the PCI core believes the device is in (0 = D0 … 3 = D3hot). */
  powerState: number;
  readonly warnings: string[];
  /** Effects of the operation in progress; the device moves them to its log. */
  effects: Effect[];
}

export function note(s: VfioState, kind: EffectKind, fn: string, detail: string, errno?: number): void {
  s.effects.push(errno === undefined ? { kind, fn, detail } : { kind, fn, detail, errno });
}
