/**
 * The part of `lspci -vvv` before the capabilities: show_verbose, show_bases, show_rom and show_htype0/1/2 in
 * pciutils 3.9.0 lspci.c, as they behave on a dump (-F): no sizes and no resource flags are known, so every
 * region comes from the BAR words and bridge windows are never "disabled" by the OS, only by base > limit.
 */
import { barAddresses } from '../header';
import { flags, hx, type ConfigView, type FlagList, type Out } from './reader';

const COMMAND_IO = 0x1;
const COMMAND_MEMORY = 0x2;
const COMMAND_MASTER = 0x4;
const STATUS_CAP_LIST = 0x10;
const CAP_ID_SSVID = 0x0d;

const CONTROL_FLAGS: FlagList = [
  ['I/O', 0x1],
  ['Mem', 0x2],
  ['BusMaster', 0x4],
  ['SpecCycle', 0x8],
  ['MemWINV', 0x10],
  ['VGASnoop', 0x20],
  ['ParErr', 0x40],
  ['Stepping', 0x80],
  ['SERR', 0x100],
  ['FastB2B', 0x200],
  ['DisINTx', 0x400],
];

const devsel = (status: number) => ['fast', 'medium', 'slow', '??'][(status >> 9) & 3];

function statusLine(s: number): string {
  const head = flags(s, [
    ['Cap', 0x10],
    ['66MHz', 0x20],
    ['UDF', 0x40],
    ['FastB2B', 0x80],
    ['ParErr', 0x100],
  ]);
  const tail = flags(s, [
    ['>TAbort', 0x800],
    ['<TAbort', 0x1000],
    ['<MAbort', 0x2000],
    ['>SERR', 0x4000],
    ['<PERR', 0x8000],
    ['INTx', 0x8],
  ]);
  return `\tStatus: ${head} DEVSEL=${devsel(s)} ${tail}`;
}

/** The subsystem IDs lspci's library finds (pci_generic_fill_info): header words, or the SSVID capability of a bridge. */
export function subsystemIds(cfg: ConfigView): [number, number] | null {
  const type = cfg.lib8(0x0e) & 0x7f;
  if (type === 0) return [cfg.lib16(0x2c), cfg.lib16(0x2e)];
  if (type === 2) return [cfg.lib16(0x40), cfg.lib16(0x42)];
  if (type !== 1 || !(cfg.lib16(0x06) & STATUS_CAP_LIST)) return type === 1 ? [0, 0] : null;
  // The library's own walk (lib/caps.c, pci_scan_trad_caps): no header check, stops at a repeat or ID 0xff.
  const seen = new Set<number>();
  for (let where = cfg.lib8(0x34) & ~3; where && !seen.has(where); where = cfg.lib8(where + 1) & ~3) {
    seen.add(where);
    const id = cfg.lib8(where);
    if (id === 0xff) break;
    if (id === CAP_ID_SSVID) return [cfg.lib16(where + 4), cfg.lib16(where + 6)];
  }
  return [0, 0];
}

const MEM_TYPES = ['32-bit', 'low-1M', '64-bit', 'type 3'];

/**
 * show_htype_unknown without config data: the BAR and ROM addresses the library read (no flag bits, so every
 * region reads as 32-bit non-prefetchable memory, and the ROM as disabled).
 */
function showLibraryResources(cfg: ConfigView, out: Out): void {
  const type = cfg.lib8(0x0e) & 0x7f;
  const addrs = barAddresses((o) => cfg.lib32(o), [6, 2, 1][type] ?? 0);
  addrs.forEach((pos, i) => {
    const a = pos & ~0xfn;
    if (pos) out.line(`\tRegion ${i}: Memory at ${a ? hx(a, 8) : '<unassigned>'} (32-bit, non-prefetchable)`);
  });
  const romAt = [0x30, 0x38][type];
  const rom = romAt === undefined ? 0xffffffff : cfg.lib32(romAt);
  if (rom === 0xffffffff || !rom) return;
  out.line(
    `\tExpansion ROM at ${rom & 0xfffff800 ? hx((rom & 0xfffff800) >>> 0, 8) : '<unassigned>'} [disabled]`,
  );
}

function showBases(cfg: ConfigView, out: Out, count: number): void {
  const cmd = cfg.u16(0x04);
  const addrs = barAddresses((o) => cfg.lib32(o), count);
  for (let i = 0; i < count; i++) {
    let flg = cfg.u32(0x10 + 4 * i);
    if (flg === 0xffffffff) flg = 0;
    const pos = addrs[i];
    if (!pos && !flg) continue;
    let line = `\tRegion ${i}: `;
    if (flg & 1) {
      const a = pos & ~3n;
      line += `I/O ports at ${a || cmd & COMMAND_IO ? hx(a, 4) : '<unassigned>'}`;
      if (!(cmd & COMMAND_IO)) line += ' [disabled]';
    } else {
      const a = pos & ~0xfn;
      line += `Memory at ${a ? hx(a, 8) : '<unassigned>'}`;
      line += ` (${MEM_TYPES[(flg >> 1) & 3]}, ${flg & 8 ? '' : 'non-'}prefetchable)`;
      if (!(cmd & COMMAND_MEMORY)) line += ' [disabled]';
    }
    out.line(line);
  }
}

function showRom(cfg: ConfigView, out: Out, reg: number): void {
  const flg = cfg.u32(reg);
  const rom = flg === 0xffffffff ? 0 : flg;
  if (!rom && !flg) return;
  const mask = 0xfffff800;
  let line = '\tExpansion ROM at ';
  if (rom & mask) line += hx((rom & mask) >>> 0, 8);
  else line += flg & mask ? '<ignored>' : '<unassigned>';
  if (!(flg & 1)) line += ' [disabled]';
  else if (!(cfg.u16(0x04) & COMMAND_MEMORY)) line += ' [disabled by cmd]';
  out.line(line);
}

/** show_size: the largest unit that divides the size evenly. */
function sizeText(size: bigint): string {
  const units = ['', 'K', 'M', 'G', 'T'];
  let i = 0;
  while (i < units.length - 1 && size % 1024n === 0n) {
    size /= 1024n;
    i++;
  }
  return ` [size=${BigInt.asUintN(32, size)}${units[i]}]`;
}

/** show_range at -vvv: the range is always printed; with base above limit it is disabled. */
function rangeLine(prefix: string, base: bigint, limit: bigint, width: number): string {
  const digits = Math.floor((width + 3) / 4);
  const size = base <= limit ? sizeText(limit - base + 1n) : ' [disabled]';
  return `\t${prefix}: ${hx(base, digits)}-${hx(limit, digits)}${size} [${width}-bit]`;
}

const BRIDGE_CTL: FlagList = [
  ['Parity', 0x1],
  ['SERR', 0x2],
  ['NoISA', 0x4],
  ['VGA', 0x8],
  ['VGA16', 0x10],
  ['MAbort', 0x20],
  ['>Reset', 0x40],
  ['FastB2B', 0x80],
];
const BRIDGE_CTL2: FlagList = [
  ['PriDiscTmr', 0x100],
  ['SecDiscTmr', 0x200],
  ['DiscTmrStat', 0x400],
  ['DiscTmrSERREn', 0x800],
];

function busLine(cfg: ConfigView, at: number): string {
  return `\tBus: primary=${hx(cfg.u8(at), 2)}, secondary=${hx(cfg.u8(at + 1), 2)}, subordinate=${hx(cfg.u8(at + 2), 2)}, sec-latency=${cfg.u8(at + 3)}`;
}

function showBridgeWindows(cfg: ConfigView, out: Out): void {
  const ioBase = cfg.u8(0x1c);
  const ioLimit = cfg.u8(0x1d);
  const ioType = ioBase & 0xf;
  if (ioType !== (ioLimit & 0xf) || ioType > 1) {
    out.line(`\t!!! Unknown I/O range types ${hx(ioBase)}/${hx(ioLimit)}`);
  } else {
    let base = (ioBase & 0xf0) << 8;
    let limit = (ioLimit & 0xf0) << 8;
    if (ioType === 1) {
      base = (base | (cfg.u16(0x30) << 16)) >>> 0;
      limit = (limit | (cfg.u16(0x32) << 16)) >>> 0;
    }
    limit = (limit + 0xfff) >>> 0;
    out.line(rangeLine('I/O behind bridge', BigInt(base), BigInt(limit), ioType === 1 ? 32 : 16));
  }
  const memBase = cfg.u16(0x20);
  const memLimit = cfg.u16(0x22);
  if ((memBase & 0xf) !== (memLimit & 0xf) || memBase & 0xf) {
    out.line(`\t!!! Unknown memory range types ${hx(memBase)}/${hx(memLimit)}`);
  } else {
    const base = BigInt(((memBase & ~0xf) << 16) >>> 0);
    const limit = BigInt(((memLimit & ~0xf) << 16) >>> 0) + 0xfffffn;
    out.line(rangeLine('Memory behind bridge', base, limit, 32));
  }
  const prefBase = cfg.u16(0x24);
  const prefLimit = cfg.u16(0x26);
  const prefType = prefBase & 0xf;
  if (prefType !== (prefLimit & 0xf) || prefType > 1) {
    out.line(`\t!!! Unknown prefetchable memory range types ${hx(prefBase)}/${hx(prefLimit)}`);
  } else {
    let base = BigInt(((prefBase & ~0xf) << 16) >>> 0);
    let limit = BigInt(((prefLimit & ~0xf) << 16) >>> 0);
    if (prefType === 1) {
      base |= BigInt(cfg.u32(0x28)) << 32n;
      limit |= BigInt(cfg.u32(0x2c)) << 32n;
    }
    limit = BigInt.asUintN(64, limit + 0xfffffn);
    out.line(rangeLine('Prefetchable memory behind bridge', base, limit, prefType === 1 ? 64 : 32));
  }
}

function showType1(cfg: ConfigView, out: Out): void {
  showBases(cfg, out, 2);
  out.line(busLine(cfg, 0x18));
  showBridgeWindows(cfg, out);
  const sec = cfg.u16(0x1e);
  const secHead = flags(sec, [
    ['66MHz', 0x20],
    ['FastB2B', 0x80],
    ['ParErr', 0x100],
  ]);
  const secTail = flags(sec, [
    ['>TAbort', 0x800],
    ['<TAbort', 0x1000],
    ['<MAbort', 0x2000],
    ['<SERR', 0x4000],
    ['<PERR', 0x8000],
  ]);
  out.line(`\tSecondary status: ${secHead} DEVSEL=${devsel(sec)} ${secTail}`);
  showRom(cfg, out, 0x38);
  const brc = cfg.u16(0x3e);
  out.line(`\tBridgeCtl: ${flags(brc, BRIDGE_CTL)}`);
  out.line(`\t\t${flags(brc, BRIDGE_CTL2)}`);
}

const CB_BRIDGE_CTL: FlagList = [
  ['Parity', 0x1],
  ['SERR', 0x2],
  ['ISA', 0x4],
  ['VGA', 0x8],
  ['MAbort', 0x20],
  ['>Reset', 0x40],
  ['16bInt', 0x80],
  ['PostWrite', 0x400],
];

/** Returns false when lspci stops after "<access denied to the rest>" (a dump without the second 64 bytes). */
function showType2(cfg: ConfigView, out: Out): boolean {
  const cmd = cfg.u16(0x04);
  const brc = cfg.u16(0x3e);
  showBases(cfg, out, 1);
  out.line(busLine(cfg, 0x18));
  for (let i = 0; i < 2; i++) {
    const base = cfg.u32(0x1c + 8 * i);
    const limit = (cfg.u32(0x20 + 8 * i) + 0xfff) >>> 0;
    const disabled = cmd & COMMAND_MEMORY ? '' : ' [disabled]';
    const pref = brc & (0x100 << i) ? ' (prefetchable)' : '';
    out.line(`\tMemory window ${i}: ${hx(base, 8)}-${hx(limit, 8)}${disabled}${pref}`);
  }
  for (let i = 0; i < 2; i++) {
    let base = cfg.u32(0x2c + 8 * i);
    let limit = cfg.u32(0x30 + 8 * i);
    if (!(base & 1)) {
      base &= 0xffff;
      limit &= 0xffff;
    }
    base = (base & ~3) >>> 0;
    limit = (((limit & ~3) >>> 0) + 3) >>> 0;
    out.line(`\tI/O window ${i}: ${hx(base, 8)}-${hx(limit, 8)}${cmd & COMMAND_IO ? '' : ' [disabled]'}`);
  }
  if (cfg.u16(0x16) & 0x4000) out.line('\tSecondary status: SERR');
  out.line(`\tBridgeCtl: ${flags(brc, CB_BRIDGE_CTL)}`);
  if (!cfg.has(0x40, 64)) {
    out.line('\t<access denied to the rest>');
    return false;
  }
  const exca = cfg.u16(0x44);
  if (exca) out.line(`\t16-bit legacy interface ports at ${hx(exca, 4)}`);
  return true;
}

/**
 * Everything from the Subsystem line to the last header line. Returns where the capability pointer lives,
 * or null when lspci shows no capabilities (unknown header type, truncated CardBus dump).
 */
export function showHeader(cfg: ConfigView, out: Out): number | null {
  const ids = subsystemIds(cfg);
  if (ids && ids[0] && ids[0] !== 0xffff) out.line(`\tSubsystem: ${hx(ids[0], 4)}:${hx(ids[1], 4)}`);
  if (cfg.length < 64) {
    // scan_device could not read a whole header (no_config_access): only the library's IRQ byte is left.
    const irq = cfg.lib8(0x3c);
    if (irq) out.line(`\tInterrupt: pin ? routed to IRQ ${irq}`);
    showLibraryResources(cfg, out);
    return null;
  }
  const type = cfg.u8(0x0e) & 0x7f;
  const cls = cfg.u16(0x0a);
  const known = type <= 2;
  if ((type === 0 && cls === 0x0604) || ((type === 1 || type === 2) && cls >> 8 !== 0x06)) {
    out.line(`\t!!! Invalid class ${hx(cls, 4)} for header type ${hx(type, 2)}`);
  }
  if (!known) out.line(`\t!!! Unknown header type ${hx(type, 2)}`);
  if (known) {
    const cmd = cfg.u16(0x04);
    out.line(`\tControl: ${flags(cmd, CONTROL_FLAGS)}`);
    out.line(statusLine(cfg.u16(0x06)));
    if (cmd & COMMAND_MASTER) {
      const minGnt = type === 0 ? cfg.u8(0x3e) : 0;
      const maxLat = type === 0 ? cfg.u8(0x3f) : 0;
      let line = `\tLatency: ${cfg.u8(0x0d)}`;
      if (minGnt || maxLat) {
        const parts = [];
        if (minGnt) parts.push(`${minGnt * 250}ns min`);
        if (maxLat) parts.push(`${maxLat * 250}ns max`);
        line += ` (${parts.join(', ')})`;
      }
      const cacheLine = cfg.u8(0x0c);
      if (cacheLine) line += `, Cache Line Size: ${cacheLine * 4} bytes`;
      out.line(line);
    }
  }
  const pin = known ? cfg.u8(0x3d) : 0;
  const irq = cfg.lib8(0x3c);
  if (pin || irq)
    out.line(`\tInterrupt: pin ${pin ? String.fromCharCode((0x40 + pin) & 0xff) : '?'} routed to IRQ ${irq}`);
  const bist = known ? cfg.u8(0x0f) : 0;
  if (bist & 0x80) out.line(bist & 0x40 ? '\tBIST is running' : `\tBIST result: ${hx(bist & 0x0f, 2)}`);
  if (type === 0) {
    showBases(cfg, out, 6);
    showRom(cfg, out, 0x30);
    return 0x34;
  }
  if (type === 1) {
    showType1(cfg, out);
    return 0x34;
  }
  if (type === 2) return showType2(cfg, out) ? 0x14 : null;
  return null;
}
