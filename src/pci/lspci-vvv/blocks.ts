/**
 * `lspci -vvv`'s text for one config space, cut into the header's lines and each capability's block
 * (keyed by the capability's offset), so a view can show lspci's composite decode of a structure beside
 * its registers: the VC arbitration, a CXL DVSEC, a ReBAR's sizes, as lspci words them.
 */
import { formatLspciVvv } from './index';

export interface LspciBlocks {
  readonly header: readonly string[];
  /** Each capability's lines, its `Capabilities: [off] …` line first, by offset. */
  readonly capabilities: ReadonlyMap<number, readonly string[]>;
}

const CAP_LINE = /^\tCapabilities: \[([0-9a-f]+)(?: v\d+)?\]/;

export function lspciBlocks(bytes: Uint8Array): LspciBlocks {
  const text = formatLspciVvv([{ address: '', title: '', bytes, warnings: [] }]);
  const lines = text.split('\n').slice(1);
  const header: string[] = [];
  const capabilities = new Map<number, string[]>();
  let current = header;
  for (const line of lines) {
    if (line === '') continue;
    const m = CAP_LINE.exec(line);
    if (m) {
      current = [];
      capabilities.set(parseInt(m[1], 16), current);
    }
    // Tabs become two spaces past the structure's own indent, so continuation lines stay indented.
    current.push(line.replace(/^\t/, '').replace(/\t/g, '  '));
  }
  return { header, capabilities };
}
