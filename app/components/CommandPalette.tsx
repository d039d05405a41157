/** Ctrl+K: every command, filtered as you type, run with Enter. */
import { useEffect, useRef, useState } from 'react';
import { COMMANDS } from '../commands';
import { setPalette } from '../store/explorer';

export function CommandPalette() {
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const list = COMMANDS.filter((c) => c.label.toLowerCase().includes(q.toLowerCase()));
  useEffect(() => {
    input.current?.focus();
  }, []);
  const run = (i: number) => {
    const c = list[i];
    setPalette(false);
    c?.perform();
  };
  return (
    <div className="modal-backdrop" onClick={() => setPalette(false)}>
      <div
        role="dialog"
        aria-modal="true"
        aria-label="Command palette"
        className="palette"
        onClick={(e) => e.stopPropagation()}
        // The same keys work in the filter box and in the (scrollable, focusable) list.
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(list.length - 1, a + 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
          else if (e.key === 'Enter') run(active);
          else if (e.key === 'Escape') setPalette(false);
          else return;
          e.preventDefault();
        }}
      >
        <input
          ref={input}
          aria-label="Command"
          placeholder="Type a command…"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setActive(0);
          }}
        />
        <ul role="listbox" aria-label="Commands" tabIndex={0}>
          {list.map((c, i) => (
            <li key={c.id} role="option" aria-selected={i === active} onClick={() => run(i)}>
              {c.label}
              {c.shortcut && <kbd>{c.shortcut}</kbd>}
            </li>
          ))}
          {!list.length && <li className="muted">No command matches “{q}”.</li>}
        </ul>
      </div>
    </div>
  );
}
