/** Why the address bar's link or a chosen file could not be opened, or why the link no longer follows the screen. */
import { discardDraft, restoreDraft, useDraft } from '../store/draft';
import { setFileError, setLinkError, setShare, useExplorer } from '../store/explorer';

export function LinkBanner() {
  const linkError = useExplorer((s) => s.linkError);
  const fileError = useExplorer((s) => s.fileError);
  const stale = useExplorer((s) => s.urlStale);
  const draft = useDraft((d) => d.offer);
  return (
    <>
      {linkError && (
        <div role="alert" className="error link-error">
          <p>{linkError}</p>
          <button onClick={() => setLinkError(null)}>Dismiss</button>
        </div>
      )}
      {fileError && (
        <div role="alert" className="error link-error">
          <p>{fileError}</p>
          <button onClick={() => setFileError(null)}>Dismiss</button>
        </div>
      )}
      {draft && (
        <div className="warning draft-offer" role="status">
          <p>
            Unsaved work from {new Date(draft.savedAt).toLocaleString()} is kept as a draft: {draft.summary}.
          </p>
          <button onClick={() => void restoreDraft()}>Restore the draft</button>
          <button onClick={discardDraft}>Discard it</button>
        </div>
      )}
      {stale && (
        <p className="warning" role="status">
          This state is too large for a link, so the address bar still shows the last one that fit.{' '}
          <button className="link" onClick={() => setShare(true)}>
            Export it to a file
          </button>
        </p>
      )}
    </>
  );
}
