/**
 * A glossary term inside a note: a button whose definition opens as a tooltip on hover or keyboard focus
 * (and on click, for touch), closes on leaving, blur or Escape, and is the button's accessible description.
 */
import { useId, useState } from 'react';
import type { GlossaryEntry } from './glossary';

export function GlossaryTerm({ entry, text }: { entry: GlossaryEntry; text: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
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
      <span role="tooltip" id={id} className="term-tip" hidden={!open}>
        <strong>{entry.term}</strong>: {entry.definition}
      </span>
    </span>
  );
}
