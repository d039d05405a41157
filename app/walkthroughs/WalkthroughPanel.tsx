/**
 * The walkthrough side panel: the step's note and references, previous/next, the list of steps, and —
 * for a walkthrough of your own — editing, reordering, sharing and export.
 */
import { useState } from 'react';
import { LIMITS, REGIONS, type Region, type Session } from '../../src/index';
import { walkthroughToFile } from '../../src/share/index';
import { Room } from '../components/Room';
import { downloadText, fileNameOf } from '../files';
import { setPresenting, setShare, useExplorer } from '../store/explorer';
import {
  addCurrentAsStep,
  closeWalkthrough,
  copyToCustom,
  deleteStep,
  goToStep,
  moveStep,
  recaptureStep,
  setTitle,
  updateStep,
} from './navigate';
import { NoteText, plainNote } from './NoteText';
import { PatchPanel } from './PatchPanel';
import { StepEvent } from './StepEvent';
import { ThreadView } from './ThreadView';
import { useWalkthrough } from './useWalkthrough';

export function WalkthroughPanel({ session }: { session: Session | null }) {
  const w = useWalkthrough();
  const [editing, setEditing] = useState(false);
  const bytes = useExplorer((s) => s.bytes);
  const kernel = useExplorer((s) => s.kernel);
  if (!w) return null;
  const step = w.steps[w.at];
  const last = w.steps.length - 1;
  return (
    <aside
      className={w.thread || w.patch ? 'walkthrough wide' : 'walkthrough'}
      aria-label="Walkthrough"
      tabIndex={-1}
    >
      <header>
        {w.editable && editing ? (
          <label className="limited">
            <input
              aria-label="Walkthrough title"
              aria-describedby="walk-title-room"
              maxLength={LIMITS.titleChars}
              value={w.title}
              onChange={(e) => setTitle(e.target.value)}
            />
            <Room id="walk-title-room" used={w.title.length} max={LIMITS.titleChars} />
          </label>
        ) : (
          <h2>{w.title}</h2>
        )}
        <button onClick={closeWalkthrough} aria-label="Close the walkthrough">
          ✕
        </button>
      </header>
      <nav className="walk-nav" aria-label="Walkthrough steps">
        <button onClick={() => goToStep(w.at - 1)} disabled={w.at === 0}>
          ◀ Previous
        </button>
        <span className="mono" data-testid="walk-position">
          {w.at + 1} / {w.steps.length}
        </span>
        <button onClick={() => goToStep(w.at + 1)} disabled={w.at >= last}>
          Next ▶
        </button>
      </nav>
      {step && (
        <div className="walk-step" data-testid="walk-note">
          {w.editable && editing ? (
            <>
              <textarea
                aria-label="Step note"
                aria-describedby="step-note-room"
                rows={6}
                maxLength={LIMITS.noteChars}
                value={step.note}
                onChange={(e) => updateStep(w.at, { note: e.target.value })}
              />
              <Room id="step-note-room" used={step.note.length} max={LIMITS.noteChars} />
            </>
          ) : (
            <NoteText text={step.note || '(no note yet)'} />
          )}
          {step.refs && step.refs.length > 0 && (
            <ul className="refs">
              {step.refs.map((r) => (
                <li key={r.href}>
                  <a href={r.href} target="_blank" rel="noreferrer noopener">
                    {r.label}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {step && <StepEvent step={step} />}
      {w.thread && !w.editable && <ThreadView thread={w.thread} steps={w.steps} at={w.at} />}
      {w.patch && session && bytes && (
        <details className="patch-details" open>
          <summary>The patch beside the state</summary>
          <PatchPanel session={session} bytes={bytes} kernel={kernel} />
        </details>
      )}
      <ol className="walk-list">
        {w.steps.map((s, i) => (
          <li key={i} aria-current={i === w.at ? 'step' : undefined}>
            <button className="link" onClick={() => goToStep(i)}>
              {i + 1}. {firstWords(s.note)}
            </button>
            {w.editable && editing && (
              <span className="step-tools">
                <button
                  onClick={() => moveStep(i, -1)}
                  disabled={i === 0}
                  aria-label={`Move step ${i + 1} up`}
                >
                  ↑
                </button>
                <button
                  onClick={() => moveStep(i, 1)}
                  disabled={i === last}
                  aria-label={`Move step ${i + 1} down`}
                >
                  ↓
                </button>
                <button
                  onClick={() => deleteStep(i)}
                  disabled={w.steps.length === 1}
                  aria-label={`Delete step ${i + 1}`}
                >
                  🗑
                </button>
              </span>
            )}
          </li>
        ))}
      </ol>
      <div className="walk-actions">
        <button onClick={() => setPresenting(true)} data-command="present">
          Present
        </button>
        {w.editable ? (
          <>
            <button onClick={() => setEditing(!editing)} aria-pressed={editing}>
              {editing ? 'Done editing' : 'Edit'}
            </button>
            <button
              onClick={addCurrentAsStep}
              disabled={w.steps.length >= LIMITS.steps}
              title={
                w.steps.length >= LIMITS.steps ? `A walkthrough holds up to ${LIMITS.steps} steps` : undefined
              }
            >
              Add current state as step
            </button>
            <span className="muted" data-testid="steps-room">
              {w.steps.length} of {LIMITS.steps} steps
            </span>
            {editing && step && (
              <>
                <button onClick={() => recaptureStep(w.at)}>Use current state for this step</button>
                <label>
                  Highlight{' '}
                  <select
                    value={step.highlight ?? ''}
                    onChange={(e) =>
                      updateStep(w.at, { highlight: (e.target.value || null) as Region | null })
                    }
                  >
                    <option value="">nothing</option>
                    {REGIONS.map((r) => (
                      <option key={r} value={r}>
                        {r === 'config' ? 'config space' : 'interrupt path'}
                      </option>
                    ))}
                  </select>
                </label>
              </>
            )}
            <button onClick={() => setShare(true)}>Share as link</button>
            <button
              onClick={() =>
                downloadText(
                  fileNameOf(w.title, '.walkthrough.json'),
                  walkthroughToFile({ title: w.title, steps: w.steps }),
                )
              }
            >
              Export JSON
            </button>
          </>
        ) : (
          <button onClick={copyToCustom}>Make an editable copy</button>
        )}
      </div>
    </aside>
  );
}

const firstWords = (note: string) => {
  const plain = plainNote(note);
  return plain.length > 48 ? `${plain.slice(0, 48)}…` : plain || '(no note)';
};
