/** The explorer shell: controls, the config explorer, the interrupt path, the walkthrough beside them. */
import { lazy, Suspense } from 'react';
import { CommandPalette } from './components/CommandPalette';
import { DeviceLoader } from './components/DeviceLoader';
import { LinkBanner } from './components/LinkBanner';
import { SkipLinks } from './components/SkipLinks';
import { Toolbar } from './components/Toolbar';
import { PRESETS } from './presets';
import { ConfigSection, PathSection } from './Sections';
import { useShortcuts } from './shortcuts';
import { useExplorer } from './store/explorer';
import { useSession } from './store/session';
import { useFollowed } from './follow/useFollowed';
import { FollowBanner } from './follow/FollowBanner';
import { Embed } from './Embed';
import { embedView } from './url/embed';

// Importing, sharing and walkthroughs load when first used; most visits only explore.
const ImportDialog = lazy(() =>
  import('./components/ImportDialog').then((m) => ({ default: m.ImportDialog })),
);
const ExportDialog = lazy(() => import('./figures/ExportDialog').then((m) => ({ default: m.ExportDialog })));
const ShareDialog = lazy(() => import('./components/ShareDialog').then((m) => ({ default: m.ShareDialog })));
const Presentation = lazy(() =>
  import('./walkthroughs/Presentation').then((m) => ({ default: m.Presentation })),
);
const PatchEditor = lazy(() => import('./patch/PatchEditor').then((m) => ({ default: m.PatchEditor })));
const WalkthroughPanel = lazy(() =>
  import('./walkthroughs/WalkthroughPanel').then((m) => ({ default: m.WalkthroughPanel })),
);

export function App() {
  useShortcuts();
  const session = useSession();
  const title = useExplorer((s) => s.title);
  const loadError = useExplorer((s) => s.loadError);
  const source = useExplorer((s) => s.source);
  const paletteOpen = useExplorer((s) => s.paletteOpen);
  const importOpen = useExplorer((s) => s.importOpen);
  const shareOpen = useExplorer((s) => s.shareOpen);
  const exportOpen = useExplorer((s) => s.exportOpen);
  const presenting = useExplorer((s) => s.presenting);
  const walk = useExplorer((s) => s.walk);
  const patchOpen = useExplorer((s) => s.patchOpen);
  const followed = useFollowed();
  const note = source.kind === 'preset' ? PRESETS.find((p) => p.id === source.id)?.note : undefined;
  const embedded = embedView();
  if (embedded)
    return (
      <>
        <DeviceLoader />
        <Embed view={embedded} session={session} />
      </>
    );
  if (presenting)
    return (
      <>
        <DeviceLoader />
        <Suspense fallback={<p role="status">Loading presentation mode…</p>}>
          <Presentation session={session} />
        </Suspense>
      </>
    );
  return (
    <>
      <DeviceLoader />
      <SkipLinks />
      <header className="top">
        <h1>vfio-explorer</h1>
        <p className="tagline">How Linux vfio-pci and QEMU virtualize a passed-through device, bit by bit.</p>
        <Toolbar refusal={session?.refusal ?? null} />
      </header>
      <div className="shell">
        <main>
          <LinkBanner />
          {loadError && (
            <p role="alert" className="error">
              {loadError}
            </p>
          )}
          {followed && <FollowBanner followed={followed} />}
          {!session && !loadError && (
            <p role="status">
              {followed?.state === 'loading' ? 'Loading the scenario’s device…' : 'Loading device…'}
            </p>
          )}
          {session && (
            <>
              {followed?.state !== 'shown' && (
                <>
                  <p className="device-title mono">{title}</p>
                  {note && <p className="note">{note}</p>}
                </>
              )}
              {session.decoded.warnings.map((w) => (
                <p key={w} className="warning">
                  {w}
                </p>
              ))}
              {patchOpen && (
                <div className="patch-area">
                  <Suspense fallback={<p role="status">Loading the patch editor…</p>}>
                    <PatchEditor session={session} />
                  </Suspense>
                </div>
              )}
              <ConfigSection session={session} />
              <PathSection />
            </>
          )}
        </main>
        {walk && (
          <Suspense fallback={<p role="status">Loading the walkthrough…</p>}>
            <WalkthroughPanel session={session} />
          </Suspense>
        )}
      </div>
      {paletteOpen && <CommandPalette />}
      {importOpen && (
        <Suspense fallback={<p role="status">Loading the import dialog…</p>}>
          <ImportDialog />
        </Suspense>
      )}
      {exportOpen && (
        <Suspense fallback={<p role="status">Loading figure export…</p>}>
          <ExportDialog />
        </Suspense>
      )}
      {shareOpen && (
        <Suspense fallback={<p role="status">Loading sharing…</p>}>
          <ShareDialog />
        </Suspense>
      )}
    </>
  );
}
