/**
 * The patch's text: a textarea over a backdrop that marks the lines with errors, and the parser's errors
 * (line, column, what was expected) as buttons that put the caret where each one points.
 */
import { useRef } from 'react';
import { formatPatchError, LIMITS, type PatchSyntaxError } from '../../src/index';

/** Index into `text` of a 1-based line and column (clamped to the text). */
function indexOf(text: string, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return text.length;
    at = nl + 1;
  }
  const end = text.indexOf('\n', at);
  return Math.min(at + column - 1, end < 0 ? text.length : end);
}

export function PatchText({
  text,
  errors,
  onChange,
}: {
  text: string;
  errors: readonly PatchSyntaxError[];
  onChange: (text: string) => void;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  const backdrop = useRef<HTMLDivElement>(null);
  const bad = new Set(errors.map((e) => e.line));
  const goTo = (e: PatchSyntaxError) => {
    const el = area.current;
    if (!el) return;
    const i = indexOf(el.value, e.line, e.column);
    el.focus();
    el.setSelectionRange(i, i);
  };
  return (
    <>
      <div className="patch-text">
        {/* The same lines as the textarea, behind it: a line with an error shows through tinted. */}
        <div className="patch-backdrop mono" ref={backdrop} aria-hidden="true">
          {text.split('\n').map((line, i) => (
            <div key={i} className={bad.has(i + 1) ? 'bad' : undefined}>
              {line || ' '}
            </div>
          ))}
        </div>
        <textarea
          ref={area}
          className="mono"
          aria-label="Patch text"
          aria-invalid={errors.length > 0}
          aria-describedby="patch-room patch-errors"
          spellCheck={false}
          wrap="off"
          rows={8}
          maxLength={LIMITS.patchChars}
          value={text}
          placeholder="msi PCI_MSI_ADDRESS_LO p_setd NO_VIRT NO_WRITE"
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => {
            backdrop.current!.scrollTop = e.currentTarget.scrollTop;
            backdrop.current!.scrollLeft = e.currentTarget.scrollLeft;
          }}
        />
      </div>
      <div id="patch-errors">
        {errors.length > 0 && (
          <ul className="patch-errors" aria-label="Patch errors">
            {errors.map((e) => (
              <li key={`${e.line}:${e.column}`}>
                <button className="link error" onClick={() => goTo(e)} title="Put the caret there">
                  {formatPatchError(e)}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
