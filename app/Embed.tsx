/**
 * Embed mode: one view (the config explorer or the interrupt path) without the toolbar, the Share button
 * or the walkthrough, and a small link that opens this exact state in the full explorer.
 */
import type { Session } from '../src/index';
import { ConfigSection, PathSection } from './Sections';
import { useExplorer } from './store/explorer';
import { linkOf } from './store/link';
import { fullUrl, type EmbedView } from './url/embed';
import { useEffect, useState } from 'react';
import { fragmentOf } from './url/share-engine';

export function Embed({ view, session }: { view: EmbedView; session: Session | null }) {
  const state = useExplorer();
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void fragmentOf(linkOf(state)).then((f) => live && setHref(fullUrl(f)));
    return () => {
      live = false;
    };
  }, [state]);
  return (
    <main
      className="embed"
      aria-label={`vfio-explorer: ${view === 'paths' ? 'interrupt path' : 'config explorer'}`}
    >
      <p className="embed-bar">
        <span className="mono">{state.title}</span>
        {href && (
          <a href={href} target="_blank" rel="noopener noreferrer">
            open in vfio-explorer
          </a>
        )}
      </p>
      {state.loadError && (
        <p role="alert" className="error">
          {state.loadError}
        </p>
      )}
      {!session && !state.loadError && <p role="status">Loading device…</p>}
      {session && (view === 'paths' ? <PathSection /> : <ConfigSection session={session} />)}
    </main>
  );
}
