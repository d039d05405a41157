/** Little-endian access to byte arrays: PCI config space is little-endian (the kernel's le16/le32 helpers). */

export type AccessSize = 1 | 2 | 4;

export function readLE(bytes: Uint8Array, offset: number, size: number): number {
  // Config accesses are 1, 2 or 4 bytes: those without a loop, as the fuzzers make millions. A byte past
  // the end is undefined, which the bit operators read as 0, as the loop's `?? 0` does.
  if (size === 4)
    return (
      (bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16) | (bytes[offset + 3] << 24)) >>> 0
    );
  if (size === 2) return bytes[offset] | (bytes[offset + 1] << 8);
  if (size === 1) return bytes[offset] | 0;
  let v = 0;
  for (let i = size - 1; i >= 0; i--) v = v * 256 + (bytes[offset + i] ?? 0);
  return v >>> 0;
}

export function writeLE(bytes: Uint8Array, offset: number, size: number, value: number): void {
  for (let i = 0; i < size; i++) bytes[offset + i] = (value >>> (8 * i)) & 0xff;
}

/** All-ones mask for a width in bytes: 1 → 0xff, 4 → 0xffffffff. */
export function sizeMask(size: number): number {
  return size >= 4 ? 0xffffffff : (1 << (8 * size)) - 1;
}

export function hex(value: number, digits = 2): string {
  return (value >>> 0).toString(16).padStart(digits, '0');
}

/** Shift a masked value down to the field's own bits: (0x0070, 0x0050) → 5. */
export function fieldValue(mask: number, raw: number): number {
  if (mask === 0) return 0;
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  return ((raw & mask) >>> 0) >>> shift;
}

export function popcount(v: number): number {
  let n = 0;
  for (let x = v >>> 0; x; x &= x - 1) n++;
  return n;
}
