import { useRef } from 'react';
import { setLinkError } from '../store/explorer';
import { applyLink } from '../store/link';
import { loadShareEngine } from '../url/share-engine';

/** "Open file…": a state or walkthrough file, checked by the engine before anything changes. */
export function OpenFileButton() {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button onClick={() => input.current?.click()}>Open file…</button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        aria-label="Explorer file"
        hidden
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (!f) return;
          void Promise.all([f.text(), loadShareEngine()]).then(([text, engine]) => {
            const r = engine.readExplorerFile(text);
            if (!r.ok) setLinkError(r.message);
            else {
              setLinkError(null);
              applyLink(r.state);
            }
          });
        }}
      />
    </>
  );
}
