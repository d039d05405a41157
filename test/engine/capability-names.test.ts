/** Narrow labels (the bitmap's capability bands) fall back on a shorter name in words before setpci's. */
import { describe, expect, it } from 'vitest';
import { capabilityShortName, setpciCapName, STANDARD_CAPS, EXTENDED_CAPS } from '../../src/index';

describe('capabilityShortName', () => {
  it('vendor-specific capabilities read "Vendor Specific", not VNDR', () => {
    expect(capabilityShortName({ id: 0x09, extended: false })).toBe('Vendor Specific');
    expect(capabilityShortName({ id: 0x0b, extended: true })).toBe('Vendor Specific');
    // The full name stays lspci's, and setpci's name stays its own.
    expect(STANDARD_CAPS.get(0x09)!.name).toBe('Vendor Specific Information');
    expect(EXTENDED_CAPS.get(0x0b)!.name).toBe('Vendor Specific Information');
    expect(setpciCapName({ macro: 'PCI_CAP_ID_VNDR', extended: false })).toBe('CAP_VNDR');
  });
  it('a capability whose name is short enough has none', () => {
    expect(capabilityShortName({ id: 0x05, extended: false })).toBeUndefined();
    expect(capabilityShortName({ id: 0x0d, extended: true })).toBeUndefined();
    expect(capabilityShortName({ id: 0x7f, extended: false })).toBeUndefined();
  });
});
