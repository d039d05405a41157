/**
 * createVfioDevice: opening a function as vfio-pci does — its checks at registration, the physical device
 * with its writable/RW1C masks and host resources, vfio_pci_core_enable's steps and vfio_config_init's
 * virtual config space — handing back the public device (device.ts) over that state.
 */
import { EngineError, EINVAL } from '../errors';
import { decodeConfig } from '../pci/decode';
import { PCI_COMMAND, PCI_COMMAND_INTX_DISABLE, PCI_HEADER_TYPE } from '../pci/header';
import { Device, type VfioDevice } from './device';
import { Hardware, realisticMasks, type HostResource } from './hardware';
import { configInit } from './init';
import { resolveKernel, type KernelId } from './kernel';
import { enableDevice } from './open';
import { patchKernel } from './patch/apply';
import type { PermPatch } from './patch/types';
import { currentPowerState, needsPmRestore, pciPmInit } from './power';
import { checkDeviceOptions } from './options';
import { inferResources } from './resources';
import type { VfioState } from './state';

export interface VfioDeviceOptions {
  /** 256 (conventional) or 4096 (PCIe). Default: 4096 when the bytes go past 256, else 256. */
  readonly cfgSize?: 256 | 4096;
  /** 'memory' (default): every bit writable. 'realistic': masks from the register registry. */
  readonly hardware?: 'memory' | 'realistic';
  /** Per-bit mask of physically writable bits (overrides `hardware`). */
  readonly hwWritable?: Uint8Array;
  /** Per-bit mask of write-1-to-clear bits (overrides `hardware`). */
  readonly hwRw1c?: Uint8Array;
  /** Host BAR/ROM resources; default: inferred from the dump (sizes guessed from alignment). */
  readonly resources?: readonly HostResource[];
  /** The vfio nointx quirk (some Intel NICs): INTx hidden, DisINTx kept set. */
  readonly nointx?: boolean;
  /** Which kernel (src/vfio/kernel.ts). Default `v6.11-rfc`: v6.11 with the PCI_MSI_NOVIRT RFC. */
  readonly kernel?: KernelId;
  /** Older spelling of the kernel choice: true is `v6.11-rfc`, false is `v6.11`. Must agree with `kernel`. */
  readonly rfc?: boolean;
  /** PCI 2.3 INTx masking; default: whether the hardware lets DisINTx toggle. */
  readonly pci23?: boolean;
  /** Treat the function as an SR-IOV VF with these IDs (its own ID registers read 0xffff). */
  readonly virtfn?: { readonly vendor: number; readonly device: number };
  /** CONFIG_VFIO_PCI_INTX (default true) and whether the host IRQ is connected (default true). */
  readonly intxConfigured?: boolean;
  readonly irqConnected?: boolean;
  /** VPD contents behind the VPD capability; without it VPD accesses fail as on a device that cannot read. */
  readonly vpd?: Uint8Array;
  /** A what-if permission patch (parsePermPatch) applied to the kernel's tables. */
  readonly patch?: PermPatch;
  /** Apply vfio_pci_core_enable's steps to the physical device first (default true). */
  readonly enable?: boolean;
}

const HEADER_NAMES = ['type 0 (endpoint)', 'type 1 (PCI-to-PCI bridge)', 'type 2 (CardBus bridge)'];

export function createVfioDevice(physical: Uint8Array, options: VfioDeviceOptions = {}): VfioDevice {
  checkDeviceOptions(options);
  if (!(physical instanceof Uint8Array))
    throw new EngineError('option', 'physical config must be a Uint8Array');
  if (physical.length < 64) {
    throw new EngineError(
      'device',
      `only ${physical.length} bytes of config space: vfio-pci needs at least the 64-byte header`,
    );
  }
  const headerType = physical[PCI_HEADER_TYPE] & 0x7f;
  if (headerType !== 0) {
    // vfio_pci_core_register_device() refuses anything but a normal header.
    throw new EngineError(
      'device',
      `vfio-pci binds only type-0 functions; this one has a ${HEADER_NAMES[headerType] ?? `type ${headerType}`} header (-EINVAL at registration)`,
      -EINVAL,
    );
  }
  const kernel = options.patch ? patchKernel(resolveKernel(options), options.patch) : resolveKernel(options);
  const cfgSize = options.cfgSize ?? (physical.length > 256 ? 4096 : 256);
  if (cfgSize !== 256 && cfgSize !== 4096)
    throw new EngineError('option', `cfgSize must be 256 or 4096, not ${String(cfgSize)}`);
  const resources = options.resources ?? inferResources(physical);
  const padded = new Uint8Array(4096);
  padded.set(physical.subarray(0, 4096));
  const masks = options.hardware === 'realistic' ? realisticMasks(padded, resources) : undefined;
  const hw = new Hardware(padded, options.hwWritable ?? masks?.writable, options.hwRw1c ?? masks?.rw1c);
  const decoded = decodeConfig(padded.subarray(0, cfgSize));
  const pm = pciPmInit(hw);
  const s: VfioState = {
    cfgSize,
    hw,
    vconfig: new Uint8Array(cfgSize),
    map: new Uint8Array(cfgSize),
    msiPerm: null,
    msiCap: 0,
    bardirty: true,
    rbar: new Array<number>(7).fill(0),
    irqType: 'none',
    msiQmax: 0,
    virqDisabled: false,
    intxMasked: false,
    pci23: options.pci23 ?? (hw.writable[PCI_COMMAND + 1] & (PCI_COMMAND_INTX_DISABLE >> 8)) !== 0,
    nointx: options.nointx ?? false,
    extendedCaps: false,
    isVirtfn: !!options.virtfn,
    noCommandMemory: !!options.virtfn,
    resources,
    vpd: options.vpd ? options.vpd.slice() : null,
    hasVfToken: decoded.extendedCapabilities.some((c) => c.id === 0x10),
    kernel,
    novirt: false,
    lowPower: 'off',
    pm: { ...pm, needsPmRestore: needsPmRestore(hw, pm) },
    powerState: currentPowerState(hw, pm),
    warnings: [],
    effects: [],
  };
  if (physical.length < cfgSize)
    s.warnings.push(`only ${physical.length} of ${cfgSize} bytes known; the rest read as 0`);
  if (options.enable ?? true) enableDevice(s, decoded, resources);
  configInit(s, {
    virtfnIds: options.virtfn,
    intxConfigured: options.intxConfigured ?? true,
    irqConnected: options.irqConnected ?? true,
  });
  return new Device(s);
}
