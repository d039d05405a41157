/**
 * The op-log (writes, reads, feature calls and resets) the user authored on the device, with undo and redo.
 * Every edit counts toward `edits` (the draft keeper saves on it) and leaves follow mode.
 */
import { LIMITS, type SessionOp } from '../../src/index';
import { useExplorer } from './explorer';

const set = useExplorer.setState;
const get = useExplorer.getState;

/** An op-log that came with a device, a link or a step: nothing to undo into. */
export const freshOps = (ops: SessionOp[]) => ({ ops, opsPast: [], opsFuture: [] });
/** Undo reaches this many op-logs back. */
const UNDO_DEPTH = 200;

/** An edit of the op-log is about the user's own device: the config views go back to it. */
function editOps(ops: SessionOp[]): void {
  const s = get();
  set({
    ops,
    opsPast: [...s.opsPast, s.ops].slice(-UNDO_DEPTH),
    opsFuture: [],
    edits: s.edits + 1,
    follow: false,
  });
}
/** Appends an op; false (and nothing changes) once the op-log holds as many as a link can carry. */
export function addOp(op: SessionOp): boolean {
  if (get().ops.length >= LIMITS.ops) return false;
  editOps([...get().ops, op]);
  return true;
}
export function removeOp(index: number): void {
  const { ops } = get();
  if (index >= 0 && index < ops.length) editOps(ops.filter((_, i) => i !== index));
}
export function undoOp(): void {
  const s = get();
  if (!s.opsPast.length) return;
  set({
    ops: s.opsPast.at(-1)!,
    opsPast: s.opsPast.slice(0, -1),
    opsFuture: [s.ops, ...s.opsFuture],
    edits: s.edits + 1,
    follow: false,
  });
}
export function redoOp(): void {
  const s = get();
  if (!s.opsFuture.length) return;
  set({
    ops: s.opsFuture[0],
    opsPast: [...s.opsPast, s.ops],
    opsFuture: s.opsFuture.slice(1),
    edits: s.edits + 1,
    follow: false,
  });
}
export function resetDevice(): boolean {
  return addOp({ kind: 'reset' });
}
