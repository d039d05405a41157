import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';
import { loadSelectedPreset } from './store/device-loading';
import { startUrlSync } from './url/sync';

// The address bar's link decides the first screen, and its device is loaded, before anything renders:
// the page lays out once, on the link's screen.
void startUrlSync()
  .then(loadSelectedPreset)
  .then(() =>
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
