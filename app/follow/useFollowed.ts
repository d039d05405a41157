/**
 * Whether the config views follow a scenario, and what they show: the followed scenario's device at the
 * timeline's step under the explorer's kernel, QEMU, compared kernel and permission patch (the engine
 * says which it could honour; engine code loaded on first use), or why it cannot be shown. Null while
 * not following.
 */
import { useEffect, useMemo, useState } from 'react';
import { defaultCompareKernel, type FollowSide, type ScenarioConfig } from '../../src/index';
import { usePermPatch } from '../store/session';
import { useExplorer } from '../store/explorer';

export type Followed =
  | { readonly state: 'loading'; readonly side: FollowSide }
  | { readonly state: 'shown'; readonly side: FollowSide; readonly config: ScenarioConfig }
  | { readonly state: 'refused'; readonly side: FollowSide; readonly message: string };

type Engine = typeof import('./follow-engine');
let engine: Engine | null = null;

function useEngine(wanted: boolean): Engine | null {
  const [loaded, setLoaded] = useState(engine);
  useEffect(() => {
    if (!wanted || loaded) return;
    let live = true;
    void import('./follow-engine').then((m) => {
      engine = m;
      if (live) setLoaded(m);
    });
    return () => {
      live = false;
    };
  }, [wanted, loaded]);
  return loaded;
}

export function useFollowed(): Followed | null {
  const side = useExplorer((s) => s.follow);
  const scenarioId = useExplorer((s) => s.scenarioId);
  const options = useExplorer((s) => s.scenarioOptions);
  const step = useExplorer((s) => s.step);
  const compareId = useExplorer((s) => s.compareId);
  const kernel = useExplorer((s) => s.kernel);
  const qemu = useExplorer((s) => s.qemu);
  // The compared kernel matters only while the diff-kernel overlay shows it (as for the user's session).
  const compareKernel = useExplorer((s) =>
    s.overlay === 'diff-kernel' ? (s.compareKernel ?? defaultCompareKernel(s.kernel)) : undefined,
  );
  const parse = usePermPatch();
  const patch = parse?.ok ? parse.patch : undefined;
  const e = useEngine(side !== false);
  return useMemo(() => {
    if (side === false) return null;
    if (!e) return { state: 'loading', side };
    return e.followedAt({
      side,
      scenarioId,
      options,
      step,
      compareId,
      choices: { kernel, qemu, compareKernel, patch },
    });
  }, [side, e, scenarioId, options, step, compareId, kernel, qemu, compareKernel, patch]);
}
