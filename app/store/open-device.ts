/**
 * Which device the explorer shows: a preset (its bytes arrive later, from device-loading.ts), an imported
 * dump, or the device a link or a walkthrough step names, with the selection it should open on.
 */
import type { SessionOp } from '../../src/index';
import { defaultSelection, resolveSelection } from '../selection';
import { decodedOf } from './decoded';
import { useExplorer, type DeviceSource, type Selection } from './explorer';
import { freshOps } from './op-log';

const set = useExplorer.setState;
const get = useExplorer.getState;

/**
 * What to select once the device's bytes arrive: a register from the interrupt-path timeline, or a link's
 * `select=` expression (which needs the decoded device to resolve `CAP_MSI+4.L`) and `bit=` cursor.
 */
export interface PendingSelection {
  readonly select: Selection | string | null;
  readonly cursor: number | null;
}
let pending: PendingSelection | null = null;

export function selectPreset(id: string, selection?: Selection): void {
  const now = get();
  if (selection && now.bytes && now.source.kind === 'preset' && now.source.id === id) {
    set({ selected: selection, cursor: selection.offset * 8 + 7 });
    return;
  }
  pending = selection ? { select: selection, cursor: null } : null;
  set({
    follow: false,
    source: { kind: 'preset', id },
    bytes: null,
    title: '',
    loadError: null,
    ops: [],
    selected: null,
    hover: null,
  });
}
/** A new device opens on the pending selection, else on its most telling register (the MSI address). */
function opened(bytes: Uint8Array) {
  const decoded = decodedOf(bytes);
  const want = pending;
  pending = null;
  let selected = defaultSelection(decoded);
  let linkError = get().linkError;
  if (want?.select) {
    const r = typeof want.select === 'string' ? resolveSelection(want.select, decoded) : want.select;
    if (typeof r === 'string') linkError = `The link's select=${want.select} does not fit this device: ${r}`;
    else selected = r;
  }
  const cursor = want?.cursor ?? selected.offset * 8 + 7;
  return { bytes, selected, cursor, hover: null, loadError: null, linkError };
}
/** Shows a device from a link or a walkthrough step, keeping the bytes when it is the one already open. */
export function showDevice(
  source: DeviceSource,
  title: string,
  ops: SessionOp[],
  want: PendingSelection,
): void {
  const now = get();
  const same =
    now.bytes &&
    (source.kind === 'preset'
      ? now.source.kind === 'preset' && now.source.id === source.id
      : now.source.kind === 'custom' && now.source.bytes === source.bytes);
  pending = want;
  if (same) {
    set({ ...freshOps(ops), ...opened(now.bytes!) });
    return;
  }
  if (source.kind === 'custom') set({ source, title, ...freshOps(ops), ...opened(source.bytes) });
  else
    set({ source, title: '', bytes: null, loadError: null, ...freshOps(ops), selected: null, hover: null });
}
export function loadCustom(name: string, bytes: Uint8Array, title: string): void {
  pending = null;
  set({
    follow: false,
    source: { kind: 'custom', name, bytes },
    title,
    importOpen: false,
    ...freshOps([]),
    ...opened(bytes),
  });
}
export function deviceLoaded(bytes: Uint8Array, title: string): void {
  set({ title, ...opened(bytes) });
}
export function deviceFailed(message: string): void {
  set({ loadError: message });
}
