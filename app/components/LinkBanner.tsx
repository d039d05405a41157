/** Why the address bar's link could not be opened, or why it no longer follows the screen. */
import { setLinkError, setShare, useExplorer } from '../store/explorer';

export function LinkBanner() {
  const linkError = useExplorer((s) => s.linkError);
  const stale = useExplorer((s) => s.urlStale);
  return (
    <>
      {linkError && (
        <div role="alert" className="error link-error">
          <p>{linkError}</p>
          <button onClick={() => setLinkError(null)}>Dismiss</button>
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
