import { describe, expect, it } from 'vitest';
import { readLE } from '../../src/util/bytes';

describe('readLE', () => {
  const bytes = Uint8Array.of(0x78, 0x56, 0x34, 0x12, 0xff, 0xff, 0xff, 0xff);
  it('reads 1, 2, 3 and 4 bytes little-endian, unsigned', () => {
    expect(readLE(bytes, 0, 1)).toBe(0x78);
    expect(readLE(bytes, 0, 2)).toBe(0x5678);
    expect(readLE(bytes, 0, 3)).toBe(0x345678);
    expect(readLE(bytes, 0, 4)).toBe(0x12345678);
    expect(readLE(bytes, 4, 4)).toBe(0xffffffff);
    expect(readLE(bytes, 3, 2)).toBe(0xff12);
  });
  it('bytes past the end read as 0 at every width', () => {
    expect(readLE(bytes, 6, 4)).toBe(0xffff);
    expect(readLE(bytes, 7, 2)).toBe(0xff);
    expect(readLE(bytes, 8, 1)).toBe(0);
    expect(readLE(bytes, 7, 3)).toBe(0xff);
  });
});
