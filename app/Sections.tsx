/**
 * The explorer's two regions, shared by the normal layout and presentation mode: the config explorer
 * (bitmap, inspector, hex and tree) and the interrupt path. A walkthrough step can point at either.
 */
import { lazy, startTransition, Suspense, useEffect, useRef, useState } from 'react';
import type { Region, Session } from '../src/index';
import { ConfigBitmap } from './bitmap/ConfigBitmap';
import { Inspector } from './components/Inspector';
import { Legend } from './components/Legend';
import { ViewBoundary } from './components/ViewBoundary';
import { useExplorer, useTimelineRange } from './store/explorer';
import { useWalkthrough } from './walkthroughs/useWalkthrough';

// The hex dump and field tree render just after the first screen, so their code arrives then too.
const HexPane = lazy(() => import('./components/HexPane').then((m) => ({ default: m.HexPane })));
const FieldTree = lazy(() => import('./components/FieldTree').then((m) => ({ default: m.FieldTree })));

// What a permission patch does to the op-log and across devices: its own chunk, loaded once a patch is set.
const ReplaySection = lazy(() => import('./patch/ReplaySection').then((m) => ({ default: m.ReplaySection })));

// The interrupt-path engine and panel are their own chunk, fetched once the first screen is up: evaluating
// it earlier would hold up the first render.
const PathPanel = lazy(() => import('./paths/PathPanel').then((m) => ({ default: m.PathPanel })));

/** The region the current walkthrough step points at, if any. */
export function useHighlight(): Region | null {
  const w = useWalkthrough();
  return w?.steps[w.at]?.highlight ?? null;
}

/** Outlines a region a walkthrough step points at and brings it into view when the step changes. */
function Highlightable({ region, children }: { region: Region; children: React.ReactNode }) {
  const on = useHighlight() === region;
  const walkStep = useExplorer((s) => s.walkStep);
  const presenting = useExplorer((s) => s.presenting);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // In presentation mode the note stays on top; the region is all there is to see.
    if (on && !presenting) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [on, presenting, walkStep]);
  return (
    <div ref={ref} className={on && !presenting ? 'highlighted' : undefined} data-region={region}>
      {children}
    </div>
  );
}

/** What the dashed marks in the bitmap, hex and tree are: the timeline's current config access. */
function TimelineAccessNote() {
  const access = useTimelineRange();
  if (!access) return null;
  return (
    <p className="timeline-access" data-testid="timeline-access">
      <span className="swatch tl" aria-hidden="true" /> Interrupt-path cursor:{' '}
      <span className="mono">{access.label}</span>
    </p>
  );
}

/**
 * False for the first commit, true soon after: views below the fold (hex dump, field tree, interrupt path)
 * render in a transition once the bitmap and inspector are on screen, so the first screen is interactive
 * sooner and React can yield to input while the rest renders.
 */
function useAfterFirstScreen(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    startTransition(() => setReady(true));
  }, []);
  return ready;
}

const BelowPlaceholders = () => (
  <>
    <div className="hex placeholder" />
    <div className="tree placeholder" />
  </>
);

export function ConfigSection({ session }: { session: Session }) {
  const later = useAfterFirstScreen();
  const patched = useExplorer((s) => s.patch !== null);
  return (
    <Highlightable region="config">
      <ViewBoundary name="config explorer">
        <div className="layout">
          <div className="left">
            <ConfigBitmap session={session} />
            <TimelineAccessNote />
            <Legend refused={session.refusal !== null} />
          </div>
          <Inspector session={session} />
          <div className="bottom">
            {/* Inside the transition that sets `later`, React keeps the placeholders up until both load. */}
            <Suspense fallback={<BelowPlaceholders />}>
              {later ? (
                <>
                  <HexPane session={session} />
                  <FieldTree session={session} />
                </>
              ) : (
                <BelowPlaceholders />
              )}
            </Suspense>
          </div>
          {patched && later && (
            <Suspense fallback={<p role="status">Loading the patch replay…</p>}>
              <ReplaySection session={session} />
            </Suspense>
          )}
        </div>
      </ViewBoundary>
    </Highlightable>
  );
}

export function PathSection() {
  const later = useAfterFirstScreen();
  if (!later) return <div className="paths placeholder" />;
  return (
    <Highlightable region="paths">
      <ViewBoundary name="interrupt path">
        <Suspense
          fallback={
            <div className="paths placeholder">
              <p role="status">Loading the interrupt-path simulator…</p>
            </div>
          }
        >
          <PathPanel />
        </Suspense>
      </ViewBoundary>
    </Highlightable>
  );
}
