/**
 * Value vocabularies lspci (pciutils 3.9.0, `lspci -vvv`) reads registers with: link speeds, exit
 * latencies, power limits, sizes. Shared by the layouts' `meaning` entries; the words are what lspci's
 * output shows, the tables are this project's own.
 */
import { measured, named, says, type Meaning } from './meaning';

/** PCIe link speed codes (LNKCAP/LNKSTA/LNKCTL2): 1 = 2.5GT/s … 6 = 64GT/s. */
export const LINK_SPEEDS: Readonly<Record<number, string>> = {
  1: '2.5GT/s',
  2: '5GT/s',
  3: '8GT/s',
  4: '16GT/s',
  5: '32GT/s',
  6: '64GT/s',
};
export const linkSpeed = (word: string): Meaning => named(word, LINK_SPEEDS, () => 'unknown');

export const L0S_LATENCY = ['<64ns', '<128ns', '<256ns', '<512ns', '<1us', '<2us', '<4us', 'unlimited'];
export const L1_LATENCY = ['<1us', '<2us', '<4us', '<8us', '<16us', '<32us', '<64us', 'unlimited'];

/** 128 << code bytes: Max_Payload_Size and Max_Read_Request_Size encodings. */
export const pow2Bytes = (word: string): Meaning => measured(word, (v) => `${128 << v} bytes`);

/** A slot power limit: value × 10^-scale watts, with the 250–600 W encodings of PCIe 4.0. */
export function powerLimit(value: number, scale: number): string {
  if (scale === 0 && value === 0xff) return '>600W';
  const watts = scale === 0 && value >= 0xf0 && value <= 0xfe ? 250 + 25 * (value - 0xf0) : value;
  return `${+(watts * [1, 0.1, 0.01, 0.001][scale]).toPrecision(6)}W`;
}

/** A region size as lspci prints it: the largest of K/M/G/T that divides it ("8K", "16M"). */
export function regionSize(bytes: number): string {
  const suffix = ['', 'K', 'M', 'G', 'T'];
  let i = 0;
  while (i < suffix.length - 1 && bytes % 1024 === 0) {
    bytes /= 1024;
    i++;
  }
  return `${bytes}${suffix[i]}`;
}

/** Lowercase hex without 0x, at least `digits` wide: lspci's `%04x` / `%08x`. */
export const hexWord = (value: number, digits: number): string => value.toString(16).padStart(digits, '0');

/** "Word: 0000abcd": a field lspci prints as its name and a fixed-width hex value. */
export const hexLabelled = (word: string, digits: number): Meaning =>
  says(word, (v) => `${word}: ${hexWord(v, digits)}`);

/** DEVSEL timing (STATUS[10:9]). */
export const DEVSEL = says('DEVSEL', (v) => `DEVSEL=${['fast', 'medium', 'slow'][v] ?? '??'}`);

/** lspci's TABLE(): the name for a code, or `??N` past the table's end. */
export const tableName = (names: readonly string[], code: number): string => names[code] ?? `??${code}`;

/**
 * "Subsystem: 8086:5010" as `lspci -n` prints it (names need pci.ids), read by both the vendor and the device
 * register: `vendorAt`/`deviceAt` locate them in their structure. The header prints the line only for a
 * vendor that is neither 0 nor ffff (show_verbose in lspci.c); the SSVID capability always (cap_ssvid).
 */
export const subsystemPair = (vendorAt: number, deviceAt: number, header: boolean): Meaning =>
  says('Subsystem', (_v, c) => {
    const vendor = c.at(vendorAt, 2);
    if (header && (vendor === 0 || vendor === 0xffff)) return undefined;
    return `Subsystem: ${hexWord(vendor, 4)}:${hexWord(c.at(deviceAt, 2), 4)}`;
  });
