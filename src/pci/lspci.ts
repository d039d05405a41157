/**
 * Reading and writing the text `lspci -x` / `-xxx` / `-xxxx` prints, and the raw binary sysfs `config`
 * file. Tolerates what mail and terminals do to a dump: CRLF, `> ` quoting, interleaved `-vvv` decode lines,
 * a missing header line. Anything else is an EngineError naming the line.
 */
import { EngineError } from '../errors';
import { hex } from '../util/bytes';

export interface LspciDevice {
  /** Slot as lspci printed it (`02:00.0`, `0000:02:00.0`), or '' when the dump had no header line. */
  readonly address: string;
  /** The rest of the header line (`Network controller [0280]: …`), or ''. */
  readonly title: string;
  /** The bytes the dump covers (64, 256 or 4096 for a real lspci dump). */
  readonly bytes: Uint8Array;
  readonly warnings: string[];
}

const HEADER_LINE = /^((?:[0-9a-f]{4,8}:)?[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])(?:\s+(.*))?$/i;
const HEX_LINE = /^([0-9a-f]{2,3}):((?:\s+[0-9a-f]{2}){1,16})$/i;
const QUOTE_PREFIX = /^(?:[ \t]*>[ \t]?)+/;
const SYSFS_SIZES = [64, 256, 4096];
const MAX_CONFIG = 4096;

interface Draft {
  address: string;
  title: string;
  bytes: Uint8Array;
  present: Uint8Array;
  extent: number;
  warnings: string[];
}

const newDraft = (address: string, title: string): Draft => ({
  address,
  title,
  bytes: new Uint8Array(MAX_CONFIG),
  present: new Uint8Array(MAX_CONFIG),
  extent: 0,
  warnings: [],
});

function finish(d: Draft): LspciDevice {
  const length = d.extent;
  let missing = 0;
  for (let i = 0; i < length; i++) if (!d.present[i]) missing++;
  if (missing) d.warnings.push(`${missing} bytes inside the dumped range are missing and read as 0`);
  if (!SYSFS_SIZES.includes(length)) {
    d.warnings.push(`the dump covers ${length} bytes; lspci prints 64, 256 or 4096`);
  }
  return { address: d.address, title: d.title, bytes: d.bytes.slice(0, length), warnings: d.warnings };
}

function addHexLine(d: Draft, offset: number, body: string, lineNo: number): void {
  if (offset % 16 !== 0) {
    throw new EngineError(
      'dump-syntax',
      `line ${lineNo}: offset ${hex(offset)} is not a multiple of 16`,
      undefined,
      lineNo,
    );
  }
  const values = body
    .trim()
    .split(/\s+/)
    .map((b) => parseInt(b, 16));
  if (offset + values.length > MAX_CONFIG) {
    throw new EngineError(
      'dump-syntax',
      `line ${lineNo}: offset ${hex(offset, 3)} is beyond 4096-byte config space`,
      undefined,
      lineNo,
    );
  }
  if (d.present[offset]) d.warnings.push(`line ${lineNo} repeats offset ${hex(offset)}; the later line wins`);
  values.forEach((v, i) => {
    d.bytes[offset + i] = v;
    d.present[offset + i] = 1;
  });
  d.extent = Math.max(d.extent, offset + 16);
}

function parseText(text: string): LspciDevice[] {
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  const lines = text.split(/\r?\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i].replace(QUOTE_PREFIX, '');
    // lspci -vvv decode lines are indented; the hex dump itself never is.
    if (/^[ \t]/.test(raw) || raw.trim() === '') continue;
    const line = raw.trimEnd();
    const hexMatch = HEX_LINE.exec(line);
    if (hexMatch) {
      if (!current) {
        current = newDraft('', '');
        drafts.push(current);
      }
      addHexLine(current, parseInt(hexMatch[1], 16), hexMatch[2], lineNo);
      continue;
    }
    const headerMatch = HEADER_LINE.exec(line);
    if (headerMatch) {
      current = newDraft(headerMatch[1], (headerMatch[2] ?? '').trim());
      drafts.push(current);
      continue;
    }
    const shown = line.length > 60 ? `${line.slice(0, 57)}...` : line;
    throw new EngineError(
      'dump-syntax',
      `line ${lineNo}: "${shown}" is neither a device line (02:00.0 …) nor a hex line (00: 86 80 …)`,
      undefined,
      lineNo,
    );
  }
  const devices = drafts.filter((d) => d.extent > 0).map(finish);
  if (!devices.length) {
    throw new EngineError('dump-empty', 'no hex lines found: paste the output of lspci -x, -xxx or -xxxx');
  }
  return devices;
}

/** A buffer that is mostly printable ASCII is an lspci text dump saved to a file, not a sysfs binary. */
function looksLikeText(data: Uint8Array): boolean {
  const probe = data.subarray(0, 256);
  if (!probe.length) return false;
  let printable = 0;
  for (const b of probe) if ((b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d || b === 0x09) printable++;
  return printable === probe.length;
}

export function parseLspciDump(input: string | Uint8Array): LspciDevice[] {
  if (typeof input === 'string') return parseText(input);
  if (looksLikeText(input)) return parseText(new TextDecoder().decode(input));
  if (!SYSFS_SIZES.includes(input.length)) {
    throw new EngineError(
      'dump-size',
      `a binary config file is 64, 256 or 4096 bytes (as sysfs returns it); this one is ${input.length}`,
    );
  }
  return [{ address: '', title: '', bytes: input.slice(), warnings: [] }];
}

export interface FormattableDevice {
  readonly address?: string;
  readonly title?: string;
  readonly bytes: Uint8Array;
}

/** The exact text lspci prints: header line, 16 bytes per line (`%02x:` offsets), a blank line after each device. */
export function formatLspciDump(devices: FormattableDevice | readonly FormattableDevice[]): string {
  const list = Array.isArray(devices) ? devices : [devices as FormattableDevice];
  let out = '';
  for (const d of list) {
    if (d.address) out += d.title ? `${d.address} ${d.title}\n` : `${d.address}\n`;
    for (let off = 0; off < d.bytes.length; off += 16) {
      out += `${hex(off)}:`;
      for (let i = off; i < Math.min(off + 16, d.bytes.length); i++) out += ` ${hex(d.bytes[i])}`;
      out += '\n';
    }
    out += '\n';
  }
  return out;
}
