/** vfio_basic_config_read/_write: the type-0 header's BAR sizing, COMMAND and INTx-disable emulation. */
import { readLE, writeLE } from '../../util/bytes';
import { PCI_COMMAND, PCI_COMMAND_INTX_DISABLE, PCI_COMMAND_IO, PCI_COMMAND_MEMORY } from '../../pci/header';
import { barFixup, barRestore, isBar, needBarRestore } from '../bar';
import { intxMask, intxUnmask } from '../host';
import { note, type VfioState } from '../state';
import { defaultRead, defaultWrite } from './generic';
import type { ReadFn, WriteFn } from './types';

export const basicRead: ReadFn = (s, pos, count, perm, offset, t) => {
  if (isBar(offset)) barFixup(s);
  const value = defaultRead(s, pos, count, perm, offset, t);
  // A VF has no MEMORY bit of its own; show the virtual one.
  if (offset === PCI_COMMAND && s.noCommandMemory && readLE(s.vconfig, PCI_COMMAND, 2) & PCI_COMMAND_MEMORY) {
    t.hw = (t.hw & ~PCI_COMMAND_MEMORY) >>> 0;
    return (value | PCI_COMMAND_MEMORY) >>> 0;
  }
  return value;
};

/** Before the write: a guest enabling decode that vfio thinks is on but the device has off means a backdoor reset. */
function checkBackdoorReset(s: VfioState, newCmd: number): void {
  const phys = s.hw.read(PCI_COMMAND, 2);
  const virt = readLE(s.vconfig, PCI_COMMAND, 2);
  const on = (v: number, bit: number) => (v & bit) !== 0;
  if (!on(newCmd, PCI_COMMAND_MEMORY)) {
    note(s, 'zap_mmaps', 'vfio_pci_zap_and_down_write_memory_lock', 'memory decode off: BAR mmaps zapped');
  }
  const memLost =
    on(newCmd, PCI_COMMAND_MEMORY) &&
    on(virt, PCI_COMMAND_MEMORY) &&
    !on(phys, PCI_COMMAND_MEMORY) &&
    !s.noCommandMemory;
  const ioLost = on(newCmd, PCI_COMMAND_IO) && on(virt, PCI_COMMAND_IO) && !on(phys, PCI_COMMAND_IO);
  if (memLost || ioLost || needBarRestore(s)) barRestore(s);
}

export const basicWrite: WriteFn = (s, pos, count, perm, offset, val, t) => {
  const newCmd = val & 0xffff;
  if (offset === PCI_COMMAND) checkBackdoorReset(s, newCmd);
  defaultWrite(s, pos, count, perm, offset, val, t);
  if (offset === PCI_COMMAND) {
    // Remember the guest's MEM/IO enables for the backdoor-reset test next time; reads still show hardware.
    const mask = PCI_COMMAND_MEMORY | PCI_COMMAND_IO;
    writeLE(s.vconfig, PCI_COMMAND, 2, (readLE(s.vconfig, PCI_COMMAND, 2) & ~mask) | (newCmd & mask));
  }
  if (offset === PCI_COMMAND || offset === PCI_COMMAND + 1) {
    const virtDisabled = (readLE(s.vconfig, PCI_COMMAND, 2) & PCI_COMMAND_INTX_DISABLE) !== 0;
    if (virtDisabled && !s.virqDisabled) {
      s.virqDisabled = true;
      intxMask(s);
    } else if (!virtDisabled && s.virqDisabled) {
      s.virqDisabled = false;
      intxUnmask(s);
    }
  }
  if (isBar(offset)) s.bardirty = true;
};
