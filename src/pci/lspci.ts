/**
 * Reading and writing the text `lspci -x` / `-xxx` / `-xxxx` prints, and the raw binary sysfs `config`
 * file. Tolerates what mail and terminals do to a dump: CRLF, `> ` quoting, interleaved `-vvv` decode lines,
 * a missing header line. Anything else is an EngineError naming the line.
 */
import { EngineError } from '../errors';
import { hex } from '../util/bytes';
import { printable } from '../util/printable';
import { dumpText } from './dump-text';

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
/** A device's place in the PCI hierarchy, from its dump address. */
export interface PciSlot {
  readonly domain: number;
  readonly bus: number;
  readonly dev: number;
  readonly fn: number;
}

const SLOT = /^(?:([0-9a-f]{4,8}):)?([0-9a-f]{2}):([0-9a-f]{2})\.([0-7])$/i;

/** The slot an lspci address names (`0000:02:00.1`, `02:00.1`); 0000:00:00.0 for '' or anything else. */
export function slotOfAddress(address: string): PciSlot {
  const m = SLOT.exec(address);
  if (!m) return { domain: 0, bus: 0, dev: 0, fn: 0 };
  return {
    domain: parseInt(m[1] ?? '0', 16),
    bus: parseInt(m[2], 16),
    dev: parseInt(m[3], 16),
    fn: parseInt(m[4], 10),
  };
}
const HEX_LINE = /^([0-9a-f]{2,3}):((?:\s+[0-9a-f]{2}){1,16})$/i;
/** The sizes a config space comes in: the header lspci -x shows, conventional PCI, PCIe. */
export const CONFIG_SPACE_SIZES: readonly number[] = [64, 256, 4096];
const MAX_CONFIG = 4096;

/**
 * A device line and what followed it. The byte arrays are allocated at its first hex line: a file of
 * nothing but device lines costs a few words each, not 8 KiB.
 */
interface Draft {
  address: string;
  title: string;
  bytes: Uint8Array | null;
  present: Uint8Array | null;
  extent: number;
  /** Line numbers of hex lines that repeated an offset (summarised in one warning). */
  repeats: number[];
  warnings: string[];
}

const newDraft = (address: string, title: string): Draft => ({
  address,
  title,
  bytes: null,
  present: null,
  extent: 0,
  repeats: [],
  warnings: [],
});

function finish(d: Draft): LspciDevice {
  const length = d.extent;
  let missing = 0;
  for (let i = 0; i < length; i++) if (!d.present![i]) missing++;
  if (d.repeats.length) {
    const first = d.repeats.slice(0, 3).join(', ');
    const more = d.repeats.length > 3 ? ` and ${d.repeats.length - 3} more` : '';
    d.warnings.push(`lines ${first}${more} repeat an offset; the later line wins`);
  }
  if (missing) d.warnings.push(`${missing} bytes inside the dumped range are missing and read as 0`);
  if (!CONFIG_SPACE_SIZES.includes(length)) {
    d.warnings.push(`the dump covers ${length} bytes; lspci prints 64, 256 or 4096`);
  }
  return { address: d.address, title: d.title, bytes: d.bytes!.slice(0, length), warnings: d.warnings };
}

/**
 * Mail quoting (`> `, `>> `, `> > `) removed from the start of a line. A loop, not a regex: a repeated
 * group over a line of millions of `>` would exhaust the regex engine's backtracking stack.
 */
function unquote(line: string): string {
  let at = 0;
  for (;;) {
    let i = at;
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (line[i] !== '>') return line.slice(at);
    i++;
    if (line[i] === ' ' || line[i] === '\t') i++;
    at = i;
  }
}

/** A line as an error message shows it: at most 60 characters, control characters as `\u001b`. */
function shown(line: string): string {
  const cut = line.length > 60 ? `${line.slice(0, 57)}...` : line;
  return printable(cut);
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
  d.bytes ??= new Uint8Array(MAX_CONFIG);
  d.present ??= new Uint8Array(MAX_CONFIG);
  if (d.present[offset]) d.repeats.push(lineNo);
  values.forEach((v, i) => {
    d.bytes![offset + i] = v;
    d.present![offset + i] = 1;
  });
  d.extent = Math.max(d.extent, offset + 16);
}

function parseText(text: string): LspciDevice[] {
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  const lines = text.split(/\r?\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = unquote(lines[i]);
    // lspci -vvv decode lines are indented; the hex dump itself never is.
    if (/^[ \t]/.test(raw) || raw.trim() === '') continue;
    const line = raw.trimEnd();
    const hexMatch = HEX_LINE.exec(line);
    if (hexMatch) {
      current ??= newDraft('', '');
      // A device joins the list at its first hex line; one without any is dropped as soon as the next begins.
      if (!current.bytes) drafts.push(current);
      addHexLine(current, parseInt(hexMatch[1], 16), hexMatch[2], lineNo);
      continue;
    }
    const headerMatch = HEADER_LINE.exec(line);
    if (headerMatch) {
      current = newDraft(headerMatch[1], (headerMatch[2] ?? '').trim());
      continue;
    }
    throw new EngineError(
      'dump-syntax',
      `line ${lineNo}: "${shown(line)}" is neither a device line (02:00.0 …) nor a hex line (00: 86 80 …)`,
      undefined,
      lineNo,
    );
  }
  const devices = drafts.map(finish);
  if (!devices.length) {
    throw new EngineError('dump-empty', 'no hex lines found: paste the output of lspci -x, -xxx or -xxxx');
  }
  return devices;
}

export function parseLspciDump(input: string | Uint8Array): LspciDevice[] {
  if (typeof input === 'string') return parseText(input.replace(/^\uFEFF/, ''));
  const text = dumpText(input);
  if (text !== null) return parseText(text);
  if (!CONFIG_SPACE_SIZES.includes(input.length)) {
    throw new EngineError(
      'dump-size',
      `a binary config file is 64, 256 or 4096 bytes (as sysfs returns it), and this one is ${input.length}`,
    );
  }
  return [{ address: '', title: '', bytes: input.slice(), warnings: [] }];
}

/**
 * A dump's bytes as a whole config space: a dump that stops short (48 bytes, 300 bytes) is padded with
 * zeros to the next size, as its missing bytes read (the parser has said so in a warning).
 */
export function padToConfigSpace(bytes: Uint8Array): Uint8Array {
  const size = CONFIG_SPACE_SIZES.find((n) => n >= bytes.length) ?? bytes.length;
  if (size === bytes.length) return bytes;
  const out = new Uint8Array(size);
  out.set(bytes);
  return out;
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
