import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';
import { loadSelectedPreset } from './store/device-loading';
import { offerDraft, startDrafts } from './store/draft';
import { startTheme } from './theme';
import { startUrlSync } from './url/sync';

// Every module has been evaluated by now: the load bench reads this mark to split script arrival and
// evaluation from the work of the first screen (DevTools shows it in its Timings track too).
performance.mark('explorer:main');

// The viewer's theme before anything paints, so a dark page never flashes light.
startTheme();

// The address bar's link decides the first screen, and its device is loaded, before anything renders:
// the page lays out once, on the link's screen. That first render runs at once (flushSync) rather than
// in a task of its own that the browser could put behind chunk evaluation.
void startUrlSync()
  .then(loadSelectedPreset)
  .then(() => {
    const root = createRoot(document.getElementById('root')!);
    flushSync(() =>
      root.render(
        <StrictMode>
          <App />
        </StrictMode>,
      ),
    );
    // Authored work is kept from here on; a draft the screen does not show is offered back.
    startDrafts();
    void offerDraft();
  });
