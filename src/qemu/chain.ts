/**
 * vfio_add_capabilities: QEMU rebuilds both capability chains from the VMM view. Next pointers become
 * emulated, the PCIe capability is converted for the VM topology (vfio_setup_pcie_cap), and SR-IOV, ARI
 * and kernel-masked extended capabilities are dropped (vfio_add_ext_cap).
 */
import { EngineError } from '../errors';
import { readLE, writeLE } from '../util/bytes';
import type { QemuTopology, QemuVfioPci } from './config';

interface Found {
  offset: number;
  id: number;
  size: number;
}

const PCI_EXT_CAP_NEXT_MASK = 0xffc00000;

/** The VMM view's standard chain, in order, each sized up to the next higher capability or 0x100. */
function standardChain(copy: Uint8Array): Found[] {
  if (!(readLE(copy, 0x06, 2) & 0x10)) return [];
  const seen = new Set<number>();
  const found: { offset: number; id: number }[] = [];
  for (let pos = copy[0x34] & ~3; pos >= 0x40 && !seen.has(pos); pos = copy[pos + 1] & ~3) {
    seen.add(pos);
    found.push({ offset: pos, id: copy[pos] });
  }
  const offsets = found.map((f) => f.offset);
  return found.map((f) => ({
    ...f,
    size: Math.min(...offsets.filter((o) => o > f.offset), 0x100) - f.offset,
  }));
}

function extendedChain(copy: Uint8Array): (Found & { version: number })[] {
  const found: { offset: number; id: number; version: number }[] = [];
  const seen = new Set<number>();
  for (let pos = 0x100; pos >= 0x100 && pos + 4 <= copy.length && !seen.has(pos);) {
    const header = readLE(copy, pos, 4);
    if (!header) break;
    seen.add(pos);
    found.push({ offset: pos, id: header & 0xffff, version: (header >>> 16) & 0xf });
    pos = (header >>> 20) & 0xffc;
  }
  const offsets = found.map((f) => f.offset);
  return found.map((f) => ({
    ...f,
    size: Math.min(...offsets.filter((o) => o > f.offset), copy.length) - f.offset,
  }));
}

type PcieDecision = { keep: false; why: string } | { keep: true };

/** vfio_setup_pcie_cap: what the guest sees of the PCIe capability for this topology. */
function setupPcie(q: QemuVfioPci, cap: Found, topology: QemuTopology): PcieDecision {
  const flags = readLE(q.copy, cap.offset + 2, 2);
  const type = (flags >> 4) & 0xf;
  if (![0x0, 0x1, 0x9].includes(type)) {
    throw new EngineError(
      'device',
      `QEMU vfio-pci cannot assign a PCIe device of type ${type} (only endpoints)`,
    );
  }
  if (topology === 'i440fx') return { keep: true };
  if ((flags & 0xf) === 0) q.emulate(cap.offset + 2, 2, 1, 0x000f); // version 0 erratum: show v1
  const link = (width: number) => {
    q.emulate(cap.offset + 0x0c, 4, width, 0xffffffff);
    q.emulate(cap.offset + 0x10, 2, 0, 0xffff);
  };
  if (topology === 'q35-root') {
    if (type === 0x1)
      return { keep: false, why: 'legacy endpoint on the q35 root bus: PCIe capability hidden' };
    if (type === 0x0) {
      q.emulate(cap.offset + 2, 2, 0x9 << 4, 0x00f0); // becomes a root-complex integrated endpoint
      link(0);
      q.emulate(cap.offset + 0x12, 2, 0, 0xffff);
      if (cap.size > 44) {
        q.emulate(cap.offset + 0x2c, 4, 0, 0xffffffff);
        q.emulate(cap.offset + 0x30, 2, 0, 0xffff);
        q.emulate(cap.offset + 0x32, 2, 0, 0xffff);
      }
    }
  } else if (type === 0x9) {
    q.emulate(cap.offset + 2, 2, 0x0 << 4, 0x00f0); // RC-integrated endpoint behind a root port becomes an endpoint
    link(0x11); // x1, 2.5 GT/s
  }
  return { keep: true };
}

export function buildChains(q: QemuVfioPci, topology: QemuTopology) {
  const dropped: { offset: number; id: number; extended: boolean; why: string }[] = [];
  let msiCap = -1;
  let msixCap = -1;
  const kept: Found[] = [];
  for (const cap of standardChain(q.copy)) {
    if (cap.id === 0x10) {
      const d = setupPcie(q, cap, topology);
      if (!d.keep) {
        dropped.push({ offset: cap.offset, id: cap.id, extended: false, why: d.why });
        continue;
      }
    }
    if (cap.id === 0x05) msiCap = cap.offset;
    if (cap.id === 0x11) msixCap = cap.offset;
    kept.push(cap);
  }
  q.emulate(0x34, 1, kept[0]?.offset ?? 0, 0xff);
  q.emulate(0x06, 2, kept.length ? 0x10 : 0, 0x10);
  kept.forEach((cap, i) => {
    q.wmask.fill(0, cap.offset, cap.offset + cap.size);
    q.emulate(cap.offset + 1, 1, kept[i + 1]?.offset ?? 0, 0xff);
  });
  const express = topology !== 'i440fx' && kept.some((c) => c.id === 0x10) && q.size > 0x100;
  if (express && readLE(q.copy, 0x100, 4) !== 0) addExtended(q, dropped);
  return { dropped, msiCap, msixCap };
}

/** vfio_add_ext_cap: drop ID 0, SR-IOV and ARI; append the rest; a dropped first capability leaves ID 0 at 0x100. */
function addExtended(
  q: QemuVfioPci,
  dropped: { offset: number; id: number; extended: boolean; why: string }[],
): void {
  const caps = extendedChain(q.copy);
  const kept = caps.filter((c) => {
    const why =
      c.id === 0
        ? 'hidden by the kernel (ID 0)'
        : c.id === 0x10
          ? 'SR-IOV is never exposed to a guest'
          : c.id === 0x0e
            ? 'ARI is never exposed to a guest'
            : null;
    if (why) dropped.push({ offset: c.offset, id: c.id, extended: true, why });
    return !why;
  });
  for (const c of caps) q.wmask.fill(0, c.offset, c.offset + c.size);
  kept.forEach((c, i) => {
    const next = kept[i + 1]?.offset ?? 0;
    const mask = c.offset === 0x100 ? 0xffffffff : PCI_EXT_CAP_NEXT_MASK;
    q.emulate(c.offset, 4, (c.id | (c.version << 16) | (next << 20)) >>> 0, mask);
  });
  if (kept[0]?.offset !== 0x100) {
    // The dummy head: ID 0, version 0, next → the first kept capability (0 when none is left).
    q.emulate(0x100, 4, ((kept[0]?.offset ?? 0) << 20) >>> 0, 0xffffffff);
  }
  writeLE(q.wmask, 0x100, 4, 0);
}
