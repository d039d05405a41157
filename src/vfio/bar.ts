/** BAR emulation: vfio_bar_fixup (lazy sizing in vconfig), vfio_need_bar_restore and vfio_bar_restore. */
import { readLE, writeLE } from '../util/bytes';
import { PCI_COMMAND, PCI_COMMAND_INTX_DISABLE, PCI_ROM_ADDRESS } from '../pci/header';
import { note, type VfioState } from './state';

export const isBar = (offset: number): boolean =>
  (offset >= 0x10 && offset < 0x28) || (offset >= PCI_ROM_ADDRESS && offset < PCI_ROM_ADDRESS + 4);

/** vfio_generate_bar_flags(): I/O, or memory with prefetch and 64-bit from the host resource. */
function barFlags(type: string, prefetch: boolean | undefined): number {
  if (type === 'io') return 0x1;
  return (prefetch ? 0x8 : 0) | (type === 'mem64' ? 0x4 : 0);
}

export function barFixup(s: VfioState): void {
  if (!s.bardirty) return;
  for (let i = 0; i < 6; i++) {
    const off = 0x10 + 4 * i;
    const res = s.resources.find((r) => r.index === i);
    if (!res || !res.start) {
      writeLE(s.vconfig, off, 4, 0); // unmapped by host = unimplemented to the user
      continue;
    }
    // mask = ~(len - 1) as a 64-bit value; split into its halves.
    const lowMask = Number(~(BigInt(res.size) - 1n) & 0xffffffffn);
    const highMask = Number((~(BigInt(res.size) - 1n) >> 32n) & 0xffffffffn);
    const v = ((readLE(s.vconfig, off, 4) & lowMask) | barFlags(res.type, res.prefetch)) >>> 0;
    writeLE(s.vconfig, off, 4, v);
    if (v & 0x4 && i < 5) {
      writeLE(s.vconfig, off + 4, 4, (readLE(s.vconfig, off + 4, 4) & highMask) >>> 0);
      i++;
    }
  }
  const rom = s.resources.find((r) => r.index === 6);
  const vrom = readLE(s.vconfig, PCI_ROM_ADDRESS, 4);
  if (rom && rom.start && rom.type !== 'romShadow') {
    writeLE(s.vconfig, PCI_ROM_ADDRESS, 4, (vrom & ((~(rom.size - 1) | 1) >>> 0)) >>> 0);
  } else if (rom && rom.type === 'romShadow') {
    writeLE(s.vconfig, PCI_ROM_ADDRESS, 4, (vrom & ((~(0x20000 - 1) | 1) >>> 0)) >>> 0);
  } else {
    writeLE(s.vconfig, PCI_ROM_ADDRESS, 4, 0);
  }
  s.bardirty = false;
  note(
    s,
    'bar_fixup',
    'vfio_bar_fixup',
    'virtual BARs recomputed from the host resources (sizing emulation)',
  );
}

/** Any remembered BAR that no longer matches the hardware means a backdoor reset happened. */
export function needBarRestore(s: VfioState): boolean {
  for (let i = 0; i < 6; i++) if (s.rbar[i] && s.rbar[i] !== s.hw.read(0x10 + 4 * i, 4)) return true;
  return false;
}

export function barRestore(s: VfioState): void {
  if (s.isVirtfn) return;
  for (let i = 0; i < 6; i++) s.hw.write(0x10 + 4 * i, 4, s.rbar[i]);
  s.hw.write(PCI_ROM_ADDRESS, 4, s.rbar[6]);
  if (s.nointx) s.hw.write(PCI_COMMAND, 2, s.hw.read(PCI_COMMAND, 2) | PCI_COMMAND_INTX_DISABLE);
  note(
    s,
    'bar_restore',
    'vfio_bar_restore',
    'reset recovery: the saved BAR values were written back to the device',
  );
}
