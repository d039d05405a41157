/**
 * Export figure…: the bitmap rows around the selection, the register inspector or the interrupt diagram
 * as SVG (vector, text as text) or PNG, at the current state, with a caption line stating device, kernel,
 * selection and step. In the light palette unless the dark one is asked for, whatever the page's theme.
 */
import { useState } from 'react';
import { KERNELS } from '../../src/index';
import { downloadBlob, fileNameOf } from '../files';
import { setExport, useExplorer } from '../store/explorer';
import { shownValueView, useSession } from '../store/session';
import { figureSvg, svgToPng, type FigureKind } from './svg';
import { paintBitmap } from '../bitmap/paint';
import { PALETTES } from '../bitmap/palette';
import type { Theme } from '../theme';
import { DialogFooter } from '../components/DialogFooter';

const KINDS: [FigureKind, string][] = [
  ['bitmap', 'Bitmap region (rows around the selection)'],
  ['inspector', 'Register inspector'],
  ['diagram', 'Interrupt diagram'],
];

export function ExportDialog() {
  const state = useExplorer();
  const session = useSession();
  const [kind, setKind] = useState<FigureKind>('inspector');
  const [theme, setTheme] = useState<Theme>('light');
  const [status, setStatus] = useState('');
  const sel = state.selected ?? { offset: state.cursor >> 3, size: 1 };
  const register = session?.fields.at(sel.offset)?.field.name ?? `0x${sel.offset.toString(16)}`;
  const step = state.walk
    ? `walkthrough step ${state.walkStep + 1}`
    : `${state.scenarioId} step ${state.step}`;
  const caption = `${state.title} · kernel ${KERNELS[state.kernel]?.label ?? state.kernel} · ${register} @0x${sel.offset.toString(16)} · ${step}`;

  const save = async (format: 'svg' | 'png') => {
    try {
      const bitmap = () => {
        if (!session) throw new Error('No device is loaded.');
        const size = state.compact ? Math.min(256, session.size) : session.size;
        return paintBitmap(
          session,
          state.overlay,
          shownValueView(session.refusal, state.valueView),
          size,
          undefined,
          PALETTES[theme],
        );
      };
      const svg = figureSvg(kind, caption, sel, theme, bitmap);
      const name = fileNameOf(`${state.title || 'vfio-explorer'} ${kind}`, `.${format}`);
      if (format === 'svg') downloadBlob(name, new Blob([svg], { type: 'image/svg+xml' }));
      else downloadBlob(name, await svgToPng(svg));
      setStatus(`Saved ${name}.`);
    } catch (e) {
      setStatus((e as Error).message);
    }
  };

  return (
    <div className="modal-backdrop">
      <div role="dialog" aria-modal="true" aria-label="Export figure" className="share">
        <h2>Export figure</h2>
        <fieldset>
          <legend>Figure</legend>
          {KINDS.map(([k, label]) => (
            <label key={k}>
              <input
                type="radio"
                name="figure"
                checked={kind === k}
                onChange={() => setKind(k)}
                autoFocus={k === kind}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Palette</legend>
          {(['light', 'dark'] as const).map((t) => (
            <label key={t}>
              <input type="radio" name="figure-palette" checked={theme === t} onChange={() => setTheme(t)} />{' '}
              {t}
            </label>
          ))}
        </fieldset>
        <p className="muted">Caption: {caption}</p>
        <DialogFooter status={status} onClose={() => setExport(false)}>
          <button onClick={() => void save('svg')}>Download SVG</button>
          <button onClick={() => void save('png')}>Download PNG</button>
        </DialogFooter>
      </div>
    </div>
  );
}
