/**
 * What a permission patch does, beyond its masks: the op-log replayed on both kernels (`Patch replay`) and
 * the devices it touches (`Patch reach`). Shown while the explorer holds a patch; its own chunk.
 */
import { formatPatchError, type Session } from '../../src/index';
import { setPatchOpen, useExplorer } from '../store/explorer';
import { useFollowed } from '../follow/useFollowed';
import { usePermPatch } from '../store/session';
import { ReachList } from './ReachList';
import { ReplayTable } from './ReplayTable';
import './replay.css';

export function ReplaySection({ session }: { session: Session }) {
  const parsed = usePermPatch();
  const ops = useExplorer((s) => s.ops);
  const editorOpen = useExplorer((s) => s.patchOpen);
  const following = useFollowed()?.state === 'shown';
  if (!parsed) return null;
  const edit = !editorOpen && (
    <button className="link" onClick={() => setPatchOpen(true)}>
      Edit the patch…
    </button>
  );
  if (!parsed.ok)
    return (
      <section className="patch-views" aria-label="Patch replay">
        <h2>Patch replay</h2>
        <p className="error" role="alert">
          The patch does not parse, so nothing is replayed: {parsed.errors.map(formatPatchError).join('; ')}{' '}
          {edit}
        </p>
      </section>
    );
  const { patch } = parsed;
  return (
    <div className="patch-views">
      <section aria-label="Patch replay" className="patch-replay">
        <h2>
          Patch replay: the op-log on {session.kernel.id} and on {session.kernel.id} + {patch.name}
        </h2>
        {edit && (
          <p className="muted">
            The patch is {patch.name}. {edit}
          </p>
        )}
        {following ? (
          <p className="muted">
            The config views show the scenario’s device at its step; the replay is of your own op-log on your
            own device, shown again once you leave the scenario’s view.
          </p>
        ) : session.patchDiff ? (
          <>
            {session.patchDiff.warnings.map((w) => (
              <p key={w} className="warning">
                {w}
              </p>
            ))}
            <ReplayTable session={session} ops={ops} patchName={patch.name} />
          </>
        ) : (
          <p className="muted">
            Nothing to replay: vfio-pci does not bind this device
            {session.refusal ? ` (${session.refusal})` : ''}.
          </p>
        )}
      </section>
      <section aria-label="Patch reach" className="patch-reach">
        <h2>Patch reach: the devices {patch.name} touches</h2>
        <ReachList patch={patch} patchName={patch.name} />
      </section>
    </div>
  );
}
