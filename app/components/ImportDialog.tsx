/** Paste or drop an lspci -x/-xxx/-xxxx dump or a binary sysfs config file; errors name the line. */
import { useState } from 'react';
import {
  dumpText,
  EngineError,
  LIMITS,
  padToConfigSpace,
  parseLspciDump,
  type LspciDevice,
} from '../../src/index';
import { setImport } from '../store/explorer';
import { loadCustom } from '../store/open-device';

export function ImportDialog() {
  const [text, setText] = useState('');
  /** The message, and the failing line as it reads in the text or file that was imported. */
  const [error, setError] = useState<{ message: string; line?: number; lineText?: string } | null>(null);

  const accept = (name: string, input: string | Uint8Array) => {
    let devices: LspciDevice[];
    try {
      devices = parseLspciDump(input);
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      const source = typeof input === 'string' ? input : dumpText(input);
      const lineText = e.line === undefined ? undefined : source?.split(/\r?\n|\r/)[e.line - 1];
      setError({ message: e.message, line: e.line, lineText });
      return;
    }
    const d = devices[0];
    loadCustom(
      name.slice(0, LIMITS.titleChars),
      // A dump that stops short is the start of a config space: the rest reads as 0, as the warning says.
      padToConfigSpace(d.bytes),
      [d.address, d.title].filter(Boolean).join(' ') || `${name} (${d.bytes.length} bytes)`,
    );
  };

  return (
    <div className="modal-backdrop">
      <div role="dialog" aria-modal="true" aria-label="Import a dump" className="import">
        <h2>Import a config-space dump</h2>
        <p className="muted">
          Paste the output of lspci -x, -xxx or -xxxx, or drop a sysfs config file (64, 256 or 4096 bytes).
        </p>
        <textarea
          aria-label="Dump text"
          className="mono"
          rows={12}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => {
            e.preventDefault();
            const f = e.dataTransfer.files[0];
            if (f) void f.arrayBuffer().then((b) => accept(f.name, new Uint8Array(b)));
          }}
        />
        <label className="file">
          or choose a file{' '}
          <input
            type="file"
            aria-label="Config file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void f.arrayBuffer().then((b) => accept(f.name, new Uint8Array(b)));
            }}
          />
        </label>
        {error && (
          <div className="error" role="alert" data-testid="import-error">
            <p>{error.message}</p>
            {error.line !== undefined && error.lineText !== undefined && (
              <pre className="mono">
                {error.line}: {error.lineText.slice(0, 200)}
              </pre>
            )}
          </div>
        )}
        <div className="buttons">
          <button onClick={() => accept('pasted dump', text)} disabled={!text.trim()}>
            Import
          </button>
          <button onClick={() => setImport(false)}>Cancel</button>
        </div>
      </div>
    </div>
  );
}
