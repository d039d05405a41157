/**
 * Nothing a user authored is lost: the op-log, a walkthrough of one's own and a typed permission patch
 * (even one that does not parse) are kept as a draft in localStorage (as an explorer state file, so the
 * engine reads it back with every check), saved on each edit. After a reload, a crash or a link that replaced the screen, the explorer offers the draft back;
 * leaving the page with work not yet shared or exported asks first, and so does opening a file over it.
 */
import { create } from 'zustand';
import { BUILTIN_PATCHES } from '../../src/index';
import { loadShareEngine } from '../url/share-engine';
import { useExplorer, type ExplorerState } from './explorer';
import { applyLink, linkOf } from './link';

const KEY = 'vfio-explorer:draft';

interface Draft {
  /** The state as an explorer file (stateToFile). */
  readonly file: string;
  readonly savedAt: number;
  readonly summary: string;
}

/** The draft the explorer offers back, when it differs from the screen. */
export const useDraft = create<{ offer: Draft | null }>()(() => ({ offer: null }));

/** Edits since the last share or export: what leaving the page would lose. */
let unsaved = false;

/** A patch the user typed (a built-in's unchanged text is a name away, nothing to lose). */
const typedPatch = (s: ExplorerState) =>
  s.patch !== null && !BUILTIN_PATCHES.some((b) => b.text === s.patch!.text);

const hasAuthoredWork = (s: ExplorerState) => s.ops.length > 0 || s.walk?.kind === 'custom' || typedPatch(s);

function summaryOf(s: ExplorerState): string {
  const parts = [];
  if (s.walk?.kind === 'custom')
    parts.push(`the walkthrough “${s.walk.walkthrough.title}” (${s.walk.walkthrough.steps.length} steps)`);
  if (s.ops.length) parts.push(`${s.ops.length} operation${s.ops.length === 1 ? '' : 's'} in the op-log`);
  if (typedPatch(s)) parts.push(`a permission patch of ${s.patch!.text.split('\n').length} lines`);
  return parts.join(' and ');
}

function readDraft(): Draft | null {
  try {
    const d = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Draft | null;
    return d && typeof d.file === 'string' && typeof d.savedAt === 'number' ? d : null;
  } catch {
    return null;
  }
}

async function save(s: ExplorerState): Promise<void> {
  const engine = await loadShareEngine();
  const draft: Draft = { file: engine.stateToFile(linkOf(s)), savedAt: Date.now(), summary: summaryOf(s) };
  try {
    localStorage.setItem(KEY, JSON.stringify(draft));
  } catch {
    // Storage full or disabled (private windows): the beforeunload question still guards the work.
  }
}

/** Offers the draft back when the screen is not the draft's state (after a reload, a link, a file). */
export async function offerDraft(): Promise<void> {
  const draft = readDraft();
  if (!draft) return;
  const engine = await loadShareEngine();
  const now = engine.stateToFile(linkOf(useExplorer.getState()));
  useDraft.setState({ offer: now === draft.file ? null : draft });
}

export async function restoreDraft(): Promise<void> {
  const draft = useDraft.getState().offer;
  if (!draft) return;
  const r = (await loadShareEngine()).readExplorerFile(draft.file);
  useDraft.setState({ offer: null });
  if (r.ok) applyLink(r.state);
}

export function discardDraft(): void {
  localStorage.removeItem(KEY);
  useDraft.setState({ offer: null });
}

/** Shared as a link or exported to a file: leaving no longer loses anything. */
export function markSaved(): void {
  unsaved = false;
}

/** Before something replaces the screen: true to go ahead (nothing unsaved, or the user agreed). */
export function confirmReplacingWork(): boolean {
  return (
    !unsaved ||
    confirm(
      'Opening this replaces your walkthrough and op-log on screen. They stay in the draft and one Back away. Open it?',
    )
  );
}

/** Saves on every authored edit and guards the page against closing over unsaved work. */
export function startDrafts(): void {
  useExplorer.subscribe((s, prev) => {
    if (s.edits === prev.edits || !hasAuthoredWork(s)) return;
    unsaved = true;
    useDraft.setState({ offer: null });
    // Saved at once, and the state as it is now: a link followed right after typing (a debounce
    // would still be waiting) must not leave the draft behind the last keystroke.
    void save(s);
  });
  addEventListener('beforeunload', (e) => {
    if (!unsaved) return;
    e.preventDefault();
    e.returnValue = ''; // older browsers ask only when this is set
  });
}
