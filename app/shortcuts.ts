/** Global keyboard shortcuts from the command registry (not while typing in a field). */
import { useEffect } from 'react';
import { matchShortcut } from './commands';
import { setImport, setPalette, setShare } from './store/explorer';

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setPalette(false);
        setImport(false);
        setShare(false);
        return;
      }
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
      const cmd = matchShortcut(e);
      if (!cmd) return;
      e.preventDefault();
      cmd.perform();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
