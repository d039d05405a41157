/**
 * An MSI write's message decoded for the event log, the detail line and the packet's hover: the format,
 * and the remappable handle / SHV / IRTE or the compatibility destination and vector, from the engine's
 * decodeMsi (Intel VT-d's remappable layout: the scenarios' default IOMMU).
 */
import { decodeMsi, type DecodedMsi, type TimelineEvent } from '../../src/index';

const hex = (v: number) => `0x${(v >>> 0).toString(16)}`;

export function msiOf(e: TimelineEvent): DecodedMsi | null {
  const { address, data } = e.payload;
  if (
    (e.kind !== 'msi-write' && e.kind !== 'msi-program') ||
    typeof address !== 'number' ||
    typeof data !== 'number'
  )
    return null;
  return decodeMsi(address, data, 0, { remap: 'intel' });
}

/** One line: "remappable · handle 0x2b · SHV 0 · IRTE 0x2b" or "compatibility · dest APIC 0x0 · vector 0x21". */
export function msiSummary(d: DecodedMsi): string {
  const field = (name: string) => d.fields.find((f) => f.name === name)?.value;
  if (d.format === 'remappable')
    return [
      'remappable',
      `handle ${hex(field('handle') ?? 0)}`,
      `SHV ${field('SHV') ?? 0}`,
      d.irteIndex !== undefined ? `IRTE ${hex(d.irteIndex)}` : '',
    ]
      .filter(Boolean)
      .join(' · ');
  if (d.format === 'not-msi') return 'not an MSI (outside 0xFEE)';
  return [
    d.format,
    d.destApicId !== undefined ? `dest APIC ${hex(d.destApicId)}` : '',
    d.vector !== undefined ? `vector ${hex(d.vector)}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Every field, one per line (the packet's hover text). */
export const msiFieldLines = (d: DecodedMsi): string[] => [
  `${d.format} message`,
  ...d.fields.map((f) => `${f.bits} ${f.name} = ${hex(f.value)}: ${f.meaning}`),
];
