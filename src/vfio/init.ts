/**
 * vfio_config_init with vfio_cap_init and vfio_ecap_init: build pci_config_map and vconfig from the
 * hardware, hiding capabilities vfio-pci does not expose by rewriting next pointers in vconfig only.
 */
import { readLE, writeLE } from '../util/bytes';
import {
  PCI_CAPABILITY_LIST,
  PCI_COMMAND,
  PCI_COMMAND_MEMORY,
  PCI_INTERRUPT_PIN,
  PCI_ROM_ADDRESS,
  PCI_STATUS,
  PCI_STATUS_CAP_LIST,
} from '../pci/header';
import { PCI_CAP_ID_MSI, PCI_MSI_FLAGS } from '../pci/caps/msi';
import {
  PCI_CAP_ID_PM,
  PCI_PM_CAP_PME_MASK,
  PCI_PM_CTRL,
  PCI_PM_CTRL_PME_ENABLE,
  PCI_PM_CTRL_PME_STATUS,
  PCI_PM_PMC,
} from '../pci/caps/pm';
import type { CapView } from '../pci/layout';
import { PCI_CAP_ID_EXP, PCI_EXP_FLAGS } from '../pci/caps/pcie';
import { pciFindCapability } from './pci-core';
import { PCI_CAP_ID_INVALID, PCI_CAP_ID_MAX, PCI_EXT_CAP_ID_MAX } from './constants';
import {
  PCI_CAP_LENGTH,
  PCI_EXT_CAP_LENGTH,
  variableCapLength,
  variableExtCapLength,
  type LengthContext,
} from './lengths';
import { msiPermDef } from './perm/msi';
import { buildTable } from './perm/types';
import { patchMsiTable } from './patch/apply';
import { warnUnusedPatchLines } from './patch/absent';
import type { VfioState } from './state';

const hex = (v: number) => `0x${v.toString(16)}`;

function viewAt(s: VfioState, base: number): CapView {
  return {
    u8: (o) => s.hw.read(base + o, 1),
    u16: (o) => s.hw.read(base + o, 2),
    u32: (o) => s.hw.read(base + o, 4),
    linkWidth: 1,
  };
}

function lengthContext(s: VfioState, base: number): LengthContext {
  return {
    view: viewAt(s, base),
    kernel: s.kernel,
    pcieFlags: () => {
      const pos = pciFindCapability(s.hw, PCI_CAP_ID_EXP);
      return pos ? s.hw.read(pos + PCI_EXP_FLAGS, 2) : 0;
    },
    warn: (m) => s.warnings.push(m),
    setExtendedCaps: () => {
      if (s.cfgSize > 256) s.extendedCaps = s.hw.read(0x100, 4) !== 0;
    },
  };
}

/** Claim [pos, pos+len) for `id` in the map and copy the bytes into vconfig; warn on overlaps like the kernel. */
function claim(s: VfioState, pos: number, len: number, id: number, what: string): void {
  const end = Math.min(pos + len, s.cfgSize);
  if (end < pos + len)
    s.warnings.push(`${what} ${hex(id)}@${hex(pos)} runs past the ${s.cfgSize}-byte config space; clipped`);
  let conflict = -1;
  for (let i = pos; i < end; i++) {
    if (conflict < 0 && s.map[i] !== PCI_CAP_ID_INVALID) conflict = i;
    s.map[i] = id & 0xff;
    s.vconfig[i] = s.hw.bytes[i];
  }
  // The kernel warns per byte; one line per capability says the same.
  if (conflict >= 0)
    s.warnings.push(
      `PCI config conflict @${hex(conflict)}: ${what} ${hex(id)}@${hex(pos)} overlaps bytes already claimed`,
    );
}

/** MSI's length also builds the per-device table, once (vfio_msi_cap_len). */
function msiCapLength(s: VfioState, pos: number): number {
  const flags = s.hw.read(pos + PCI_MSI_FLAGS, 2);
  const len = variableCapLength(PCI_CAP_ID_MSI, pos, lengthContext(s, pos));
  if (!s.msiPerm) {
    const table = buildTable(msiPermDef(len, flags));
    const patch = s.kernel.permPatch;
    s.msiPerm = patch ? patchMsiTable(table, flags, patch, (m) => s.warnings.push(m)) : table;
    s.msiCap = pos;
  }
  return len;
}

export function capInit(s: VfioState): void {
  if (!(s.hw.read(PCI_STATUS, 2) & PCI_STATUS_CAP_LIST)) return;
  let pos = s.hw.read(PCI_CAPABILITY_LIST, 1);
  let prev = PCI_CAPABILITY_LIST;
  let caps = 0;
  // Bounded like the kernel: 48 steps, so a looping chain cannot hang.
  for (let loops = (256 - 64) / 4; pos && loops > 0; loops--) {
    const id = s.hw.read(pos, 1);
    const next = s.hw.read(pos + 1, 1);
    let len = 0;
    if (id && id <= PCI_CAP_ID_MAX) {
      len = PCI_CAP_LENGTH[id] ?? 0;
      if (len === 0xff)
        len =
          id === PCI_CAP_ID_MSI ? msiCapLength(s, pos) : variableCapLength(id, pos, lengthContext(s, pos));
      len = s.kernel.permPatch?.capLength.get(id) ?? len; // a what-if patch's `cap … length N`
    }
    if (!len) {
      s.vconfig[prev] = next; // hidden: unlinked in vconfig only, its bytes stay raw
      pos = next;
      continue;
    }
    claim(s, pos, len, id, 'cap');
    if (id === PCI_CAP_ID_PM) {
      writeLE(s.vconfig, pos + PCI_PM_PMC, 2, readLE(s.vconfig, pos + PCI_PM_PMC, 2) & ~PCI_PM_CAP_PME_MASK);
      const pme = PCI_PM_CTRL_PME_ENABLE | PCI_PM_CTRL_PME_STATUS;
      writeLE(s.vconfig, pos + PCI_PM_CTRL, 2, readLE(s.vconfig, pos + PCI_PM_CTRL, 2) & ~pme);
    }
    prev = pos + 1;
    pos = next;
    caps++;
  }
  if (pos)
    s.warnings.push(`standard capability chain still points at ${hex(pos)} after 48 steps (loop); stopped`);
  if (!caps) writeLE(s.vconfig, PCI_STATUS, 2, readLE(s.vconfig, PCI_STATUS, 2) & ~PCI_STATUS_CAP_LIST);
}

const extNext = (header: number) => (header >>> 20) & 0xffc;

export function ecapInit(s: VfioState): void {
  if (!s.extendedCaps) return;
  let epos = 0x100;
  let prev = -1;
  let ecaps = 0;
  let loops = (s.cfgSize - 256) / 4;
  while (loops-- > 0 && epos >= 0x100) {
    const header = s.hw.read(epos, 4);
    const id = header & 0xffff;
    let len = 0;
    let hidden = false;
    if (id <= PCI_EXT_CAP_ID_MAX) {
      len = PCI_EXT_CAP_LENGTH[id] ?? 0;
      if (len === 0xff) len = variableExtCapLength(id, epos, lengthContext(s, epos));
      len = s.kernel.permPatch?.ecapLength.get(id) ?? len; // a what-if patch's `ecap … length N`
    }
    if (!len) {
      if (prev >= 0) {
        // Not first: skip it by pointing the previous header past it.
        epos = extNext(header);
        writeLE(s.vconfig, prev, 4, ((readLE(s.vconfig, prev, 4) & ~(0xffc << 20)) | (epos << 20)) >>> 0);
        continue;
      }
      len = 4; // first in the list: keep a placeholder that anchors the chain
      hidden = true;
    }
    claim(s, epos, len, id, 'ecap');
    if (hidden) writeLE(s.vconfig, epos, 4, (readLE(s.vconfig, epos, 4) & (0xffc << 20)) >>> 0);
    else ecaps++;
    prev = epos;
    epos = extNext(header);
  }
  if (loops < 0 && epos >= 0x100) s.warnings.push('extended capability chain did not end (loop); stopped');
  if (!ecaps) writeLE(s.vconfig, 0x100, 4, 0);
}

export interface InitOptions {
  readonly virtfnIds?: { readonly vendor: number; readonly device: number };
  readonly intxConfigured: boolean;
  readonly irqConnected: boolean;
}

export function configInit(s: VfioState, o: InitOptions): void {
  s.map.fill(PCI_CAP_ID_INVALID);
  s.map.fill(0, 0, 64);
  s.vconfig.set(s.hw.bytes.subarray(0, 64));
  s.bardirty = true;
  for (let i = 0; i < 6; i++) s.rbar[i] = readLE(s.vconfig, 0x10 + 4 * i, 4);
  s.rbar[6] = readLE(s.vconfig, PCI_ROM_ADDRESS, 4);
  if (o.virtfnIds) {
    writeLE(s.vconfig, 0, 2, o.virtfnIds.vendor);
    writeLE(s.vconfig, 2, 2, o.virtfnIds.device);
    const bogusOk = o.virtfnIds.vendor === 0x8086 && o.virtfnIds.device === 0x270c;
    if (s.vconfig[PCI_INTERRUPT_PIN] && !bogusOk) {
      s.warnings.push(`Hardware bug: VF reports bogus INTx pin ${s.vconfig[PCI_INTERRUPT_PIN]}`);
    }
    s.vconfig[PCI_INTERRUPT_PIN] = 0;
  }
  if (s.noCommandMemory)
    writeLE(s.vconfig, PCI_COMMAND, 2, readLE(s.vconfig, PCI_COMMAND, 2) | PCI_COMMAND_MEMORY);
  // CONFIG_VFIO_PCI_INTX=n or the nointx quirk hide INTx; from v6.15 (860be250fc32) so does a device the
  // platform routed no IRQ to.
  const noIrq = !o.irqConnected && s.kernel.intxPinHiddenWithoutIrq;
  if (!o.intxConfigured || s.nointx || noIrq) s.vconfig[PCI_INTERRUPT_PIN] = 0;
  capInit(s);
  ecapInit(s);
  warnUnusedPatchLines(s);
}
