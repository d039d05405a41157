/**
 * Find a register or bit field of the open device by its pci_regs.h name, its setpci address
 * (`CAP_MSI+4.L`, `0x54.L`) or lspci's word for it ("BusMaster", "MaxReadReq": the decoder's `word`,
 * from the field meanings in src/pci). Pure: the palette and
 * the toolbar's search box render what this returns.
 */
import { setpciCapName, type DecodedCapability, type Session } from '../../src/index';
import { resolveSelection } from '../selection';

export interface Hit {
  /** Unique per device: `r:0x54` or `f:0x54:PCI_MSI_FLAGS_ENABLE`. */
  readonly key: string;
  readonly kind: 'register' | 'field';
  /** pci_regs.h name of the register or bit field. */
  readonly name: string;
  /** Where it lives: "MSI › PCI_MSI_FLAGS @0x52" and its setpci address. */
  readonly where: string;
  /** What selecting it selects (a field selects its register). */
  readonly offset: number;
  readonly size: number;
  /** Lowest bit of a field (offset × 8 + bit), for the bitmap cursor. */
  readonly cursor: number;
  /** lspci's words and the register's label, shown beside the name. */
  readonly words: readonly string[];
}

const WIDTH = { 1: 'B', 2: 'W', 4: 'L' } as const;
const hex = (n: number) => `0x${n.toString(16)}`;

/** setpci's address of a register: relative to its capability when it has a setpci name. */
function setpciOf(cap: DecodedCapability | null, offset: number, size: 1 | 2 | 4): string {
  const capName = cap ? setpciCapName(cap) : null;
  return capName
    ? `${capName}+${(offset - cap!.offset).toString(16)}.${WIDTH[size]}`
    : `${hex(offset)}.${WIDTH[size]}`;
}

/** Every register and bit field of the device, in config-space order. */
export function searchEntries(session: Session): Hit[] {
  const d = session.decoded;
  const out: Hit[] = [];
  const structures: [DecodedCapability | null, string, DecodedCapability['fields']][] = [
    [null, 'Header', d.header.fields],
    ...[...d.capabilities, ...d.extendedCapabilities].map(
      (c) => [c, c.name, c.fields] as [DecodedCapability, string, DecodedCapability['fields']],
    ),
  ];
  for (const [cap, structure, fields] of structures)
    for (const f of fields) {
      const address = setpciOf(cap, f.offset, f.size);
      out.push({
        key: `r:${f.offset}`,
        kind: 'register',
        name: f.name,
        where: `${structure} @${hex(f.offset)} · ${address}`,
        offset: f.offset,
        size: f.size,
        cursor: f.offset * 8 + 7,
        words: [f.label, f.word].filter((w): w is string => !!w),
      });
      for (const b of f.bits ?? []) {
        const low = Math.log2((b.mask & -b.mask) >>> 0);
        out.push({
          key: `f:${f.offset}:${b.name}`,
          kind: 'field',
          name: b.name,
          where: `${structure} › ${f.name} @${hex(f.offset)} · ${address}`,
          offset: f.offset,
          size: f.size,
          cursor: (f.offset + (low >> 3)) * 8 + (low & 7),
          words: b.word ? [b.word] : [],
        });
      }
    }
  return out;
}

/** Whether the query reads as an address rather than words: `0x54`, `54.L`, `CAP_MSI+4`, `PCI_…`, `COMMAND`. */
const looksLikeAddress = (q: string) => /^0x|[.+:]/i.test(q) || /^[A-Z][A-Z0-9_]*$/.test(q);

/**
 * Matches for the query, best first: an address the query resolves to, then names equal to it, names
 * starting with it, and names or lspci words containing every word of it.
 */
export function search(session: Session, entries: readonly Hit[], query: string, limit = 30): Hit[] {
  const q = query.trim();
  if (!q) return [];
  const found: Hit[] = [];
  if (looksLikeAddress(q)) {
    const r = resolveSelection(q, session.decoded);
    if (typeof r !== 'string') {
      const reg = entries.find((e) => e.kind === 'register' && e.offset === r.offset && e.size === r.size);
      const loc = session.fields.at(r.offset);
      found.push(
        reg ?? {
          key: `a:${r.offset}:${r.size}`,
          kind: 'register',
          name: loc
            ? `${loc.field.name} (${r.size} byte${r.size > 1 ? 's' : ''} at ${hex(r.offset)})`
            : hex(r.offset),
          where: `${loc?.structure ?? 'no register'} @${hex(r.offset)} · ${q}`,
          offset: r.offset,
          size: r.size,
          cursor: r.offset * 8 + 7,
          words: [],
        },
      );
    }
  }
  const lower = q.toLowerCase();
  const terms = lower.split(/\s+/);
  const scored: [number, Hit][] = [];
  for (const e of entries) {
    const name = e.name.toLowerCase();
    const words = e.words.map((w) => w.toLowerCase());
    const hay = `${name} ${words.join(' ')} ${e.where.toLowerCase()}`;
    let score: number;
    if (name === lower) score = 0;
    else if (words.includes(lower)) score = 1;
    else if (name.startsWith(lower) || name.replace(/^pci_(ext_)?/, '').startsWith(lower)) score = 2;
    else if (terms.every((t) => hay.includes(t))) score = 3;
    else continue;
    // Registers before their bit fields at the same score.
    scored.push([score * 2 + (e.kind === 'field' ? 1 : 0), e]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].offset - b[1].offset);
  for (const [, e] of scored) if (!found.some((f) => f.key === e.key)) found.push(e);
  return found.slice(0, limit);
}
