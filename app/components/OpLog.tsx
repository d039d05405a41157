/**
 * The op-log as a list: every write, read, feature call and reset the session replays, each removable, with
 * Undo and Redo over the whole log and the room left before a link can no longer carry it.
 */
import { errnoName, formatSelect, LIMITS, type Session, type SessionOp } from '../../src/index';
import { useExplorer } from '../store/explorer';
import { redoOp, removeOp, undoOp } from '../store/op-log';

const hex = (v: number) => `0x${(v >>> 0).toString(16)}`;

export function opText(op: SessionOp): string {
  if (op.kind === 'write')
    return `${op.as === 'guest' ? 'guest' : 'VMM'} writes ${hex(op.value)} to ${formatSelect(op.offset, op.size)}`;
  if (op.kind === 'read')
    return `${op.as === 'guest' ? 'guest' : 'VMM'} reads ${formatSelect(op.offset, op.size)}`;
  if (op.kind === 'feature') return `VFIO_DEVICE_FEATURE flags ${hex(op.flags)}, argsz ${op.argsz}`;
  return 'reset (re-open vfio, fresh QEMU)';
}

export function OpLog({ session }: { session: Session }) {
  const ops = useExplorer((s) => s.ops);
  const canUndo = useExplorer((s) => s.opsPast.length > 0);
  const canRedo = useExplorer((s) => s.opsFuture.length > 0);
  return (
    <section className="op-log" aria-label="Op-log">
      <header>
        <h3>Op-log</h3>
        <span className="muted" data-testid="ops-room">
          {ops.length} of {LIMITS.ops} operations
        </span>
        <button onClick={undoOp} disabled={!canUndo}>
          Undo
        </button>
        <button onClick={redoOp} disabled={!canRedo}>
          Redo
        </button>
      </header>
      {ops.length === 0 ? (
        <p className="muted">No writes, reads, feature calls or resets yet.</p>
      ) : (
        <ol>
          {ops.map((op, i) => {
            const r = session.results[i];
            return (
              <li key={i}>
                <span className="mono">{opText(op)}</span>
                {r?.kind === 'read' && <span className="mono"> → {hex(r.result.value)}</span>}
                {r?.kind === 'feature' && <span className="muted"> → {errnoName(r.ret)}</span>}
                {r?.kind === 'error' && <span className="error"> → {r.message}</span>}{' '}
                <button className="link" onClick={() => removeOp(i)} aria-label={`Remove operation ${i + 1}`}>
                  remove
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
