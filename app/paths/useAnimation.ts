/**
 * The one requestAnimationFrame loop: while playing, the current packet travels its edge (phase 0 → 1),
 * then the cursor moves to the next event. Rendering is a pure function of (scenario, step, phase), so
 * pausing, stepping and scrubbing all show the same frames. With reduced motion the packet does not travel.
 */
import { useEffect } from 'react';
import { setPlaying, setStep, useExplorer } from '../store/explorer';
import { setPhase, usePhase } from './phase';

const reducedMotion = () =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

export function useAnimation(eventCount: number, flightHops = 0): void {
  const playing = useExplorer((s) => s.playing);
  const flight = useExplorer((s) => s.flight);
  const step = useExplorer((s) => s.step);
  useEffect(() => {
    // A step reached by scrubbing shows its packet at the destination.
    if (!useExplorer.getState().playing) setPhase(1);
  }, [step]);
  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    let last = performance.now();
    if (usePhase.getState().phase >= 1) setPhase(0);
    const tick = (now: number) => {
      const { speed, step: s } = useExplorer.getState();
      // A frame's timestamp is when the frame began, which can precede the `last` taken when playing
      // started: clamp so the phase never runs backwards (below 0 there is no edge to draw).
      const dt = Math.max(0, Math.min(100, now - last));
      last = now;
      if (flight) {
        // All sources together: the whole flight takes as long as the longest path at `speed` hops per second.
        const next = reducedMotion()
          ? 1
          : usePhase.getState().phase + (dt * speed) / 1000 / Math.max(1, flightHops);
        setPhase(Math.min(1, next));
        if (next >= 1) {
          setPlaying(false);
          return;
        }
        frame = requestAnimationFrame(tick);
        return;
      }
      const next = reducedMotion() ? 1 : usePhase.getState().phase + (dt * speed) / 1000;
      if (next < 1) setPhase(next);
      else if (s + 1 < eventCount) {
        setStep(s + 1);
        setPhase(0);
      } else {
        setPhase(1);
        setPlaying(false);
        return;
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, eventCount, flight, flightHops]);
}
