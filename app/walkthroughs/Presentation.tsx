/**
 * Presentation mode for talks and classrooms: each walkthrough step is a slide — its note in large type and
 * the view it points at, fitted to the window — with the explorer's controls hidden until asked for.
 * → / PageDown / Space: next slide; ← / PageUp: previous; Home / End; C or ?: controls; Esc leaves.
 * A key moves the talk only when what has focus would not use it (presentation-keys.ts).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Session } from '../../src/index';
import { LinkBanner } from '../components/LinkBanner';
import { focusLater } from '../navigation';
import { ConfigSection, PathSection, useHighlight } from '../Sections';
import { setPresenting, useExplorer } from '../store/explorer';
import { goToStep } from './navigate';
import { NoteText } from './NoteText';
import { PresentationControls } from './PresentationControls';
import { slideKey } from './presentation-keys';
import { useWalkthrough } from './useWalkthrough';
import './presentation.css';

/** Leaving gives the keyboard back to the button that entered, when the walkthrough panel shows it. */
export function leavePresentation(): void {
  setPresenting(false);
  focusLater('[data-command="present"]');
}

/**
 * A long note steps its type down so the view under it keeps room to be read: the interrupt diagram needs
 * ~440 px of height to keep its labels at 12 px or more. Three lines of the largest type fit beside it, five
 * of the smallest (the e2e test checks every built-in slide). A note longer than any built-in (an authored
 * one may hold 4000 characters) scrolls in a box of its own, a tab stop, so the view keeps its room; only
 * then, since the box would clip a glossary term's tooltip.
 */
function noteSize(note: string): 'long' | 'longer' | 'longest' | 'scrolls' | undefined {
  if (note.length > 900) return 'scrolls';
  if (note.length > 560) return 'longest';
  if (note.length > 420) return 'longer';
  if (note.length > 260) return 'long';
  return undefined;
}

function SlideNote({ note }: { note: string }) {
  const size = noteSize(note);
  const scrolls = size === 'scrolls' ? { tabIndex: 0, role: 'region', 'aria-label': 'Slide note' } : {};
  return (
    <div className="slide-note" data-size={size} {...scrolls}>
      <NoteText text={note} />
    </div>
  );
}

export function Presentation({ session }: { session: Session | null }) {
  const w = useWalkthrough();
  const highlight = useHighlight();
  const title = useExplorer((s) => s.title);
  const loadError = useExplorer((s) => s.loadError);
  const [controls, setControls] = useState(false);
  const main = useRef<HTMLElement>(null);
  const walkStep = useExplorer((s) => s.walkStep);
  const count = w?.steps.length ?? 0;
  const go = useCallback(
    (index: number) => {
      if (count) goToStep(Math.max(0, Math.min(count - 1, index)));
    },
    [count],
  );
  // The slide takes the keyboard from the start: focus is inside the talk, on nothing that uses arrows.
  // The walkthrough panel's code is fetched meanwhile, so leaving lands on its Present button at once.
  useEffect(() => {
    main.current?.focus({ preventScroll: true });
    void import('./WalkthroughPanel');
  }, []);
  // Each slide starts at the top of its panes, whatever the last one was scrolled to.
  useEffect(() => {
    for (const pane of main.current?.querySelectorAll('.slide-stage, .slide-stage .inspector') ?? [])
      pane.scrollTop = 0;
  }, [walkStep]);
  useEffect(() => {
    // Capture phase: a key the talk uses does not also step the timeline or toggle the compact map.
    const onKey = (e: KeyboardEvent) => {
      const root = main.current;
      const action = root && slideKey(e, root);
      if (!action) return;
      e.preventDefault();
      e.stopPropagation();
      const at = useExplorer.getState().walkStep;
      if (action === 'leave') leavePresentation();
      else if (action === 'controls') setControls((c) => !c);
      else if (action === 'next') go(at + 1);
      else if (action === 'previous') go(at - 1);
      else if (action === 'first') go(0);
      else go(Number.MAX_SAFE_INTEGER);
    };
    addEventListener('keydown', onKey, true);
    return () => removeEventListener('keydown', onKey, true);
  }, [go]);
  const step = w?.steps[w.at];
  // A step that points nowhere (an authored one) shows the explorer; the interrupt path follows below it.
  const region = highlight ?? 'config';
  return (
    <main
      ref={main}
      tabIndex={-1}
      className={`presentation${controls ? ' show-controls' : ''}`}
      aria-label="Presentation"
    >
      <PresentationControls
        position={w ? { at: w.at, count } : null}
        go={go}
        controls={controls}
        toggleControls={() => setControls((c) => !c)}
        leave={leavePresentation}
      />
      <header>
        <h1>{w ? w.title : title}</h1>
        <button
          className="controls-hint"
          onClick={() => setControls((c) => !c)}
          aria-pressed={controls}
          aria-keyshortcuts="C"
        >
          Controls (C)
        </button>
        {w && (
          <span className="mono" data-testid="present-position">
            {w.at + 1} / {w.steps.length}
          </span>
        )}
      </header>
      {/* A link that opened only in part says so here too: the audience sees what the speaker sees. */}
      <LinkBanner />
      {loadError && (
        <p role="alert" className="error">
          {loadError}
        </p>
      )}
      {step ? (
        <SlideNote note={step.note} />
      ) : (
        <p className="slide-note">No walkthrough is open: this is the current screen.</p>
      )}
      <div className="slide-stage" data-slide={region}>
        {!session && !loadError && <p role="status">Loading device…</p>}
        {session && region === 'config' && <ConfigSection session={session} />}
        {session && (region === 'paths' || highlight === null) && <PathSection />}
      </div>
    </main>
  );
}
