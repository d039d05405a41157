import { useRef } from 'react';
import { confirmReplacingWork } from '../store/draft';
import { setFileError, setLinkError } from '../store/explorer';
import { markDeliberate } from '../url/history';
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
          // An explorer file holds at most MAX_FILE_CHARS characters (4 bytes each at most in UTF-8): a
          // bigger one is refused before it is read into memory.
          if (f.size > 16 * 1024 * 1024) {
            setFileError(
              `This file cannot be opened: it is ${f.size} bytes, far more than an explorer file.`,
            );
            return;
          }
          void Promise.all([f.text(), loadShareEngine()]).then(([text, engine]) => {
            const r = engine.readExplorerFile(text);
            if (!r.ok) setFileError(r.message);
            else if (confirmReplacingWork()) {
              setFileError(null);
              setLinkError(null);
              markDeliberate(); // the screen before the file stays one Back away
              applyLink(r.state);
            }
          });
        }}
      />
    </>
  );
}
