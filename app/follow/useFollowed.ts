/**
 * Whether the config views follow the scenario, and what they show: the scenario's device at the
 * timeline's step (engine code loaded on first use), or why it cannot be shown. Null while not following.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ScenarioConfig } from '../../src/index';
import { useExplorer } from '../store/explorer';

export type Followed =
  | { readonly state: 'loading' }
  | { readonly state: 'shown'; readonly config: ScenarioConfig }
  | { readonly state: 'refused'; readonly message: string };

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
  const follow = useExplorer((s) => s.follow);
  const id = useExplorer((s) => s.scenarioId);
  const options = useExplorer((s) => s.scenarioOptions);
  const step = useExplorer((s) => s.step);
  const e = useEngine(follow);
  return useMemo(() => {
    if (!follow) return null;
    if (!e) return { state: 'loading' };
    return e.followedAt(id, options, step);
  }, [follow, e, id, options, step]);
}
