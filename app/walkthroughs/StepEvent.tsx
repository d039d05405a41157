/**
 * A step that opens the timeline on an event repeats that event beside its note, so it is in view when
 * the step opens even when the step's region (or the page's height) leaves the timeline below the fold;
 * one button scrolls the timeline's own line into view.
 */
import type { WalkStep } from '../../src/index';
import { useExplorer } from '../store/explorer';

export function StepEvent({ step }: { step: WalkStep }) {
  const event = useExplorer((s) => s.timelineEvent);
  // Step 0 is every link's default: only a step that names an event of its scenario has one to show.
  if (step.state.step === 0 || !event || event.scenario !== step.state.scenario) return null;
  return (
    <p className="step-event" data-testid="step-event">
      <span className="muted">
        {event.scenario}, event {event.seq}:
      </span>{' '}
      <span className="mono">{event.kind}</span> {event.explanation}{' '}
      <button
        className="link"
        onClick={() =>
          document
            .querySelector('[data-testid="explanation"]')
            ?.scrollIntoView({ block: 'center', behavior: 'smooth' })
        }
      >
        Show it in the timeline
      </button>
    </p>
  );
}
