/**
 * Wireshark/ImHex-style field tree: structures, registers, bit fields with dotted masks. Selecting a
 * register anywhere expands its structure here and scrolls to it; hovering a row outlines its bits.
 */
import { useEffect, useRef, useState } from 'react';
import {
  dottedMask,
  fieldInView,
  fieldValue,
  lspciInView,
  type DecodedField,
  type Session,
} from '../../src/index';
import { fieldChange, permDiffOf, registerChange } from '../bitmap/perm-diff';
import { scrollWithin } from '../selection';
import { treeKeyDown } from './tree-keys';
import { select, setCursor, setHover, useExplorer, useTimelineRange } from '../store/explorer';
import { useShownValueView } from '../store/session';

interface Structure {
  readonly key: string;
  readonly name: string;
  /** The capability's name as lspci's `Capabilities:` line starts it ('' for the header). */
  readonly capName: string;
  readonly offset: number;
  readonly fields: readonly DecodedField[];
}

const hx = (v: number, n: number) => `0x${(v >>> 0).toString(16).padStart(n * 2, '0')}`;

function readValue(s: Session, f: DecodedField, view: 'guest' | 'vmm' | 'physical'): number {
  const b = view === 'guest' ? s.views.guest : view === 'vmm' ? s.views.vmm : s.views.physical;
  let v = 0;
  for (let i = f.size - 1; i >= 0; i--) v = v * 256 + b[f.offset + i];
  return v;
}

export function FieldTree({ session }: { session: Session }) {
  const view = useShownValueView(session);
  const selected = useExplorer((s) => s.selected);
  const timeline = useTimelineRange();
  // Under a diff overlay, registers whose bits change class are marked, and their bit fields say how.
  const diff = permDiffOf(
    session,
    useExplorer((s) => s.overlay),
  );
  const [open, setOpen] = useState<Set<string>>(() => new Set(['header']));
  const root = useRef<HTMLUListElement>(null);
  const d = session.decoded;
  // lspci's first line for each capability in the shown view ("MSI: Enable+ Count=1/1 Maskable- 64bit+").
  const lspci = lspciInView(session.views, view);
  const summary = (offset: number, name: string) => {
    const first = lspci.capabilities.get(offset)?.[0]?.replace(/^Capabilities: \[[^\]]*\] /, '');
    const rest = first?.startsWith(name) ? first.slice(name.length).replace(/^:?\s*/, '') : first;
    return rest || undefined;
  };
  const structures: Structure[] = [
    {
      key: 'header',
      name: `Header (type ${d.header.type})`,
      capName: '',
      offset: 0,
      fields: d.header.fields,
    },
    ...[...d.capabilities, ...d.extendedCapabilities].map((c) => ({
      key: `cap-${c.offset}`,
      name: `${c.name}${c.extended ? ` v${c.version}` : ''}`,
      capName: c.name,
      offset: c.offset,
      fields: c.fields,
    })),
  ];
  const owner = selected
    ? structures.find((st) => st.fields.some((f) => f.offset === selected.offset))
    : undefined;

  // The structure holding the selection is always shown open.
  const isOpen = (key: string) => open.has(key) || key === owner?.key;

  useEffect(() => {
    if (!selected) return;
    scrollWithin(root.current, root.current?.querySelector(`[data-field="${selected.offset}"]`));
  }, [selected, open]);

  // Roving tabindex: one item of the tree is in the tab order, the one the arrows last moved to (else the
  // selected register, else the header).
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const visible = new Set<string>();
  for (const st of structures) {
    visible.add(`s:${st.key}`);
    if (isOpen(st.key))
      for (const f of st.fields) {
        visible.add(`f:${f.offset}`);
        if (f.bits && selected?.offset === f.offset)
          for (const b of f.bits) visible.add(`b:${f.offset}:${b.name}`);
      }
  }
  const tabKey =
    focusKey && visible.has(focusKey)
      ? focusKey
      : selected && visible.has(`f:${selected.offset}`)
        ? `f:${selected.offset}`
        : 's:header';
  const stop = (key: string) => (key === tabKey ? 0 : -1);
  const moveTo = (key: string) => {
    setFocusKey(key);
    // The keys move only to items already rendered (tree-keys works on the DOM): focus at once, so the next
    // key (End then ↑, typed faster than a frame) starts from it.
    root.current?.querySelector<HTMLElement>(`[data-key="${key}"]`)?.focus();
  };

  const toggle = (key: string) =>
    setOpen((o) => {
      const n = new Set(o);
      if (n.has(key)) n.delete(key);
      else n.add(key);
      return n;
    });

  return (
    <section className="tree" aria-label="Field tree">
      <h2>Field tree</h2>
      <ul
        role="tree"
        aria-label="Decoded registers"
        ref={root}
        onPointerLeave={() => setHover(null)}
        onKeyDown={(e) => treeKeyDown(e, root.current, moveTo)}
        onFocus={(e) => {
          const key = (e.target as HTMLElement).dataset.key;
          if (key && key !== focusKey) setFocusKey(key);
        }}
      >
        {structures.map((st) => (
          <li
            key={st.key}
            role="treeitem"
            aria-expanded={isOpen(st.key)}
            aria-selected={false}
            data-key={`s:${st.key}`}
            data-closable={st.key !== owner?.key}
            tabIndex={stop(`s:${st.key}`)}
          >
            <button className="tree-toggle" tabIndex={-1} onClick={() => toggle(st.key)}>
              <span className="mono">0x{st.offset.toString(16).padStart(2, '0')}</span> {st.name}
              {st.key !== 'header' && summary(st.offset, st.capName) && (
                <span className="meaning"> — {summary(st.offset, st.capName)}</span>
              )}
            </button>
            {isOpen(st.key) && (
              <ul role="group">
                {st.fields.map((f) => {
                  const v = readValue(session, f, view);
                  // What lspci would say of this register in the shown view (null where the view lacks it).
                  const inView = fieldInView(session.views, view, f.offset, f.name);
                  const isSel = selected?.offset === f.offset;
                  const change = registerChange(diff, f.offset, f.size);
                  const touched =
                    timeline !== null &&
                    f.offset < timeline.offset + timeline.size &&
                    timeline.offset < f.offset + f.size;
                  return (
                    <li
                      key={`${f.offset}-${f.name}`}
                      role="treeitem"
                      aria-selected={isSel}
                      data-field={f.offset}
                      data-key={`f:${f.offset}`}
                      tabIndex={stop(`f:${f.offset}`)}
                    >
                      <button
                        tabIndex={-1}
                        className={`tree-field${isSel ? ' sel' : ''}${touched ? ' tl' : ''}`}
                        onPointerEnter={() => setHover(f.offset * 8)}
                        onClick={() => {
                          setCursor(f.offset * 8);
                          select({ offset: f.offset, size: f.size });
                        }}
                      >
                        <span className="mono">{f.name}</span> = <span className="mono">{hx(v, f.size)}</span>{' '}
                        <span className="muted">({v})</span>
                        {inView?.meaning && <span className="meaning"> → {inView.meaning}</span>}
                        {change && (
                          <span
                            className="perm-delta"
                            data-testid="perm-delta"
                            title={`virt ${hx(change.virt[0], f.size)} → ${hx(change.virt[1], f.size)}, write ${hx(change.write[0], f.size)} → ${hx(change.write[1], f.size)}`}
                          >
                            {' '}
                            Δ {fieldChange(change, 2 ** (f.size * 8) - 1) ?? 'virt/write of some bits'}
                          </span>
                        )}
                        {isSel && (
                          <span className="muted mono">
                            {' '}
                            0b{(v >>> 0).toString(2).padStart(f.size * 8, '0')}
                          </span>
                        )}
                      </button>
                      {f.bits && isSel && (
                        <ul role="group" className="bits mono">
                          {f.bits.map((b, i) => {
                            const meaning =
                              inView?.bits?.[i]?.name === b.name ? inView.bits[i].meaning : undefined;
                            return (
                              <li
                                key={b.name}
                                role="treeitem"
                                aria-selected={false}
                                data-key={`b:${f.offset}:${b.name}`}
                                tabIndex={stop(`b:${f.offset}:${b.name}`)}
                              >
                                {dottedMask(b.mask, v, f.size)} = {b.name}: {fieldValue(b.mask, v)}
                                {meaning && <span className="meaning"> → {meaning}</span>}
                                {fieldChange(change, b.mask) && (
                                  <span className="perm-delta"> · {fieldChange(change, b.mask)}</span>
                                )}
                              </li>
                            );
                          })}
                        </ul>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
