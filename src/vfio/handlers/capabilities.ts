/** Trapping write handlers: vfio_pm_config_write, vfio_vpd_config_write, vfio_exp_config_write, vfio_af_config_write. */
import { readLE, writeLE } from '../../util/bytes';
import { PCI_AF_CAP, PCI_AF_CAP_FLR, PCI_AF_CAP_TP, PCI_AF_CTRL, PCI_AF_CTRL_FLR } from '../../pci/caps/af';
import {
  PCI_EXP_DEVCAP,
  PCI_EXP_DEVCAP_FLR,
  PCI_EXP_DEVCTL,
  PCI_EXP_DEVCTL_BCR_FLR,
  PCI_EXP_DEVCTL_READRQ,
} from '../../pci/caps/pcie';
import { PCI_PM_CTRL } from '../../pci/caps/pm';
import { PCI_VPD_ADDR, PCI_VPD_ADDR_F, PCI_VPD_DATA } from '../../pci/caps/vpd';
import { pcieGetMps, pcieSetReadrq, tryResetFunction, vpdAccess } from '../host';
import { vfioSetPowerState } from '../power';
import { defaultWrite } from './generic';
import type { WriteFn } from './types';

/** Every trap takes what a WriteFn takes, and passes it on to defaultWrite. */
type Args = Parameters<WriteFn>;

/**
 * The power-state trap fires for any chunk that starts at PMCSR, using the written value's low two bits.
 * The result of the state change is ignored (vfio_pm_config_write returns the count regardless).
 */
export function pmWrite(...args: Args): void {
  const [s, , , , offset, val] = args;
  defaultWrite(...args);
  if (offset === PCI_PM_CTRL) vfioSetPowerState(s, val & 3);
}

/** Writing the upper byte of VPD_ADDR starts a VPD read (F clear) or write (F set); F toggles on success. */
export function vpdWrite(...args: Args): void {
  const [s, pos, count, , offset] = args;
  defaultWrite(...args);
  if (offset > PCI_VPD_ADDR + 1 || offset + count <= PCI_VPD_ADDR + 1) return;
  const cap = pos - offset;
  const addr = readLE(s.vconfig, cap + PCI_VPD_ADDR, 2);
  if (addr & PCI_VPD_ADDR_F) {
    if (vpdAccess(s, addr & ~PCI_VPD_ADDR_F, readLE(s.vconfig, cap + PCI_VPD_DATA, 4)) === null) return;
  } else {
    const data = vpdAccess(s, addr, null);
    if (data === null) return;
    writeLE(s.vconfig, cap + PCI_VPD_DATA, 4, data);
  }
  writeLE(s.vconfig, cap + PCI_VPD_ADDR, 2, addr ^ PCI_VPD_ADDR_F);
}

/** FLR always reads 0 and resets if DEVCAP advertises it; a changed MRRS goes to hardware, floored at the physical MPS. */
export function expWrite(...args: Args): void {
  const [s, pos, , , offset] = args;
  const cap = pos - offset;
  const ctl = cap + PCI_EXP_DEVCTL;
  const readrqBefore = readLE(s.vconfig, ctl, 2) & PCI_EXP_DEVCTL_READRQ;
  defaultWrite(...args);
  const vctl = readLE(s.vconfig, ctl, 2);
  if (vctl & PCI_EXP_DEVCTL_BCR_FLR) {
    writeLE(s.vconfig, ctl, 2, vctl & ~PCI_EXP_DEVCTL_BCR_FLR);
    if (s.hw.read(cap + PCI_EXP_DEVCAP, 4) & PCI_EXP_DEVCAP_FLR) tryResetFunction(s, 'PCIe Initiate FLR');
  }
  const readrq = readLE(s.vconfig, ctl, 2) & PCI_EXP_DEVCTL_READRQ;
  if (readrq !== readrqBefore) {
    const rq = Math.max(128 << (readrq >> 12), pcieGetMps(s, cap));
    pcieSetReadrq(s, cap, rq);
  }
}

export function afWrite(...args: Args): void {
  const [s, pos, , , offset] = args;
  const cap = pos - offset;
  defaultWrite(...args);
  const ctrl = s.vconfig[cap + PCI_AF_CTRL];
  if (ctrl & PCI_AF_CTRL_FLR) {
    s.vconfig[cap + PCI_AF_CTRL] = ctrl & ~PCI_AF_CTRL_FLR;
    const afCap = s.hw.read(cap + PCI_AF_CAP, 1);
    if (afCap & PCI_AF_CAP_FLR && afCap & PCI_AF_CAP_TP) tryResetFunction(s, 'AF Initiate FLR');
  }
}
