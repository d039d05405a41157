/**
 * Share: the link to this exact screen, as a URL or as one Markdown line, and a file for states too big
 * for a link. Copying goes through the clipboard API; when the page may not use it, the text is there
 * to select by hand and the dialog says so.
 */
import { useMemo, useState } from 'react';
import { shareLink, stateToFile } from '../../src/share/index';
import { downloadText, fileNameOf } from '../files';
import { markSaved } from '../store/draft';
import { setShare, useExplorer } from '../store/explorer';
import { linkOf } from '../store/link';
import { useSession } from '../store/session';
import { describeState } from '../url/describe';
import { embedUrl, type EmbedView } from '../url/embed';
import { markdownLink } from '../url/markdown';
import { DialogFooter } from './DialogFooter';

export function ShareDialog() {
  const state = useExplorer();
  const session = useSession();
  const [status, setStatus] = useState('');
  const [embedAs, setEmbedAs] = useState<EmbedView>('config');
  const link = useMemo(() => linkOf(state), [state]);
  const result = useMemo(() => shareLink(link), [link]);
  const url = result.ok ? `${location.origin}${location.pathname}#${result.fragment}` : null;
  const register = state.selected ? (session?.fields.at(state.selected.offset)?.field.name ?? null) : null;
  // An <iframe> of this state in embed mode (one view, no chrome), with a title for screen readers.
  const iframe = result.ok
    ? `<iframe src="${embedUrl(result.fragment, embedAs)}" title="vfio-explorer: ${(state.title || 'config space').replace(/"/g, '&quot;')}" width="100%" height="${embedAs === 'paths' ? 900 : 760}" loading="lazy"></iframe>`
    : null;
  const markdown = url
    ? markdownLink(describeState(state, register, session?.device?.state.novirt ?? false), url)
    : null;

  const copy = (what: string, text: string) =>
    navigator.clipboard.writeText(text).then(
      () => {
        markSaved();
        setStatus(`Copied the ${what}.`);
      },
      () => setStatus(`This page may not use the clipboard here: select the ${what} above and copy it.`),
    );

  return (
    <div className="modal-backdrop">
      <div role="dialog" aria-modal="true" aria-label="Share this view" className="share">
        <h2>Share this view</h2>
        {url ? (
          <>
            <label>
              Link ({url.length} characters)
              {/* A modal takes the focus, so the keyboard lands on the link. */}
              <input className="mono" readOnly value={url} autoFocus onFocus={(e) => e.target.select()} />
            </label>
            <label>
              Embed view{' '}
              <select value={embedAs} onChange={(e) => setEmbedAs(e.target.value as EmbedView)}>
                <option value="config">config explorer</option>
                <option value="paths">interrupt path</option>
              </select>
            </label>
            <label>
              Embed (&lt;iframe&gt;)
              <input className="mono" readOnly value={iframe!} onFocus={(e) => e.target.select()} />
            </label>
            <label>
              Markdown
              <input className="mono" readOnly value={markdown!} onFocus={(e) => e.target.select()} />
            </label>
          </>
        ) : (
          <p role="alert" className="error">
            {!result.ok && result.message}
          </p>
        )}
        <DialogFooter status={status} onClose={() => setShare(false)}>
          <button disabled={!url} onClick={() => void copy('link', url!)}>
            Copy link
          </button>
          <button disabled={!iframe} onClick={() => void copy('iframe snippet', iframe!)}>
            Copy iframe
          </button>
          <button disabled={!markdown} onClick={() => void copy('Markdown', markdown!)}>
            Copy as Markdown
          </button>
          <button
            autoFocus={!url}
            onClick={() => {
              downloadText(fileNameOf(state.title || 'vfio-explorer', '.state.json'), stateToFile(link));
              setStatus('Saved the state as a file; Open file… in the walkthrough menu reads it back.');
            }}
          >
            Export to file
          </button>
        </DialogFooter>
      </div>
    </div>
  );
}
