/**
 * Bitmap layout, shared by the painter, the overlay and hit-testing: lspci's 16 bytes per row, each byte
 * drawn MSB first (bit 7 … bit 0, as dotted masks read), one cell per bit.
 */
export const BYTES_PER_ROW = 16;
export const BITS_PER_ROW = BYTES_PER_ROW * 8;
/** Backing-store pixels per bit (2×2 leaves room for a texture pixel on read-only classes). */
export const PX = 2;

export const rowsFor = (size: number) => Math.ceil(size / BYTES_PER_ROW);
/** A bit cell is this many times taller than wide on screen, so bytes read as blocks and rows are easy to hit. */
export const ROW_ASPECT = 3;

/** Cell column (0…127) and row of a bit index (offset × 8 + bit). */
export function cellOf(bitIndex: number): { col: number; row: number } {
  const offset = bitIndex >> 3;
  const bit = bitIndex & 7;
  return { row: Math.floor(offset / BYTES_PER_ROW), col: (offset % BYTES_PER_ROW) * 8 + (7 - bit) };
}

export function bitAt(col: number, row: number): number {
  const offset = row * BYTES_PER_ROW + (col >> 3);
  return offset * 8 + (7 - (col & 7));
}

/** Rectangles (in cell units) covering bytes [offset, offset + size), split at row ends. */
export function byteRects(offset: number, size: number): { x: number; y: number; w: number; h: number }[] {
  const out: { x: number; y: number; w: number; h: number }[] = [];
  for (let o = offset; o < offset + size;) {
    const row = Math.floor(o / BYTES_PER_ROW);
    const end = Math.min(offset + size, (row + 1) * BYTES_PER_ROW);
    out.push({ x: (o % BYTES_PER_ROW) * 8, y: row, w: (end - o) * 8, h: 1 });
    o = end;
  }
  return out;
}
