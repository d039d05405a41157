/** MSI message formats against the reference's worked values (interrupt-paths.md §0, §4). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeCompat, composeRemappable, decodeMsi, swizzleExtDestId } from '../../src/index';
import { fcParams } from '../helpers/fuzz';

describe('compatibility format', () => {
  it('0xFEE00000/0x0021: APIC 0, vector 0x21, fixed, edge, physical', () => {
    const m = decodeMsi(0xfee00000, 0x0021);
    expect(m).toMatchObject({ format: 'compatibility', destApicId: 0, vector: 0x21 });
    const f = Object.fromEntries(m.fields.map((x) => [x.name, x.value]));
    expect(f).toMatchObject({ delivery_mode: 0, is_level: 0, dest_mode_logical: 0, dmar_format: 0 });
  });
  it('0xFEE14000 → APIC 0x14; host 0xFEE06000/0x0024 → APIC 6 vector 0x24', () => {
    expect(decodeMsi(0xfee14000, 0).destApicId).toBe(0x14);
    expect(decodeMsi(0xfee06000, 0x24)).toMatchObject({ destApicId: 6, vector: 0x24 });
  });
  it('an address outside 0xFEE is not an MSI', () => {
    expect(decodeMsi(0x80000000, 0x21).format).toBe('not-msi');
  });
  it('without Intel IR a remappable-looking address is still read as compatibility', () => {
    expect(decodeMsi(0xfee00578, 0).format).toBe('compatibility');
  });
});

describe('Intel remappable format', () => {
  it.each([
    [0x05, 0xfee000b8],
    [0x2b, 0xfee00578],
    [0x30, 0xfee00618],
    [0x40, 0xfee00818],
    [0x52, 0xfee00a58],
    [0x61, 0xfee00c38],
  ])('handle 0x%s ↔ address 0x%s', (handle, address) => {
    expect(composeRemappable(handle).address).toBe(address);
    expect(decodeMsi(address, 0, 0, { remap: 'intel' })).toMatchObject({
      format: 'remappable',
      irteIndex: handle,
    });
  });
  it('SHV=1: data is the subhandle, so base 0x40 + data 4 selects IRTE 0x44', () => {
    expect(decodeMsi(0xfee00818, 0x4, 0, { remap: 'intel' }).irteIndex).toBe(0x44);
  });
  it('round-trips any 16-bit handle and subhandle', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0x7fff }), (handle, sub) => {
        const m = composeRemappable(handle, sub);
        const d = decodeMsi(m.address, m.data, 0, { remap: 'intel' });
        expect(d.irteIndex).toBe(handle + sub);
        expect(d.fields.find((f) => f.name === 'handle')!.value).toBe(handle);
      }),
      fcParams,
    );
  });
});

describe('AMD: data-indexed', () => {
  it('a guest 0xFEE00000/0x0021 is looked up at the device IRTE 0x21', () => {
    expect(decodeMsi(0xfee00000, 0x21, 0, { remap: 'amd' }).irteIndex).toBe(0x21);
  });
});

describe('extended destination id', () => {
  it('APIC 0x11F → 0xFEE1F020 → swizzled 0x00000100_FEE1F000', () => {
    const m = composeCompat({ destApicId: 0x11f, vector: 0x30, extDestId: true });
    expect(m).toEqual({ address: 0xfee1f020, data: 0x30 });
    expect(decodeMsi(m.address, m.data, 0, { extDestId: true }).destApicId).toBe(0x11f);
    expect(swizzleExtDestId(m.address, 0)).toEqual({ address: 0xfee1f000, addressHi: 0x100 });
  });
  it('compatibility messages round-trip for 15-bit APIC ids', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0x7fff }),
        fc.integer({ min: 0x10, max: 0xfe }),
        fc.boolean(),
        (apic, vector, level) => {
          const m = composeCompat({ destApicId: apic, vector, level, extDestId: true });
          expect(decodeMsi(m.address, m.data, 0, { extDestId: true })).toMatchObject({
            destApicId: apic,
            vector,
          });
        },
      ),
      fcParams,
    );
  });
});
