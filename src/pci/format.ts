/** Text renderings of register values shared by the CLI and the UI: Wireshark-style dotted masks, hex. */

/** `.... ..1. = name: 1`-style rendering: the field's bits shown, the rest as dots, nibbles spaced. */
export function dottedMask(mask: number, value: number, size: 1 | 2 | 4): string {
  let out = '';
  for (let bit = size * 8 - 1; bit >= 0; bit--) {
    const m = 2 ** bit;
    const inMask = Math.floor(mask / m) % 2 === 1;
    out += inMask ? String(Math.floor(value / m) % 2) : '.';
    if (bit % 4 === 0 && bit) out += ' ';
  }
  return out;
}

export const hexValue = (value: number, size: number): string =>
  `0x${(value >>> 0).toString(16).padStart(size * 2, '0')}`;

export const hexOffset = (offset: number): string =>
  `0x${offset.toString(16).padStart(offset >= 0x100 ? 3 : 2, '0')}`;
