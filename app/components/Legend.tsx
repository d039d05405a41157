/** What the bitmap's colours mean for the current overlay. */
import { PERM_COLOURS, PERM_LABELS, SOURCE_COLOURS, DIFF_COLOUR, cssRgb } from '../bitmap/palette';
import { defaultCompareKernel, KERNELS } from '../../src/index';
import { useExplorer } from '../store/explorer';

export function Legend() {
  const overlay = useExplorer((s) => s.overlay);
  const kernel = useExplorer((s) => s.kernel);
  const against = useExplorer((s) => s.compareKernel ?? defaultCompareKernel(s.kernel));
  const items: [string, string, boolean][] =
    overlay === 'perm'
      ? (Object.keys(PERM_COLOURS) as (keyof typeof PERM_COLOURS)[]).map((k) => [
          cssRgb(PERM_COLOURS[k]),
          PERM_LABELS[k],
          k.endsWith('-ro'),
        ])
      : overlay === 'values'
        ? [
            [cssRgb(SOURCE_COLOURS.qemu), 'from QEMU’s copy (dark = 1)', false],
            [cssRgb(SOURCE_COLOURS.vconfig), 'from vfio’s vconfig', false],
            [cssRgb(SOURCE_COLOURS.hardware), 'from the device', false],
          ]
        : overlay === 'diff-views'
          ? [[cssRgb(DIFF_COLOUR), 'bits where guest, VMM and physical differ', false]]
          : overlay === 'diff-kernel'
            ? [
                [
                  cssRgb(DIFF_COLOUR),
                  `bits whose virt/write differ between ${KERNELS[against].label} and ${KERNELS[kernel].label} (same op-log)`,
                  false,
                ],
              ]
            : [[cssRgb(DIFF_COLOUR), 'bits whose virt/write PCI_MSI_NOVIRT changes', false]];
  return (
    <ul className="legend" aria-label="Legend">
      {items.map(([c, label, dotted]) => (
        <li key={label}>
          <span className={`swatch${dotted ? ' dotted' : ''}`} style={{ background: c }} />
          {label}
        </li>
      ))}
    </ul>
  );
}
