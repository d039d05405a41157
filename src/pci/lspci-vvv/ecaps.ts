/**
 * The extended capability list as `lspci -vvv` walks it (show_ext_caps in pciutils 3.9.0 ls-ecaps.c): from
 * 0x100 while the dump holds the header, stopping at an all-zero or all-ones header and at a repeat. Like
 * lspci it follows a next pointer even below 0x100.
 */
import { capDvsec } from './ecaps-cxl';
import { capAer, capDpc } from './ecaps-errors';
import { capRebar, capSriov } from './ecaps-iov';
import {
  capDoe,
  capDsn,
  capL1pm,
  capLtr,
  capPtm,
  capSecondaryPcie,
  capTph,
  capVendorExt,
} from './ecaps-misc';
import { capAcs, capAri, capAts, capMulticast, capPasid, capPri } from './ecaps-routing';
import { capRcec, capRclink, capVc } from './ecaps-vc';
import { fixedLine, hx, type Ctx } from './reader';

type ExtFormatter = (ctx: Ctx, where: number) => void;

/** By extended capability ID (PCI_EXT_CAP_ID_* in pci_regs.h). */
const FORMATTERS: Record<number, ExtFormatter> = {
  0x00: fixedLine('Null'),
  0x01: capAer,
  0x02: capVc,
  0x03: capDsn,
  0x04: fixedLine('Power Budgeting <?>'),
  0x05: capRclink,
  0x06: fixedLine('Root Complex Internal Link <?>'),
  0x07: capRcec,
  0x08: fixedLine('Multi-Function Virtual Channel <?>'),
  0x09: capVc,
  0x0a: fixedLine('Root Complex Register Block <?>'),
  0x0b: capVendorExt,
  0x0d: capAcs,
  0x0e: capAri,
  0x0f: capAts,
  0x10: capSriov,
  0x11: fixedLine('Multi-Root I/O Virtualization <?>'),
  0x12: capMulticast,
  0x13: capPri,
  0x15: (ctx, where) => capRebar(ctx, where, false),
  0x16: fixedLine('Dynamic Power Allocation <?>'),
  0x17: capTph,
  0x18: capLtr,
  0x19: capSecondaryPcie,
  0x1a: fixedLine('Protocol Multiplexing <?>'),
  0x1b: capPasid,
  0x1c: fixedLine('LN Requester <?>'),
  0x1d: capDpc,
  0x1e: capL1pm,
  0x1f: capPtm,
  0x20: fixedLine('PCI Express over M_PHY <?>'),
  0x21: fixedLine('FRS Queueing <?>'),
  0x22: fixedLine('Readiness Time Reporting <?>'),
  0x23: capDvsec,
  0x24: (ctx, where) => capRebar(ctx, where, true),
  0x25: fixedLine('Data Link Feature <?>'),
  0x26: fixedLine('Physical Layer 16.0 GT/s <?>'),
  0x27: fixedLine('Lane Margining at the Receiver <?>'),
  0x28: fixedLine('Hierarchy ID <?>'),
  0x29: fixedLine('Native PCIe Enclosure Management <?>'),
  0x2e: capDoe,
};

export function showExtendedCaps(ctx: Ctx): void {
  const { cfg, out } = ctx;
  const seen = new Set<number>();
  let where = 0x100;
  do {
    if (!cfg.has(where, 4)) break;
    const header = cfg.u32(where);
    if (header === 0 || header === 0xffffffff) break;
    const id = header & 0xffff;
    out.put(`\tCapabilities: [${hx(where, 3)} v${(header >>> 16) & 0xf}] `);
    if (seen.has(where)) {
      out.line('<chain looped>');
      break;
    }
    seen.add(where);
    const formatter = FORMATTERS[id];
    if (formatter) formatter(ctx, where);
    else out.line(`Extended Capability ID ${id ? `0x${hx(id)}` : '0'}`);
    where = (header >>> 20) & ~3;
  } while (where);
}
