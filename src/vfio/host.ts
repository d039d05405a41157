/**
 * What the host kernel does on vfio's behalf outside plain register storage: INTx masking, MRRS,
 * function reset and VPD (power states are in power.ts). Each writes the physical device through its
 * masks and leaves an Effect.
 */
import { PCI_COMMAND, PCI_COMMAND_INTX_DISABLE } from '../pci/header';
import { PCI_EXP_DEVCTL, PCI_EXP_DEVCTL_PAYLOAD, PCI_EXP_DEVCTL_READRQ } from '../pci/caps/pcie';
import { note, type VfioState } from './state';

/** pci_intx(): make the physical INTx-disable bit follow `enable`. */
export function pciIntx(s: VfioState, enable: boolean): void {
  const cmd = s.hw.read(PCI_COMMAND, 2);
  const next = enable ? cmd & ~PCI_COMMAND_INTX_DISABLE : cmd | PCI_COMMAND_INTX_DISABLE;
  if (next !== cmd) s.hw.write(PCI_COMMAND, 2, next);
  note(s, 'pci_intx', 'pci_intx', `physical INTx-disable ${enable ? 'cleared' : 'set'}`);
}

/** vfio_pci_intx_mask(): outside INTx mode only the physical bit follows; in INTx mode the line is masked. */
export function intxMask(s: VfioState): void {
  if (s.irqType !== 'intx') {
    if (s.pci23) pciIntx(s, false);
    return;
  }
  if (!s.intxMasked) {
    if (s.pci23) pciIntx(s, false);
    s.intxMasked = true;
    note(
      s,
      'intx_mask',
      'vfio_pci_intx_mask',
      s.pci23 ? 'INTx masked at the device' : 'host IRQ line disabled (disable_irq_nosync)',
    );
  }
}

export function intxUnmask(s: VfioState): void {
  if (s.irqType !== 'intx') {
    if (s.pci23) pciIntx(s, true);
    return;
  }
  if (s.intxMasked && !s.virqDisabled) {
    if (s.pci23) pciIntx(s, true);
    s.intxMasked = false;
    note(s, 'intx_unmask', 'vfio_pci_intx_unmask', 'INTx unmasked');
  }
}

/** pcie_get_mps(): the physical Max_Payload_Size in bytes. */
export function pcieGetMps(s: VfioState, expCap: number): number {
  return 128 << ((s.hw.read(expCap + PCI_EXP_DEVCTL, 2) & PCI_EXP_DEVCTL_PAYLOAD) >> 5);
}

/** pcie_set_readrq(): writes the physical MRRS field; rejects sizes outside 128..4096 or not a power of two. */
export function pcieSetReadrq(s: VfioState, expCap: number, rq: number): boolean {
  if (rq < 128 || rq > 4096 || (rq & (rq - 1)) !== 0) {
    note(s, 'pcie_set_readrq', 'pcie_set_readrq', `${rq} bytes rejected (-EINVAL); hardware MRRS unchanged`);
    return false;
  }
  const enc = Math.log2(rq / 128);
  const ctl = s.hw.read(expCap + PCI_EXP_DEVCTL, 2);
  s.hw.write(expCap + PCI_EXP_DEVCTL, 2, (ctl & ~PCI_EXP_DEVCTL_READRQ) | (enc << 12));
  note(s, 'pcie_set_readrq', 'pcie_set_readrq', `physical Max_Read_Request_Size set to ${rq} bytes`);
  return true;
}

/** pci_try_reset_function(): config state is saved and restored around the reset, so the bytes survive. */
export function tryResetFunction(s: VfioState, why: string): void {
  note(s, 'zap_mmaps', 'vfio_pci_zap_and_down_write_memory_lock', 'BAR mmaps zapped before the reset');
  note(
    s,
    'try_reset_function',
    'pci_try_reset_function',
    `${why}: function reset; config saved and restored around it`,
  );
}

/** pci_read_vpd()/pci_write_vpd() of 4 bytes; fails when the device's VPD contents are unknown or out of range. */
export function vpdAccess(s: VfioState, addr: number, write: number | null): number | null {
  const vpd = s.vpd;
  if (!vpd || addr + 4 > vpd.length) {
    note(
      s,
      write === null ? 'vpd_read' : 'vpd_write',
      write === null ? 'pci_read_vpd' : 'pci_write_vpd',
      `VPD address 0x${addr.toString(16)} unavailable; F not toggled, the guest will time out`,
    );
    return null;
  }
  if (write !== null) {
    for (let i = 0; i < 4; i++) vpd[addr + i] = (write >>> (8 * i)) & 0xff;
    note(s, 'vpd_write', 'pci_write_vpd', `4 bytes written at VPD 0x${addr.toString(16)}`);
    return write;
  }
  const v = (vpd[addr] | (vpd[addr + 1] << 8) | (vpd[addr + 2] << 16) | (vpd[addr + 3] << 24)) >>> 0;
  note(s, 'vpd_read', 'pci_read_vpd', `4 bytes read at VPD 0x${addr.toString(16)}`);
  return v;
}
