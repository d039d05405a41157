/**
 * Moving the keyboard focus between the explorer's regions: skip links and the single-key shortcuts
 * (M, I, S, T, /, D, F) run these. They work on the rendered page (ids, accessible names, data-command),
 * so they need no reference to the components.
 */
import { decodedOf } from './store/decoded';
import { select, setCursor, useExplorer } from './store/explorer';
import { resolveSelection } from './selection';

/**
 * Focus the first element matching `selector` once the update that asked for it is in the DOM. The store's
 * updates render in a microtask queued when they were made, so a microtask queued after them sees their
 * result: the focus moves before the next key is handled, however long this machine takes to paint a frame
 * (a frame later, a key typed right after a shortcut went to the old focus). A view that loads its code on
 * first use (the walkthrough panel after presentation mode) appears later, after however long the chunk
 * takes: watch the DOM until it does, not a fixed number of frames. The user's next key or click cancels the
 * wait, so a late view never pulls the focus from where they went.
 */
export function focusLater(selector: string): void {
  queueMicrotask(() => {
    const now = document.querySelector<HTMLElement>(selector);
    if (now) return now.focus();
    const stop = () => {
      observer.disconnect();
      removeEventListener('keydown', stop, true);
      removeEventListener('pointerdown', stop, true);
    };
    const observer = new MutationObserver(() => {
      const el = document.querySelector<HTMLElement>(selector);
      if (!el) return;
      stop();
      el.focus();
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    addEventListener('keydown', stop, true);
    addEventListener('pointerdown', stop, true);
  });
}

/** Focus a region by its accessible name (`Register inspector`). */
export const focusRegion = (name: string) => focusLater(`[aria-label="${CSS.escape(name)}"]`);

/** Where the skip links and shortcuts go. */
export const TARGETS = {
  bitmap: '[role=grid][aria-label="Config space"]',
  inspector: '[aria-label="Register inspector"]',
  tree: '[role=tree] [role=treeitem][tabindex="0"]',
  scenario: '#scenario-menu',
  timeline: 'input[aria-label="Timeline"]',
  find: 'input[aria-label="Find a register or field"]',
  walkthrough: 'aside[aria-label="Walkthrough"]',
} as const;

/** Select the open device's MSI address register and go to the inspector (nothing when it has no MSI). */
export function selectMsiAddress(): void {
  const { bytes } = useExplorer.getState();
  if (!bytes) return;
  const r = resolveSelection('CAP_MSI+4.L', decodedOf(bytes));
  if (typeof r === 'string') return;
  setCursor(r.offset * 8 + 7);
  select(r);
  focusRegion('Register inspector');
}

/** Press a button the interrupt-path panel marks with data-command (next delivery, next fault). */
export function pressCommand(id: string): void {
  document.querySelector<HTMLButtonElement>(`button[data-command="${id}"]`)?.click();
}
