/**
 * Keyboard for a role=tree with a roving tabindex (WAI-ARIA tree pattern): the tree is one tab stop,
 * ↑/↓ move through the visible items, → opens or enters, ← closes or goes to the parent, Home/End,
 * Enter/Space activate the item's own button. Works on the DOM order of the rendered treeitems.
 */
export function treeKeyDown(
  e: React.KeyboardEvent<HTMLElement>,
  tree: HTMLElement | null,
  moveTo: (key: string) => void,
): void {
  const item = (e.target as HTMLElement).closest<HTMLElement>('[role=treeitem]');
  if (!tree || !item) return;
  const items = [...tree.querySelectorAll<HTMLElement>('[role=treeitem]')];
  const i = items.indexOf(item);
  const go = (el: HTMLElement | undefined | null) => {
    const key = el?.dataset.key;
    if (key) moveTo(key);
  };
  const expanded = item.getAttribute('aria-expanded');
  const ownButton = item.querySelector<HTMLElement>(':scope > button');
  if (e.key === 'ArrowDown') go(items[i + 1]);
  else if (e.key === 'ArrowUp') go(items[i - 1]);
  else if (e.key === 'Home') go(items[0]);
  else if (e.key === 'End') go(items[items.length - 1]);
  else if (e.key === 'ArrowRight') {
    if (expanded === 'false') ownButton?.click();
    else go(item.querySelector<HTMLElement>('[role=treeitem]'));
  } else if (e.key === 'ArrowLeft') {
    if (expanded === 'true' && item.dataset.closable === 'true') ownButton?.click();
    else go(item.parentElement?.closest<HTMLElement>('[role=treeitem]'));
  } else if (e.key === 'Enter' || e.key === ' ') ownButton?.click();
  else return;
  e.preventDefault();
  e.stopPropagation();
}
