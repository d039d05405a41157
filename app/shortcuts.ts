/** Global keyboard shortcuts from the command registry (not while typing in a field). */
import { useEffect } from 'react';
import { matchShortcut } from './commands';
import { setExport, setImport, setPalette, setShare } from './store/explorer';

const NON_TEXT_INPUTS = new Set(['range', 'checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'file']);
const typing = (t: HTMLElement | null) =>
  !!t &&
  (t.tagName === 'TEXTAREA' ||
    t.tagName === 'SELECT' ||
    t.isContentEditable ||
    (t.tagName === 'INPUT' && !NON_TEXT_INPUTS.has((t as HTMLInputElement).type)));

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setPalette(false);
        setImport(false);
        setShare(false);
        setExport(false);
        return;
      }
      // Not while typing: text fields take letters, and a menu uses them to jump to an option. Sliders,
      // checkboxes and radios take no letters, so the shortcuts work there (T, then D on the timeline).
      if (typing(e.target as HTMLElement | null)) return;
      const cmd = matchShortcut(e);
      if (!cmd) return;
      e.preventDefault();
      cmd.perform();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
