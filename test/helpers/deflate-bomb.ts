/**
 * A raw DEFLATE stream of the densest kind: one fixed-Huffman block of a literal 0 and then nothing but
 * "copy 258 bytes from 1 back" (13 bits each), so every 13 input bytes inflate to 2064 zeros. Written bit
 * by bit here because no compressor produces a stream this size without first holding its output.
 */
export function deflateBomb(inputBytes: number): Uint8Array {
  const out = new Uint8Array(inputBytes + 8);
  let bit = 0;
  // DEFLATE packs fields from the least significant bit; Huffman codes go most significant bit first.
  const field = (value: number, n: number) => {
    for (let i = 0; i < n; i++, bit++) if ((value >> i) & 1) out[bit >> 3] |= 1 << (bit & 7);
  };
  const code = (value: number, n: number) => {
    for (let i = n - 1; i >= 0; i--, bit++) if ((value >> i) & 1) out[bit >> 3] |= 1 << (bit & 7);
  };
  field(1, 1); // BFINAL
  field(1, 2); // BTYPE = fixed Huffman
  code(0x30, 8); // literal 0
  while (bit + 13 + 7 < inputBytes * 8) {
    code(0b11000101, 8); // length code 285: 258 bytes
    code(0, 5); // distance code 0: 1 back
  }
  code(0, 7); // end of block
  return out.subarray(0, (bit + 7) >> 3);
}
