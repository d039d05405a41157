/** The results of a find: matches, then actions, as one listbox driven by its input (aria-activedescendant). */
import { useEffect } from 'react';
import type { FindItem } from './useFind';

export const optionId = (prefix: string, i: number) => `${prefix}-opt-${i}`;

export function FindList({
  id,
  items,
  active,
  query,
  onPick,
}: {
  id: string;
  items: readonly FindItem[];
  active: number;
  query: string;
  onPick: (i: number) => void;
}) {
  const groups: [FindItem['group'], string][] = [
    ['match', 'Registers and fields'],
    ['action', 'Actions'],
  ];
  useEffect(() => {
    document.getElementById(optionId(id, active))?.scrollIntoView?.({ block: 'nearest' });
  }, [id, active]);
  return (
    <div role="listbox" id={id} aria-label="Results" className="find-list" tabIndex={0}>
      {groups.map(([group, title]) => {
        const inGroup = items.map((it, i) => [it, i] as const).filter(([it]) => it.group === group);
        if (!inGroup.length) return null;
        return (
          <div role="group" aria-label={title} key={group}>
            <div className="find-group" aria-hidden="true">
              {title}
            </div>
            {inGroup.map(([it, i]) => (
              <div
                key={it.id}
                id={optionId(id, i)}
                role="option"
                aria-selected={i === active}
                className="find-option"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => onPick(i)}
              >
                <span className="find-label">
                  {group === 'action' && <span className="find-kind">Action: </span>}
                  <span className={group === 'match' ? 'mono' : undefined}>{it.label}</span>
                  {it.shortcut && <kbd>{it.shortcut}</kbd>}
                </span>
                {group === 'match' && <span className="find-detail muted">{it.detail}</span>}
              </div>
            ))}
          </div>
        );
      })}
      {!items.length && (
        <div className="muted find-empty" role="option" aria-selected={false} aria-disabled="true">
          Nothing matches “{query}”.
        </div>
      )}
    </div>
  );
}

/** Arrow keys move through the results, Enter picks; returns whether the key was handled. */
export function findKeys(
  e: React.KeyboardEvent,
  count: number,
  setActive: (f: (a: number) => number) => void,
  pick: () => void,
): boolean {
  if (e.key === 'ArrowDown') setActive((a) => Math.min(count - 1, a + 1));
  else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
  else if (e.key === 'Enter') pick();
  else return false;
  e.preventDefault();
  return true;
}
