/**
 * Presentation mode for talks and classrooms: no chrome, large type, driven by the keyboard alone.
 * → / PageDown / Space: next step; ← / PageUp: previous; Home / End; Esc leaves.
 */
import { useEffect } from 'react';
import type { Session } from '../../src/index';
import { LinkBanner } from '../components/LinkBanner';
import { ConfigSection, PathSection, useHighlight } from '../Sections';
import { setPresenting, useExplorer } from '../store/explorer';
import { goToStep } from './navigate';
import { NoteText } from './NoteText';
import { useWalkthrough } from './useWalkthrough';

const NEXT = new Set(['ArrowRight', 'PageDown', ' ']);
const PREV = new Set(['ArrowLeft', 'PageUp']);

export function Presentation({ session }: { session: Session | null }) {
  const w = useWalkthrough();
  const highlight = useHighlight();
  const title = useExplorer((s) => s.title);
  const walkStep = useExplorer((s) => s.walkStep);
  useEffect(() => {
    scrollTo(0, 0);
  }, [walkStep]);
  useEffect(() => {
    // Capture phase: while presenting, these keys move through the talk, not the timeline or the bitmap.
    const onKey = (e: KeyboardEvent) => {
      const { walkStep } = useExplorer.getState();
      let target: number | null = null;
      if (NEXT.has(e.key)) target = walkStep + 1;
      else if (PREV.has(e.key)) target = walkStep - 1;
      else if (e.key === 'Home') target = 0;
      else if (e.key === 'End') target = Number.MAX_SAFE_INTEGER;
      else if (e.key === 'Escape') setPresenting(false);
      else return;
      e.preventDefault();
      e.stopPropagation();
      if (target !== null && w) goToStep(Math.max(0, Math.min(w.steps.length - 1, target)));
    };
    addEventListener('keydown', onKey, true);
    return () => removeEventListener('keydown', onKey, true);
  }, [w]);
  const step = w?.steps[w.at];
  return (
    <main className="presentation" aria-label="Presentation">
      <header>
        <h1>{w ? w.title : title}</h1>
        {w && (
          <span className="mono" data-testid="present-position">
            {w.at + 1} / {w.steps.length}
          </span>
        )}
      </header>
      {/* A link that opened only in part says so here too: the audience sees what the speaker sees. */}
      <LinkBanner />
      {step ? <NoteText text={step.note} /> : <p>No walkthrough is open: this is the current screen.</p>}
      {session && (highlight === null || highlight === 'config') && <ConfigSection session={session} />}
      {session && (highlight === null || highlight === 'paths') && <PathSection />}
      <footer className="muted">→ next · ← previous · Esc leaves presentation mode</footer>
    </main>
  );
}
