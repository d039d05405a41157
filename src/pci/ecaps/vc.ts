/** Virtual channels: VC (0x02), VC9 (0x09, same layout) and multi-function VC (0x08). */
import { bit, reg, type CapabilityDef, type CapView, type RegDef } from '../layout';

const PCI_VC_PORT_CAP1 = 0x04;
const PCI_VC_PORT_CAP2 = 0x08;
const PCI_VC_CAP1_EVCC = 0x7;

/** vfio_vc_cap_len(): 16 + 12 per VC resource, plus the VC arbitration table when phases are advertised. */
export function vcLength(v: CapView): number {
  const evcc = v.u32(PCI_VC_PORT_CAP1) & PCI_VC_CAP1_EVCC;
  const cap2 = v.u32(PCI_VC_PORT_CAP2);
  const phases = cap2 & 0x8 ? 128 : cap2 & 0x4 ? 64 : cap2 & 0x2 ? 32 : 0;
  let len = 16 + (1 + evcc) * 12;
  if (phases) len = Math.ceil(len / 16) * 16 + (phases * 4) / 8;
  return len;
}

function registers(v: CapView): RegDef[] {
  const regs: RegDef[] = [
    reg('PCI_VC_PORT_CAP1', PCI_VC_PORT_CAP1, 4, [
      bit('PCI_VC_CAP1_EVCC', PCI_VC_CAP1_EVCC),
      bit('PCI_VC_CAP1_LPEVCC', 0x70),
      bit('PCI_VC_CAP1_ARB_SIZE', 0xc00),
    ]),
    reg('PCI_VC_PORT_CAP2', PCI_VC_PORT_CAP2, 4, [
      bit('PCI_VC_CAP2_32_PHASE', 0x2),
      bit('PCI_VC_CAP2_64_PHASE', 0x4),
      bit('PCI_VC_CAP2_128_PHASE', 0x8),
      bit('PCI_VC_CAP2_ARB_OFF', 0xff000000),
    ]),
    reg('PCI_VC_PORT_CTRL', 0x0c, 2, undefined, 'rw'),
    reg('PCI_VC_PORT_STATUS', 0x0e, 2),
  ];
  const evcc = v.u32(PCI_VC_PORT_CAP1) & PCI_VC_CAP1_EVCC;
  for (let i = 0; i <= evcc; i++) {
    const base = 0x10 + i * 12;
    regs.push(reg(`PCI_VC_RES_CAP(${i})`, base, 4));
    regs.push(
      reg(`PCI_VC_RES_CTRL(${i})`, base + 4, 4, [
        bit('PCI_VC_RES_CTRL_TC_MAP', 0xff, 'rw'),
        bit('PCI_VC_RES_CTRL_ID', 0x7000000, 'rw'),
        bit('PCI_VC_RES_CTRL_ENABLE', 0x80000000, 'rw'),
      ]),
    );
    regs.push(reg(`PCI_VC_RES_STATUS(${i})`, base + 10, 2));
  }
  return regs;
}

const vcFamily = (id: number, macro: string, name: string): CapabilityDef => ({
  id,
  macro,
  name,
  length: vcLength,
  registers,
});

export const vc = vcFamily(0x02, 'PCI_EXT_CAP_ID_VC', 'Virtual Channel');
export const mfvc = vcFamily(0x08, 'PCI_EXT_CAP_ID_MFVC', 'Multi-Function Virtual Channel');
export const vc9 = vcFamily(0x09, 'PCI_EXT_CAP_ID_VC9', 'Virtual Channel');
