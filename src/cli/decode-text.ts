/**
 * The text `vfio-explorer decode` prints for a kernel developer: every register with its offset in hex, its
 * pci_regs.h name, its value and what lspci would call it; bit fields as dotted masks with their meaning.
 * Flags that are clear are folded into one line unless `allBits`; multi-bit fields always show (a zero
 * payload code still means 128 bytes). With `vfio` rows, each register also shows vfio-pci's virt/write
 * masks, its handlers and the reason from the permission tables.
 */
import type { DecodedCapability, DecodedConfig, DecodedField } from '../pci/decode';
import { dottedMask, hexOffset, hexValue } from '../pci/format';
import { popcount } from '../util/bytes';
import type { PermRow } from './perm-text';

export interface DecodeTextOptions {
  /** Show single-bit fields that read 0 too. */
  readonly allBits?: boolean;
  /** vfio-pci's view of each register (from `permRows`), by offset. */
  readonly vfio?: ReadonlyMap<number, PermRow>;
}

function fieldLines(f: DecodedField, o: DecodeTextOptions): string[] {
  const meaning = f.meaning ? `  ${f.meaning}` : '';
  const lines = [`\t\t${hexOffset(f.offset)} ${f.name.padEnd(28)} ${hexValue(f.value, f.size)}${meaning}`];
  const perm = o.vfio?.get(f.offset);
  if (perm)
    lines.push(
      `\t\t\tvfio: virt ${hexValue(perm.virt, f.size)} write ${hexValue(perm.write, f.size)} (${perm.read}/${perm.writeHandler}) ${perm.why}`,
    );
  const folded: string[] = [];
  for (const b of f.bits ?? []) {
    if (!o.allBits && b.value === 0 && popcount(b.mask) === 1) {
      folded.push(b.word ?? b.name);
      continue;
    }
    const said = b.meaning ? ` → ${b.meaning}` : '';
    lines.push(`\t\t\t${dottedMask(b.mask, f.value, f.size)} ${b.name} = ${b.value}${said}`);
  }
  if (folded.length) lines.push(`\t\t\t(clear: ${folded.join(' ')})`);
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
