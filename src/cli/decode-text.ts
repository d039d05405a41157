/**
 * The text `vfio-explorer decode` prints for a kernel developer: every register with its offset in hex, its
 * pci_regs.h name, its value and what lspci would call it; bit fields as dotted masks with their meaning.
 * Flags that are clear are folded into one line unless `allBits`; multi-bit fields always show (a zero
 * payload code still means 128 bytes). With `vfio` rows, each register also shows vfio-pci's virt/write
 * masks, its handlers and the reason from the permission tables.
 */
import type { DecodedCapability, DecodedConfig, DecodedField } from '../pci/decode';
import type { DecodedBits } from '../pci/fields';
import { dottedMask, hexOffset, hexValue } from '../pci/format';
import { popcount } from '../util/bytes';
import type { PermRow } from './perm-text';

export interface DecodeTextOptions {
  /** Show single-bit fields that read 0 too. */
  readonly allBits?: boolean;
  /** vfio-pci's view of each register (from `permRows`), by offset. */
  readonly vfio?: ReadonlyMap<number, PermRow>;
}

/**
 * Bit fields the kernel reads in place (`table & PCI_MSIX_TABLE_OFFSET`, `rom & PCI_ROM_ADDRESS_MASK`, as
 * msix_map_region and pci_read_bases do): their value is an offset or address, shown unshifted.
 */
const IN_PLACE = new Set(['PCI_MSIX_TABLE_OFFSET', 'PCI_MSIX_PBA_OFFSET', 'PCI_ROM_ADDRESS_MASK']);

/** A field's number as a kernel developer reads it: hex from 10 up (0-9 read the same either way). */
export const hexNumber = (value: number): string =>
  value < 10 ? String(value) : `0x${(value >>> 0).toString(16)}`;

/** A clear flag folds away; a single bit whose 0 means something of its own ("-6dB") keeps its line. */
const folds = (b: DecodedBits, o: DecodeTextOptions) =>
  !o.allBits &&
  b.value === 0 &&
  popcount(b.mask) === 1 &&
  (b.meaning === undefined || b.meaning.endsWith('-'));

/**
 * The folded flags of a register's `bits`: lspci's words, comma-separated (some are several words: "BIST
 * start"); a word two of the register's flags share (SltSta's Status and Changed groups both say "MRL")
 * names its field; flags lspci never prints go last by their pci_regs.h names.
 */
function foldedLine(all: readonly DecodedBits[], o: DecodeTextOptions): string | undefined {
  const bits = all.filter((b) => folds(b, o));
  if (!bits.length) return undefined;
  const word = (b: DecodedBits) => b.word?.replace(/:$/, '');
  const uses = new Map<string, number>();
  for (const b of all) if (word(b)) uses.set(word(b)!, (uses.get(word(b)!) ?? 0) + 1);
  const worded = bits
    .filter((b) => word(b))
    .map((b) => (uses.get(word(b)!)! > 1 ? `${word(b)} (${b.name})` : word(b)!));
  const unworded = bits.filter((b) => !word(b)).map((b) => b.name);
  return `(clear: ${[worded.join(', '), unworded.join(', ')].filter(Boolean).join('; ')})`;
}

function fieldLines(f: DecodedField, o: DecodeTextOptions): string[] {
  const meaning = f.meaning ? `  ${f.meaning}` : '';
  const lines = [`\t\t${hexOffset(f.offset)} ${f.name.padEnd(28)} ${hexValue(f.value, f.size)}${meaning}`];
  const perm = o.vfio?.get(f.offset);
  if (perm)
    lines.push(
      `\t\t\tvfio: virt ${hexValue(perm.virt, f.size)} write ${hexValue(perm.write, f.size)} (${perm.read}/${perm.writeHandler}) ${perm.why}`,
    );
  const bits = f.bits ?? [];
  for (const b of bits) {
    if (folds(b, o)) continue;
    const said = b.meaning ? ` → ${b.meaning}` : '';
    const value = IN_PLACE.has(b.name) ? (f.value & b.mask) >>> 0 : b.value;
    lines.push(`\t\t\t${dottedMask(b.mask, f.value, f.size)} ${b.name} = ${hexNumber(value)}${said}`);
  }
  const folded = foldedLine(bits, o);
  if (folded) lines.push(`\t\t\t${folded}`);
  return lines;
}

function capLines(c: DecodedCapability, o: DecodeTextOptions): string[] {
  const version = c.extended ? ` v${c.version}` : '';
  return [
    `\tCapabilities: [${hexOffset(c.offset)}${version}] ${c.name} (${c.macro || 'unassigned ID'}, ${c.length} bytes)`,
    ...c.fields.flatMap((f) => fieldLines(f, o)),
  ];
}

export function formatDecoded(
  title: string,
  d: DecodedConfig & { warnings: string[] },
  options: DecodeTextOptions = {},
): string {
  const lines = [
    title,
    `\tHeader (type ${d.header.type})`,
    ...d.header.fields.flatMap((f) => fieldLines(f, options)),
  ];
  for (const c of [...d.capabilities, ...d.extendedCapabilities]) lines.push(...capLines(c, options));
  for (const w of d.warnings) lines.push(`\tWarning: ${w}`);
  return `${lines.join('\n')}\n`;
}
