/**
 * The interrupt-path panel: a scenario from the engine as a diagram, a scrubbable timeline, the event log,
 * the state of any actor at the current step, and where every interrupt source ended.
 */
import { useEffect, useState } from 'react';
import { SPEEDS, type ActorId, type TimelineEvent } from '../../src/index';
import { setPlaying, setSpeed, setStep, useExplorer } from '../store/explorer';
import { ActorState } from './ActorState';
import { Diagram } from './Diagram';
import { EventLog } from './EventLog';
import { ScenarioControls } from './ScenarioControls';
import { CompareSummary, Summary } from './Summary';
import { useAnimation } from './useAnimation';
import { useCompareScenario, useScenario } from './useScenario';
import { configAccess, ConfigLink } from './ConfigLink';
import { alignTimelines, divergenceLabel, stepOnB, type AlignedPair } from './divergence';
import { ScenarioOptionList } from './ScenarioOptionList';
import { setCompare, setFlight, setTimelineAccess, setTimelineEvent } from '../store/explorer';
import { sourcePaths } from './FlightPackets';
import { focusLater, TARGETS } from '../navigation';
import { msiOf } from './msi-decode';
import { MsiDetail } from './MsiDetail';

/** The first timeline's step to show for an aligned pair (the event before it when only the other has one). */
function stepOnA(aligned: readonly AlignedPair[], pair: AlignedPair): number {
  let a = 0;
  for (const p of aligned) {
    if (p.a !== null) a = p.a;
    if (p === pair) break;
  }
  return a;
}

/** The seq of a source's last event in a timeline (0 when it has none). */
const lastEventOf = (events: readonly TimelineEvent[], source: string) =>
  events.reduce((last, e) => (e.source === source ? e.seq : last), 0);

export function PathPanel() {
  const model = useScenario();
  const compare = useCompareScenario();
  const compareId = useExplorer((s) => s.compareId);
  const rawStep = useExplorer((s) => s.step);
  const playing = useExplorer((s) => s.playing);
  const speed = useExplorer((s) => s.speed);
  const [actor, setActor] = useState<ActorId | null>('device');
  const events = model.ok ? model.result.events : [];
  const other = compare?.ok ? compare.result.events : null;
  const aligned = other ? alignTimelines(events, other) : [];
  const divergence = aligned.find((p) => !p.equal) ?? null;
  const step = Math.min(rawStep, Math.max(0, events.length - 1));
  // The compared timeline's event beside the cursor, and its index there.
  const stepB = stepOnB(aligned, step);
  const eventB = other?.[stepB];
  const flight = useExplorer((s) => s.flight);
  const longest = Math.max(
    1,
    ...[events, other ?? []].flatMap((ev) => sourcePaths(ev).map((p) => p.hops.length)),
  );
  useAnimation(events.length, longest);
  // The config views mark the access of the timeline they follow: the compared one's when it is followed.
  const followsB = useExplorer((s) => s.follow) === 'vs' && compare?.ok;
  const access = !model.ok
    ? null
    : followsB
      ? configAccess(eventB, compare.result)
      : configAccess(events[step], model.result);
  // Tell the config explorer which bytes the cursor's event touches (a no-op when unchanged).
  const shown = model.ok ? events[step] : undefined;
  useEffect(() => {
    setTimelineAccess(access);
    setTimelineEvent(
      shown && model.ok
        ? { scenario: model.result.id, seq: shown.seq, kind: shown.kind, explanation: shown.explanation }
        : null,
    );
  });
  useEffect(
    () => () => {
      setTimelineAccess(null);
      setTimelineEvent(null);
    },
    [],
  );
  // Both sides of a comparison share the flight mode, the cursor and the selected actor.
  const diagramOf = (shown: typeof events, at: number, cast = model.ok ? model.result : null) => (
    <Diagram
      flight={flight}
      events={shown}
      step={at}
      selected={actor}
      onSelectActor={setActor}
      labels={cast?.actorLabels}
      lanes={cast?.laneLabels}
    />
  );

  const compared = compare?.ok ? compare.result : null;
  const lastStepOf = (source: string) => lastEventOf(events, source);
  const jump = (pred: (o: string) => boolean) => {
    const next = events.findIndex((e) => e.seq > step && pred(e.outcome));
    if (next >= 0) {
      setPlaying(false);
      setStep(next);
    }
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const t = e.target as HTMLElement;
    // Enter on a menu (the scenario, an option) confirms it and goes on to the timeline.
    if (e.key === 'Enter' && t.tagName === 'SELECT') {
      e.preventDefault();
      focusLater(TARGETS.timeline);
      return;
    }
    if (
      t.tagName === 'INPUT' ||
      t.tagName === 'SELECT' ||
      t.tagName === 'BUTTON' ||
      t.getAttribute('role') === 'button'
    ) {
      if (!(t.tagName === 'INPUT' && (t as HTMLInputElement).type === 'range')) return;
    }
    if (e.key === ' ') setPlaying(!playing);
    else if (e.key === 'ArrowRight' && t.tagName !== 'INPUT') setStep(Math.min(events.length - 1, step + 1));
    else if (e.key === 'ArrowLeft' && t.tagName !== 'INPUT') setStep(Math.max(0, step - 1));
    else return;
    e.preventDefault();
  };

  return (
    <section className="paths" aria-label="Interrupt path" onKeyDown={onKeyDown}>
      <h2>Interrupt path</h2>
      <ScenarioControls />
      {!model.ok ? (
        <p className="error" role="alert">
          {model.message}
        </p>
      ) : (
        <>
          <div className="player">
            <button onClick={() => setStep(Math.max(0, step - 1))} aria-label="Step back">
              ◀
            </button>
            <button onClick={() => setPlaying(!playing)} aria-label={playing ? 'Pause' : 'Play'}>
              {playing ? '❚❚' : '▶'}
            </button>
            <button onClick={() => setStep(Math.min(events.length - 1, step + 1))} aria-label="Step forward">
              ▶|
            </button>
            <input
              type="range"
              aria-label="Timeline"
              min={0}
              max={Math.max(0, events.length - 1)}
              value={step}
              aria-valuetext={`step ${step} of ${events.length - 1}: ${events[step]?.kind ?? ''}`}
              onChange={(e) => {
                setPlaying(false);
                setStep(Number(e.target.value));
              }}
            />
            <span className="mono step-count">
              {step}/{events.length - 1}
            </span>
            <label>
              speed{' '}
              <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
                {SPEEDS.map((s) => (
                  <option key={s} value={s}>
                    {s}×
                  </option>
                ))}
              </select>
            </label>
            <button
              data-command="next-fault"
              aria-keyshortcuts="F"
              onClick={() => jump((o) => o === 'blocked' || o === 'lost' || o === 'misrouted')}
            >
              Next fault
            </button>
            <button
              data-command="next-delivery"
              aria-keyshortcuts="D"
              onClick={() => jump((o) => o === 'delivered')}
            >
              Next delivery
            </button>
            <label>
              <input type="checkbox" checked={flight} onChange={(e) => setFlight(e.target.checked)} /> All
              sources at once
            </label>
            <label>
              Compare with{' '}
              <select value={compareId ?? ''} onChange={(e) => setCompare(e.target.value || null)}>
                <option value="">nothing</option>
                <ScenarioOptionList />
              </select>
            </label>
            {divergence !== null && (
              <button onClick={() => setStep(stepOnA(aligned, divergence))} data-testid="divergence">
                {divergenceLabel(divergence, model.result.id, compared?.id ?? '')}
              </button>
            )}
          </div>
          <p className="explanation" aria-live="polite" data-testid="explanation">
            <span className="mono">{events[step]?.kind}</span> {events[step]?.explanation}
            {events[step]?.refs.length ? (
              <span className="muted mono"> [{events[step]!.refs.join(', ')}]</span>
            ) : null}
            {events[step] && (
              <ConfigLink event={events[step]} scenario={model.result} cursor={step} comparing={!!compared} />
            )}
          </p>
          {events[step] && msiOf(events[step]) && <MsiDetail d={msiOf(events[step])!} />}
          {other ? (
            <div className="paths-compare">
              <div>
                <h3>
                  {model.result.id}: {model.result.title}
                </h3>
                {diagramOf(events, step)}
                <EventLog
                  events={events}
                  step={step}
                  divergence={divergence?.a ?? null}
                  actorLabels={model.result.actorLabels}
                />
              </div>
              <div>
                <h3>{compare!.ok ? `${compare!.result.id}: ${compare!.result.title}` : ''}</h3>
                {compared && eventB && (
                  <p className="explanation" data-testid="compared-explanation">
                    <span className="mono">{eventB.kind}</span> {eventB.explanation}
                    <ConfigLink event={eventB} scenario={compared} side="vs" cursor={step} comparing />
                  </p>
                )}
                {diagramOf(other, stepB, compared)}
                <EventLog
                  events={other}
                  step={stepB}
                  divergence={divergence?.b ?? null}
                  label="Compared event log"
                  actorLabels={compare?.ok ? compare.result.actorLabels : {}}
                />
              </div>
            </div>
          ) : (
            <div className="paths-grid">
              {diagramOf(events, step)}
              <EventLog events={events} step={step} actorLabels={model.result.actorLabels} />
            </div>
          )}
          <div className="paths-grid lower">
            {actor && (
              <ActorState
                actor={actor}
                label={model.result.actorLabels[actor]}
                now={model.result.snapshots[step]}
                before={step ? model.result.snapshots[step - 1] : model.result.initial}
              />
            )}
            {!compared && (
              <Summary
                verdicts={model.result.verdicts}
                actorLabels={model.result.actorLabels}
                lastStepOf={lastStepOf}
              />
            )}
          </div>
          {compared && (
            <CompareSummary
              a={model.result}
              b={compared}
              stepOf={(source) => {
                // A source only the compared scenario has: the first timeline's step beside its last event there.
                if (events.some((e) => e.source === source)) return lastStepOf(source);
                const lastB = lastEventOf(other!, source);
                const pair = aligned.find((p) => p.b === lastB);
                return pair ? stepOnA(aligned, pair) : step;
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
