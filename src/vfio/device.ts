/**
 * The public device: a passed-through function as vfio-pci presents it to a VMM through the config region
 * (VFIO_PCI_CONFIG_REGION_INDEX), with the physical device behind it and the host's side of the story.
 * create-device.ts builds one from a dump.
 */
import { EngineError, EINVAL, errnoError } from '../errors';
import { sizeMask } from '../util/bytes';
import { configRead, configReadBlock, configWrite, type BlockRead, type Chunk } from './access';
import { IRQ_TYPES, type IrqType } from './constants';
import { dispatchCache, fastRead, fastWrite, type DispatchCache } from './fast';
import { deviceFeature } from './feature';
import type { HostResource } from './hardware';
import { pciIntx } from './host';
import type { KernelId } from './kernel';
import { POWER_STATE_NAMES } from './power';
import { describeByte, effectivePerm, type ByteDescription } from './perm/effective';
import type { Effect, VfioState } from './state';

export interface ReadDetail {
  readonly value: number;
  readonly fromVconfig: number;
  readonly fromHardware: number;
  readonly chunks: readonly Chunk[];
  readonly effects: readonly Effect[];
}

export interface WriteDetail {
  readonly toVconfig: number;
  readonly toHardware: number;
  readonly dropped: number;
  readonly ignoredByHardware: number;
  readonly chunks: readonly Chunk[];
  readonly effects: readonly Effect[];
}

export interface DeviceStateView {
  readonly irqType: IrqType;
  readonly msiQmax: number;
  readonly msiCap: number;
  readonly bardirty: boolean;
  readonly virqDisabled: boolean;
  readonly intxMasked: boolean;
  readonly pci23: boolean;
  readonly nointx: boolean;
  readonly extendedCaps: boolean;
  readonly novirt: boolean;
  readonly kernel: KernelId;
  /** Whether the kernel carries the PCI_MSI_NOVIRT RFC (kernel `v6.11-rfc`). */
  readonly rfc: boolean;
  readonly lowPower: 'off' | 'engaged' | 'engaged-wakeup';
  /** pdev->current_state, as pci_set_power_state() left it. */
  readonly powerState: (typeof POWER_STATE_NAMES)[number];
  readonly rbar: readonly number[];
}

export interface HostFacet {
  /** The state VFIO_DEVICE_SET_IRQS leaves: irq_type, and msi_qmax when MSI is enabled. */
  setIrqState(type: IrqType, msiQmax?: number): void;
  /** The host MSI core (or anything in the host) writing the device directly, through the hardware masks. */
  physicalWrite(offset: number, size: number, value: number): void;
}

export interface VfioDevice {
  readonly cfgSize: number;
  read(offset: number, size: number): number;
  readDetailed(offset: number, size: number): ReadDetail;
  /** One pread of `length` bytes (how QEMU reads the whole space), with each bit's source. */
  readBlock(offset: number, length: number): BlockRead;
  write(offset: number, size: number, value: number): void;
  writeDetailed(offset: number, size: number, value: number): WriteDetail;
  deviceFeature(flags: number, argsz: number): number;
  readonly perm: { readonly virt: Uint8Array; readonly write: Uint8Array };
  readonly map: Uint8Array;
  readonly physical: Uint8Array;
  readonly vconfig: Uint8Array;
  readonly state: DeviceStateView;
  readonly resources: readonly HostResource[];
  /** Messages the kernel would log (pci_warn) while building the config map. */
  readonly warnings: readonly string[];
  /** Every side effect so far, oldest first, starting with the open-time steps. */
  readonly effects: readonly Effect[];
  readonly host: HostFacet;
  describe(offset: number): ByteDescription;
  clone(): VfioDevice;
}

function checkAccess(offset: number, size: number): void {
  if (!Number.isInteger(offset)) throw errnoError(-EINVAL, `offset ${String(offset)} is not an integer`);
  if (!Number.isInteger(size) || size < 1 || size > 4)
    throw errnoError(-EINVAL, `access size must be 1 to 4 bytes, not ${String(size)}`);
}

function checkValue(size: number, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > sizeMask(size))
    throw errnoError(-EINVAL, `value ${String(value)} does not fit in ${size} byte(s)`);
}

const NO_EFFECTS: readonly Effect[] = Object.freeze([]);

export class Device implements VfioDevice {
  private readonly log: Effect[] = [];
  /** Each byte's handlers for read() and write() (fast.ts), built as they are first used. */
  private fast: DispatchCache | null = null;
  readonly host: HostFacet;

  constructor(private readonly s: VfioState) {
    this.host = {
      setIrqState: (type, msiQmax) => this.setIrqState(type, msiQmax),
      physicalWrite: (offset, size, value) => {
        checkAccess(offset, size);
        if (offset < 0 || offset + size > 4096)
          throw errnoError(-EINVAL, 'physical write outside config space');
        this.s.hw.write(offset, size, value >>> 0);
      },
    };
    this.flush();
  }

  /** Moves the state's new side effects to the log and returns them (most accesses have none). */
  private flush(): readonly Effect[] {
    const fx = this.s.effects;
    if (fx.length === 0) return NO_EFFECTS;
    this.s.effects = [];
    this.log.push(...fx);
    return fx;
  }

  private setIrqState(type: IrqType, msiQmax?: number): void {
    if (!IRQ_TYPES.includes(type))
      throw new EngineError(
        'option',
        `irq type must be one of ${IRQ_TYPES.join(', ')}, not "${String(type)}"`,
      );
    if (msiQmax !== undefined && !(Number.isInteger(msiQmax) && msiQmax >= 0 && msiQmax <= 5)) {
      throw new EngineError('option', `msiQmax must be 0..5 (log2 of 1..32 vectors), not ${String(msiQmax)}`);
    }
    const was = this.s.irqType;
    this.s.irqType = type;
    if (type === 'msi' && msiQmax !== undefined) this.s.msiQmax = msiQmax;
    if (type === 'intx' && was !== 'intx') this.s.intxMasked = this.s.virqDisabled;
    // vfio_msi_disable: a nointx device gets its INTx-disable bit back.
    if (type === 'none' && (was === 'msi' || was === 'msix') && this.s.nointx) pciIntx(this.s, false);
    this.flush();
  }

  get cfgSize() {
    return this.s.cfgSize;
  }

  read(offset: number, size: number): number {
    checkAccess(offset, size);
    const cache = (this.fast = dispatchCache(this.s, this.fast));
    try {
      return fastRead(this.s, cache, offset, size);
    } finally {
      if (this.s.effects.length) this.flush();
    }
  }

  readDetailed(offset: number, size: number): ReadDetail {
    checkAccess(offset, size);
    try {
      const r = configRead(this.s, offset, size);
      const full = sizeMask(size);
      return {
        value: r.value,
        fromHardware: r.fromHardware,
        fromVconfig: (~r.fromHardware & full) >>> 0,
        chunks: r.chunks,
        effects: this.flush(),
      };
    } finally {
      this.flush();
    }
  }

  readBlock(offset: number, length: number): BlockRead {
    if (!Number.isInteger(offset) || !Number.isInteger(length) || length < 0)
      throw errnoError(-EINVAL, `a block read needs an integer offset and a length ≥ 0`);
    try {
      return configReadBlock(this.s, offset, length);
    } finally {
      this.flush();
    }
  }

  write(offset: number, size: number, value: number): void {
    checkAccess(offset, size);
    checkValue(size, value);
    const cache = (this.fast = dispatchCache(this.s, this.fast));
    try {
      fastWrite(this.s, cache, offset, size, value);
    } finally {
      if (this.s.effects.length) this.flush();
    }
  }

  writeDetailed(offset: number, size: number, value: number): WriteDetail {
    checkAccess(offset, size);
    checkValue(size, value);
    try {
      const w = configWrite(this.s, offset, size, value);
      const dropped = (~(w.toVconfig | w.toHardware) & sizeMask(size)) >>> 0;
      return { ...w, dropped, effects: this.flush() };
    } finally {
      this.flush();
    }
  }

  deviceFeature(flags: number, argsz: number): number {
    // struct vfio_device_feature's flags and argsz are __u32: anything else never reaches the ioctl.
    for (const [name, v] of [
      ['flags', flags],
      ['argsz', argsz],
    ] as const)
      if (!Number.isInteger(v) || v < 0 || v > 0xffffffff)
        throw errnoError(
          -EINVAL,
          `${name} ${JSON.stringify(v) ?? String(v)} is not a 32-bit unsigned integer`,
        );
    const ret = deviceFeature(this.s, flags, argsz);
    this.permCache = null; // PCI_MSI_NOVIRT edits the MSI table
    this.flush();
    return ret;
  }

  /** The permission map depends only on the config map and the tables, which change only through features. */
  private permCache: { virt: Uint8Array; write: Uint8Array } | null = null;
  get perm() {
    this.permCache ??= effectivePerm(this.s);
    return this.permCache;
  }
  get map() {
    const m = new Uint8Array(4096).fill(0xff);
    m.set(this.s.map);
    return m;
  }
  get physical() {
    return this.s.hw.bytes;
  }
  get vconfig() {
    return this.s.vconfig;
  }
  get resources() {
    return this.s.resources;
  }
  get warnings() {
    return this.s.warnings;
  }
  get effects() {
    return this.log;
  }

  get state(): DeviceStateView {
    const s = this.s;
    return {
      irqType: s.irqType,
      msiQmax: s.msiQmax,
      msiCap: s.msiCap,
      bardirty: s.bardirty,
      virqDisabled: s.virqDisabled,
      intxMasked: s.intxMasked,
      pci23: s.pci23,
      nointx: s.nointx,
      extendedCaps: s.extendedCaps,
      novirt: s.novirt,
      kernel: s.kernel.id,
      rfc: s.kernel.feature11 === 'msi-novirt',
      lowPower: s.lowPower,
      powerState: POWER_STATE_NAMES[s.powerState],
      rbar: [...s.rbar],
    };
  }

  describe(offset: number): ByteDescription {
    if (!Number.isInteger(offset) || offset < 0 || offset >= this.s.cfgSize) {
      throw errnoError(-14, `offset ${String(offset)} is outside the ${this.s.cfgSize}-byte config space`);
    }
    return describeByte(this.s, offset);
  }

  clone(): VfioDevice {
    const s = this.s;
    const copy: VfioState = {
      ...s,
      hw: s.hw.clone(),
      vconfig: s.vconfig.slice(),
      map: s.map.slice(),
      msiPerm: s.msiPerm
        ? { ...s.msiPerm, virtBits: s.msiPerm.virtBits.slice(), writeBits: s.msiPerm.writeBits.slice() }
        : null,
      rbar: [...s.rbar],
      vpd: s.vpd ? s.vpd.slice() : null,
      warnings: [...s.warnings],
      effects: [],
    };
    const d = new Device(copy);
    d.log.push(...this.log);
    return d;
  }
}
