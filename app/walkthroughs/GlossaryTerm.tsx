/**
 * A glossary term inside a note: a button whose definition opens as a tooltip on hover or keyboard focus
 * (and on click, for touch), closes on leaving, blur or Escape, and is the button's accessible description.
 */
import { useId, useLayoutEffect, useRef, useState } from 'react';
import type { GlossaryEntry } from './glossary';

export function GlossaryTerm({ entry, text }: { entry: GlossaryEntry; text: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const tip = useRef<HTMLSpanElement>(null);
  // Keep the tooltip inside the note: a term near the right edge opens its definition further left.
  useLayoutEffect(() => {
    const el = tip.current;
    const box = el?.closest('.note-text')?.getBoundingClientRect();
    if (!el || !open || !box) return;
    el.style.left = '0px';
    const overflow = el.getBoundingClientRect().right - box.right;
    if (overflow > 0) el.style.left = `${-overflow}px`;
  }, [open]);
  return (
    <span className="term-wrap" onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)}>
      <button
        type="button"
        className="term"
        aria-describedby={id}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) {
            e.stopPropagation();
            setOpen(false);
          }
        }}
      >
        {text}
      </button>
      <span ref={tip} role="tooltip" id={id} className="term-tip" hidden={!open}>
        <strong>{entry.term}</strong>: {entry.definition}
      </span>
    </span>
  );
}
