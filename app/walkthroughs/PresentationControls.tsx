/**
 * The talk's controls: previous / next, where we are, the explorer's own controls on demand, and the way
 * out. Out of sight while presenting; they appear when the mouse moves, when the keyboard reaches them
 * (they are the first stop of Tab) and while shown with C.
 */
import { useEffect, useRef, useState } from 'react';

interface Props {
  readonly position: { readonly at: number; readonly count: number } | null;
  readonly go: (index: number) => void;
  readonly controls: boolean;
  readonly toggleControls: () => void;
  readonly leave: () => void;
}

/** How long the controls stay after the mouse stops: long enough to reach them, short enough to vanish. */
const LINGER_MS = 2500;

/** True from a mouse move until the mouse has been still for LINGER_MS. */
function useMouseAwake(): boolean {
  const [awake, setAwake] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    const onMove = () => {
      setAwake(true);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setAwake(false), LINGER_MS);
    };
    addEventListener('pointermove', onMove);
    return () => {
      removeEventListener('pointermove', onMove);
      clearTimeout(timer.current);
    };
  }, []);
  return awake;
}

export function PresentationControls({ position, go, controls, toggleControls, leave }: Props) {
  const awake = useMouseAwake();
  return (
    <div
      className="present-controls"
      role="group"
      aria-label="Presentation controls"
      data-shown={awake || controls ? 'true' : undefined}
    >
      {position && (
        <>
          <button
            onClick={() => go(position.at - 1)}
            disabled={position.at === 0}
            aria-keyshortcuts="ArrowLeft"
          >
            Previous slide
          </button>
          <button
            onClick={() => go(position.at + 1)}
            disabled={position.at >= position.count - 1}
            aria-keyshortcuts="ArrowRight"
          >
            Next slide
          </button>
        </>
      )}
      <button onClick={toggleControls} aria-pressed={controls} aria-keyshortcuts="C">
        Explorer controls
      </button>
      <button onClick={leave} aria-keyshortcuts="Escape">
        Leave presentation
      </button>
      <span className="keys">← → PageUp PageDown: slides · C: controls · Esc: leave</span>
    </div>
  );
}
