/** What the bitmap's colours mean for the current overlay, drawn from the palette the bitmap paints with. */
import type { CSSProperties } from 'react';
import { NOT_BOUND } from '../bitmap/bit-facts';
import {
  cssRgb,
  isTextured,
  PALETTES,
  PERM_LABELS,
  SOURCE_LABELS,
  type Source,
  type Swatch,
} from '../bitmap/palette';
import { defaultCompareKernel, KERNELS, type PermClass } from '../../src/index';
import { useExplorer } from '../store/explorer';
import { useResolvedTheme } from '../theme';

/** A swatch as the bitmap draws the class: its colour, and its texture pixel as dots. */
function SwatchBox({ swatch }: { swatch: Swatch }) {
  const style: CSSProperties = { backgroundColor: cssRgb(swatch.base) };
  if (isTextured(swatch))
    style.backgroundImage = `radial-gradient(circle, ${cssRgb(swatch.texture)} 35%, transparent 36%)`;
  return <span className={`swatch${isTextured(swatch) ? ' dotted' : ''}`} style={style} />;
}

/** `refused`: vfio-pci does not bind the device (session.refusal), so the bitmap's classes are all empty. */
export function Legend({ refused = false }: { refused?: boolean }) {
  const overlay = useExplorer((s) => s.overlay);
  const kernel = useExplorer((s) => s.kernel);
  const against = useExplorer((s) => s.compareKernel ?? defaultCompareKernel(s.kernel));
  const p = PALETTES[useResolvedTheme()];
  const diffText =
    overlay === 'diff-views'
      ? 'bits where guest, VMM and physical differ'
      : overlay === 'diff-kernel'
        ? `bits whose virt/write differ between ${KERNELS[against].label} and ${KERNELS[kernel].label} (same op-log)`
        : overlay === 'diff-patch'
          ? 'bits whose virt/write the permission patch changes (same op-log)'
          : 'bits whose virt/write PCI_MSI_NOVIRT changes';
  const items: [Swatch[], string][] =
    refused && overlay === 'perm'
      ? [[[p.perm['hw-ro']], NOT_BOUND]]
      : overlay === 'perm'
        ? (Object.keys(p.perm) as PermClass[]).map((k) => [[p.perm[k]], PERM_LABELS[k]])
        : overlay === 'values'
          ? (['qemu', 'vconfig', 'hardware'] as Source[]).map((k) => [[...p.source[k]], SOURCE_LABELS[k]])
          : [
              [[p.diff], diffText],
              [[p.faint], 'no difference'],
            ];
  return (
    <ul className="legend" aria-label="Legend">
      {overlay === 'values' && <li className="muted">each source: bit = 0, bit = 1</li>}
      {items.map(([swatches, label]) => (
        <li key={label}>
          {swatches.map((s, i) => (
            <SwatchBox key={i} swatch={s} />
          ))}
          {label}
        </li>
      ))}
    </ul>
  );
}
