/** The walkthrough being followed, as the panels render it. */
import { useExplorer } from '../store/explorer';
import type { BuiltinStep, BuiltinWalkthrough } from './builtin';
import { builtinById, useCatalog } from './catalog';

export interface ShownWalkthrough {
  readonly title: string;
  readonly steps: readonly (Omit<BuiltinStep, 'refs'> & { refs?: BuiltinStep['refs'] })[];
  readonly editable: boolean;
  readonly at: number;
  readonly thread?: BuiltinWalkthrough['thread'];
  readonly patch?: boolean;
}

export function useWalkthrough(): ShownWalkthrough | null {
  const walk = useExplorer((s) => s.walk);
  const at = useExplorer((s) => s.walkStep);
  // Re-render when the built-ins' chunk arrives; builtinById reads the same store.
  useCatalog((c) => c.builtins);
  if (!walk) return null;
  if (walk.kind === 'custom') return { ...walk.walkthrough, editable: true, at };
  const b = builtinById(walk.id);
  return b ? { title: b.title, steps: b.steps, editable: false, at, thread: b.thread, patch: b.patch } : null;
}
