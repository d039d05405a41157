/** lspci-like text for `vfio-explorer decode`: every register with its pci_regs.h name, bit fields as dotted masks. */
import type { DecodedCapability, DecodedConfig, DecodedField } from '../pci/decode';
import { dottedMask, hexOffset, hexValue } from '../pci/format';

function fieldLines(f: DecodedField): string[] {
  const lines = [`\t\t${f.name} @${hexOffset(f.offset)} = ${hexValue(f.value, f.size)}`];
  for (const b of f.bits ?? [])
    lines.push(`\t\t\t${dottedMask(b.mask, f.value, f.size)} = ${b.name}: ${b.value}`);
  return lines;
}

function capLines(c: DecodedCapability): string[] {
  const where = c.extended ? `[${c.offset.toString(16)} v${c.version}]` : `[${c.offset.toString(16)}]`;
  return [
    `\tCapabilities: ${where} ${c.name} (${c.macro ?? 'unassigned ID'}, ${c.length} bytes)`,
    ...c.fields.flatMap(fieldLines),
  ];
}

export function formatDecoded(title: string, d: DecodedConfig & { warnings: string[] }): string {
  const lines = [title, `\tHeader type ${d.header.type}`, ...d.header.fields.flatMap(fieldLines)];
  for (const c of [...d.capabilities, ...d.extendedCapabilities]) lines.push(...capLines(c));
  for (const w of d.warnings) lines.push(`\tWarning: ${w}`);
  return `${lines.join('\n')}\n`;
}
