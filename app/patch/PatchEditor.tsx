/**
 * The Permission patch editor: a what-if change to vfio-pci's permission tables in the project's notation
 * (README, "Permission patches"), the built-in examples, the parser's errors where they point, the room a
 * link leaves, and what the patch changes on this device. The store keeps the text exactly as typed, parsed
 * or not (links and the draft carry it); the engine parses it and replays the op-log on the patched kernel.
 */
import { useState } from 'react';
import { BUILTIN_PATCHES, LIMITS, type Session, type ViewPatch } from '../../src/index';
import { Room } from '../components/Room';
import { editPatch, select, setCursor, setOverlay, setPatchOpen, useExplorer } from '../store/explorer';
import { usePermPatch } from '../store/session';
import { patchNamed } from './parsed';
import { PatchSummary, usePatchDiff } from './PatchSummary';
import { PatchText } from './PatchText';
import './patch.css';

export function PatchEditor({ session }: { session: Session | null }) {
  const patch = useExplorer((s) => s.patch);
  const overlay = useExplorer((s) => s.overlay);
  const urlStale = useExplorer((s) => s.urlStale);
  const text = patch?.text ?? '';
  const parse = usePermPatch();
  const diff = usePatchDiff(session);
  const builtin = BUILTIN_PATCHES.find((b) => b.name === patch?.name && b.text === text);
  // What Clear took away, until the next edit: typed text is never one click from gone.
  const [cleared, setCleared] = useState<ViewPatch | null>(null);
  const edit = (next: ViewPatch | null) => {
    setCleared(null);
    editPatch(next);
  };

  /** Shows the diff: the overlay, and the first register the patch changes in the inspector. */
  const apply = () => {
    setOverlay('diff-patch');
    const first = diff?.registers[0];
    if (first) {
      select({ offset: first.offset, size: first.size });
      setCursor(first.offset * 8 + 7);
    }
  };

  return (
    <section className="patch-editor" id="permission-patch" aria-label="Permission patch">
      <header>
        <h2>Permission patch</h2>
        <button onClick={() => setPatchOpen(false)} aria-label="Close the permission patch editor">
          Close
        </button>
      </header>
      <p className="muted">
        A what-if change to <span className="mono">vfio_pci_config.c</span>’s permission tables, one line
        each: <span className="mono">TABLE REGISTER p_setb|p_setw|p_setd VIRT WRITE</span> (tables{' '}
        <span className="mono">basic</span>, <span className="mono">msi</span>,{' '}
        <span className="mono">cap PCI_CAP_ID_…</span>, <span className="mono">ecap PCI_EXT_CAP_ID_…</span>
        ), <span className="mono">TABLE length N</span>, <span className="mono">#</span> comments.
      </p>
      <div className="patch-examples" role="group" aria-label="Built-in examples">
        <span className="muted">Examples, each the kernel change it models:</span>
        <ul>
          {BUILTIN_PATCHES.map((b) => (
            <li key={b.name}>
              <button
                onClick={() => edit({ name: b.name, text: b.text })}
                aria-describedby={`patch-example-${b.name}`}
                aria-pressed={builtin?.name === b.name}
              >
                Load {b.name}
              </button>{' '}
              <span className="muted" id={`patch-example-${b.name}`}>
                {b.title}
              </span>
            </li>
          ))}
        </ul>
      </div>
      <PatchText
        text={text}
        errors={parse && !parse.ok ? parse.errors : []}
        onChange={(t) => edit(t ? patchNamed(t) : null)}
      />
      <p className="patch-room">
        <Room id="patch-room" used={text.length} max={LIMITS.patchChars} />
        {builtin && (
          <span className="muted">A built-in’s unchanged text travels in a link by name alone.</span>
        )}
        {urlStale && (
          <span className="warning">
            {' '}
            The state is over a link’s {LIMITS.linkChars} characters: the address bar keeps the last one that
            fit; Share… exports it to a file.
          </span>
        )}
      </p>
      <div className="patch-actions">
        <button onClick={apply} disabled={!parse?.ok}>
          Apply
        </button>
        <button
          onClick={() => {
            editPatch(null);
            setCleared(builtin ? null : patch);
          }}
          disabled={!patch}
        >
          Clear
        </button>
        {cleared && <button onClick={() => edit(cleared)}>Restore the cleared text</button>}
        <span className="muted">
          {!patch
            ? 'Type a patch or load an example.'
            : parse?.ok
              ? overlay === 'diff-patch'
                ? 'The bitmap, the inspector and the field tree show what it changes.'
                : 'Apply shows what it changes in the bitmap, the inspector and the field tree.'
              : 'Fix the errors above to see what the patch changes.'}
        </span>
      </div>
      {session && parse?.ok && <PatchSummary session={session} diff={diff} />}
    </section>
  );
}
