/** setpci-style addresses: parse, print back, resolve on a real device. */
import { describe, expect, it } from 'vitest';
import {
  decodeConfig,
  formatSetpciAddress,
  parseSetpciAddress,
  resolveSetpciAddress,
  setpciCapName,
} from '../../src/index';
import { fixtureBytes } from '../helpers/fixtures';

const igb = decodeConfig(fixtureBytes('8086-10c9-82576-igb-sriov'));

describe('resolving', () => {
  it.each([
    ['0x54.L', 0x54, 4],
    ['54.l', 0x54, 4],
    ['CAP_MSI+4.L', 0x54, 4],
    ['cap_msi+4', 0x54, 4],
    ['CAP_MSI+0c.W', 0x5c, 2],
    ['ECAP_AER+8.W', 0x108, 2],
    ['ECAP_ERR+8.W', 0x108, 2],
    ['COMMAND', 0x04, 2],
    ['COMMAND.B', 0x04, 1],
    ['PCI_MSI_ADDRESS_LO', 0x54, 4],
    ['PCI_MSI_DATA_64', 0x5c, 2],
    ['CAP_EXP+8', 0xa8, 2],
    ['ECAP_SRIOV+10.w', 0x170, 2],
  ])('%s → 0x%s/%i', (expr, offset, size) => {
    const r = resolveSetpciAddress(expr, igb);
    expect([r.offset, r.size]).toEqual([offset, size]);
  });
  it('names the register found there', () => {
    expect(resolveSetpciAddress('CAP_MSI+4.L', igb).field?.name).toBe('PCI_MSI_ADDRESS_LO');
  });
});

describe('printing back', () => {
  it.each([
    ['CAP_MSI+4.L', 'CAP_MSI+4.L'],
    ['cap_msi+0x4.l', 'CAP_MSI+4.L'],
    ['ECAP_ERR+8.W', 'ECAP_AER+8.W'],
    ['0X54.L', '0x54.L'],
    ['54.L', '0x54.L'],
    ['COMMAND.W', 'COMMAND.W'],
    ['CAP_SHPC', 'CAP_HOTPLUG'],
  ])('%s → %s', (input, out) => {
    expect(formatSetpciAddress(parseSetpciAddress(input))).toBe(out);
    expect(formatSetpciAddress(parseSetpciAddress(out))).toBe(out);
  });
});

describe('errors', () => {
  it.each([
    ['', /expected an address/],
    ['CAP_MSI+', /expected an address/],
    ['0x54.Q', /expected an address/],
    ['FOO_BAR', /unknown register or capability/],
    ['0x1000.B', /beyond 4096/],
  ])('"%s"', (expr, msg) => expect(() => parseSetpciAddress(expr)).toThrow(msg));
  it('a capability the device lacks, a missing width, a register past the end', () => {
    expect(() => resolveSetpciAddress('ECAP_PASID+4.W', igb)).toThrow(/no ECAP_PASID capability/);
    expect(() => resolveSetpciAddress('0x55', igb)).toThrow(/add a width/);
    expect(() => resolveSetpciAddress('0xffe.L', igb)).toThrow(/beyond 4096/);
    expect(() => resolveSetpciAddress('PCI_NO_SUCH_REG', igb)).toThrow(/no register PCI_NO_SUCH_REG/);
  });
});

describe('setpciCapName', () => {
  it("gives setpci's short name, aliases included, and null without a macro", () => {
    expect(setpciCapName({ macro: 'PCI_CAP_ID_PM', extended: false })).toBe('CAP_PM');
    expect(setpciCapName({ macro: 'PCI_EXT_CAP_ID_ERR', extended: true })).toBe('ECAP_AER');
    expect(setpciCapName({ macro: 'PCI_EXT_CAP_ID_L1SS', extended: true })).toBe('ECAP_L1PM');
    expect(setpciCapName({ macro: null, extended: false })).toBeNull();
    expect(setpciCapName({ macro: 'PCI_CAP_ID_MSI', extended: true })).toBeNull();
  });
});
