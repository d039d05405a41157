/** The explorer shell: controls, the bitmap, the hex dump and field tree, the register inspector, the paths. */
import { lazy, Suspense } from 'react';
import { ConfigBitmap } from './bitmap/ConfigBitmap';
import { CommandPalette } from './components/CommandPalette';
import { DeviceLoader } from './components/DeviceLoader';
import { FieldTree } from './components/FieldTree';
import { HexPane } from './components/HexPane';
import { ImportDialog } from './components/ImportDialog';
import { Inspector } from './components/Inspector';
import { Legend } from './components/Legend';
import { Toolbar } from './components/Toolbar';
import { ViewBoundary } from './components/ViewBoundary';
import { PRESETS } from './presets';
import { useShortcuts } from './shortcuts';
import { useExplorer } from './store/explorer';
import { useSession } from './store/session';

// The interrupt-path engine and panel load in their own chunk, after the config explorer.
const PathPanel = lazy(() => import('./paths/PathPanel').then((m) => ({ default: m.PathPanel })));

export function App() {
  useShortcuts();
  const session = useSession();
  const title = useExplorer((s) => s.title);
  const loadError = useExplorer((s) => s.loadError);
  const source = useExplorer((s) => s.source);
  const paletteOpen = useExplorer((s) => s.paletteOpen);
  const importOpen = useExplorer((s) => s.importOpen);
  const note = source.kind === 'preset' ? PRESETS.find((p) => p.id === source.id)?.note : undefined;
  return (
    <>
      <DeviceLoader />
      <header className="top">
        <h1>vfio-explorer</h1>
        <p className="tagline">How Linux vfio-pci and QEMU virtualize a passed-through device, bit by bit.</p>
        <Toolbar />
      </header>
      <main>
        {loadError && (
          <p role="alert" className="error">
            {loadError}
          </p>
        )}
        {!session && !loadError && <p role="status">Loading device…</p>}
        {session && (
          <>
            <p className="device-title mono">{title}</p>
            {note && <p className="note">{note}</p>}
            {session.decoded.warnings.map((w) => (
              <p key={w} className="warning">
                {w}
              </p>
            ))}
            <ViewBoundary name="config explorer">
              <div className="layout">
                <div className="left">
                  <ConfigBitmap session={session} />
                  <Legend />
                </div>
                <Inspector session={session} />
                <div className="bottom">
                  <HexPane session={session} />
                  <FieldTree session={session} />
                </div>
              </div>
            </ViewBoundary>
            <ViewBoundary name="interrupt path">
              <Suspense fallback={<p role="status">Loading the interrupt-path simulator…</p>}>
                <PathPanel />
              </Suspense>
            </ViewBoundary>
          </>
        )}
      </main>
      {paletteOpen && <CommandPalette />}
      {importOpen && <ImportDialog />}
    </>
  );
}
