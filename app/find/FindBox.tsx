/** The toolbar's search box: the same finder as Ctrl+K, its results in a list under the box. */
import { useState } from 'react';
import { FindList, findKeys, optionId } from './FindList';
import { useFind } from './useFind';

export function FindBox() {
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const items = useFind(q, { allActionsWhenEmpty: false });
  const shown = open && q.trim() !== '';
  const pick = (i: number) => {
    const it = items[i];
    if (!it) return;
    setOpen(false);
    setQ('');
    it.run();
  };
  return (
    <div className="find-box" role="search" aria-label="Find">
      <input
        type="search"
        role="combobox"
        aria-label="Find a register or field"
        aria-expanded={shown}
        aria-controls="find-results"
        aria-activedescendant={shown && items.length ? optionId('find-results', active) : undefined}
        aria-autocomplete="list"
        placeholder="Find register… (PCI_MSI_DATA_32, 0x54.L)"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (shown && findKeys(e, items.length, setActive, () => pick(active))) return;
          if (e.key === 'Escape') {
            setQ('');
            setOpen(false);
          }
        }}
      />
      {shown && (
        <div className="find-popup">
          <FindList id="find-results" items={items} active={active} query={q} onPick={pick} />
        </div>
      )}
    </div>
  );
}
