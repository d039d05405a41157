/**
 * Ctrl+K: find a register or field of the device (pci_regs.h name, setpci address, lspci's words) or an
 * action, filtered as you type. Enter picks the highlighted item: a register is selected and the focus
 * moves to the Register inspector; an action runs. Matches come first; actions are named as actions.
 */
import { useEffect, useRef, useState } from 'react';
import { setPalette } from '../store/explorer';
import { FindList, findKeys, optionId } from '../find/FindList';
import { useFind } from '../find/useFind';

export function CommandPalette() {
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const items = useFind(q, { allActionsWhenEmpty: true });
  useEffect(() => {
    input.current?.focus();
  }, []);
  const run = (i: number) => {
    const c = items[i];
    setPalette(false);
    c?.run();
  };
  return (
    <div className="modal-backdrop" onClick={() => setPalette(false)}>
      <div
        role="dialog"
        aria-modal="true"
        aria-label="Command palette"
        className="palette"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (findKeys(e, items.length, setActive, () => run(active))) return;
          if (e.key === 'Escape') {
            e.preventDefault();
            setPalette(false);
          }
        }}
      >
        <input
          ref={input}
          aria-label="Find a register, field or command"
          aria-controls="palette-results"
          aria-activedescendant={items.length ? optionId('palette-results', active) : undefined}
          aria-autocomplete="list"
          placeholder="Register (PCI_MSI_DATA_32, CAP_MSI+4.L, BusMaster) or command…"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setActive(0);
          }}
        />
        <FindList id="palette-results" items={items} active={active} query={q} onPick={run} />
      </div>
    </div>
  );
}
