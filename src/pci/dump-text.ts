/**
 * Is a file an lspci dump saved as text, or a binary sysfs `config`? Text comes in whatever encoding the
 * editor or shell chose: UTF-8 with or without a byte-order mark (a title like `Intel®` is not ASCII),
 * or UTF-16 (PowerShell's `>` writes UTF-16 LE with a BOM). A sysfs config file is not valid UTF-8 or
 * holds zero bytes (reserved registers, unused BARs), which no text has once UTF-16 is recognised.
 */

const startsWith = (data: Uint8Array, a: number, b: number) => data[0] === a && data[1] === b;

/** UTF-16 without a BOM: ASCII text whose every other byte is zero, in the first line's worth of bytes. */
function looksUtf16(data: Uint8Array, zeroAt: 0 | 1): boolean {
  const n = Math.min(data.length & ~1, 64);
  if (n < 4) return false;
  for (let i = 0; i < n; i += 2) {
    const zero = data[i + zeroAt];
    const ascii = data[i + 1 - zeroAt];
    if (zero !== 0 || ascii === 0 || ascii >= 0x80) return false;
  }
  return true;
}

/** The text of a dump file (without its byte-order mark), or null when the bytes are a binary config file. */
export function dumpText(data: Uint8Array): string | null {
  // TextDecoder consumes a byte-order mark of its own encoding.
  if (startsWith(data, 0xff, 0xfe) || looksUtf16(data, 1)) return new TextDecoder('utf-16le').decode(data);
  if (startsWith(data, 0xfe, 0xff) || looksUtf16(data, 0)) return new TextDecoder('utf-16be').decode(data);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return null;
  }
  return text === '' || text.includes('\u0000') ? null : text;
}
