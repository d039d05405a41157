/** decodeConfig agrees with what lspci 3.9.0 printed for every real dump in test/fixtures/lspci. */
import { describe, expect, it } from 'vitest';
import { decodeConfig, type DecodedCapability } from '../../src/index';
import { fixtureBytes, fixtureNames, oracleText } from '../helpers/fixtures';
import { flag, readOracle } from '../helpers/lspci-oracle';

/** Capability IDs by the name lspci prints (PCI Code and ID Assignment Specification). */
const STD_IDS: Record<string, number> = {
  'Power Management': 0x01,
  'Vital Product Data': 0x03,
  MSI: 0x05,
  'Vendor Specific Information': 0x09,
  Subsystem: 0x0d,
  Express: 0x10,
  'MSI-X': 0x11,
  'SATA HBA': 0x12,
};
const EXT_IDS: Record<string, number> = {
  'Advanced Error Reporting': 0x01,
  'Virtual Channel': 0x02,
  'Device Serial Number': 0x03,
  'Root Complex Link': 0x05,
  'Vendor Specific Information': 0x0b,
  'Access Control Services': 0x0d,
  'Alternative Routing-ID Interpretation (ARI)': 0x0e,
  'Address Translation Service (ATS)': 0x0f,
  'Single Root I/O Virtualization (SR-IOV)': 0x10,
  'Page Request Interface (PRI)': 0x13,
  'Physical Resizable BAR': 0x15,
  'Latency Tolerance Reporting': 0x18,
  'Secondary PCI Express': 0x19,
  'Process Address Space ID (PASID)': 0x1b,
  'L1 PM Substates': 0x1e,
};

const field = (cap: DecodedCapability, name: string) => {
  const f = cap.fields.find((x) => x.name === name);
  if (!f) throw new Error(`${cap.name}@${cap.offset.toString(16)} has no field ${name}`);
  return f;
};
const bits = (cap: DecodedCapability, reg: string, name: string) => {
  const b = field(cap, reg).bits?.find((x) => x.name === name);
  if (!b) throw new Error(`${reg} has no bit field ${name}`);
  return b.value;
};

/** The lspci name is our name followed by nothing, a space or a colon. */
function lspciNameMatches(lspciText: string, name: string): boolean {
  return lspciText === name || lspciText.startsWith(`${name} `) || lspciText.startsWith(`${name}:`);
}

describe.each(fixtureNames())('%s', (name) => {
  const decoded = decodeConfig(fixtureBytes(name));
  const oracle = readOracle(oracleText(name));
  const ours = [...decoded.capabilities, ...decoded.extendedCapabilities];

  it('finds the same capabilities at the same offsets, with the same names and IDs', () => {
    expect(ours.map((c) => c.offset)).toEqual(oracle.caps.map((c) => c.offset));
    oracle.caps.forEach((o, i) => {
      const c = ours[i];
      expect(lspciNameMatches(o.text, c.name), `${o.text} vs ${c.name}`).toBe(true);
      const table = o.extended ? EXT_IDS : STD_IDS;
      const idName = Object.keys(table).find((n) => lspciNameMatches(o.text, n));
      expect(idName, `no ID known for "${o.text}"`).toBeDefined();
      expect(c.id).toBe(table[idName!]);
      if (o.extended) expect(c.version).toBe(o.version);
    });
  });

  it('reports "<access denied>" dumps as a capability pointer past the data', () => {
    if (!oracle.accessDenied) return;
    expect(ours).toHaveLength(0);
    expect(decoded.warnings.join('\n')).toMatch(/beyond the 64 bytes/);
  });

  it('agrees on the key fields of MSI, MSI-X, PCIe and PM', () => {
    for (const o of oracle.caps) {
      const c = ours.find((x) => x.offset === o.offset)!;
      if (!o.extended && o.text.startsWith('MSI:')) {
        const m = /Count=(\d+)\/(\d+)/.exec(o.text)!;
        expect(bits(c, 'PCI_MSI_FLAGS', 'PCI_MSI_FLAGS_ENABLE') === 1).toBe(flag(o.text, 'Enable'));
        expect(1 << bits(c, 'PCI_MSI_FLAGS', 'PCI_MSI_FLAGS_QSIZE')).toBe(Number(m[1]));
        expect(1 << bits(c, 'PCI_MSI_FLAGS', 'PCI_MSI_FLAGS_QMASK')).toBe(Number(m[2]));
        expect(bits(c, 'PCI_MSI_FLAGS', 'PCI_MSI_FLAGS_MASKBIT') === 1).toBe(flag(o.text, 'Maskable'));
        const is64 = flag(o.text, '64bit')!;
        expect(bits(c, 'PCI_MSI_FLAGS', 'PCI_MSI_FLAGS_64BIT') === 1).toBe(is64);
        const am = /Address: ([0-9a-f]+)\s+Data: ([0-9a-f]+)/.exec(o.body.join(' '))!;
        const hi = is64 ? field(c, 'PCI_MSI_ADDRESS_HI').value : 0;
        const addr = (BigInt(hi) << 32n) | BigInt(field(c, 'PCI_MSI_ADDRESS_LO').value);
        expect(addr).toBe(BigInt(`0x${am[1]}`));
        expect(field(c, is64 ? 'PCI_MSI_DATA_64' : 'PCI_MSI_DATA_32').value).toBe(parseInt(am[2], 16));
        const mk = /Masking: ([0-9a-f]+)\s+Pending: ([0-9a-f]+)/.exec(o.body.join(' '));
        if (mk) {
          expect(field(c, is64 ? 'PCI_MSI_MASK_64' : 'PCI_MSI_MASK_32').value).toBe(parseInt(mk[1], 16));
          expect(field(c, is64 ? 'PCI_MSI_PENDING_64' : 'PCI_MSI_PENDING_32').value).toBe(
            parseInt(mk[2], 16),
          );
        }
      }
      if (!o.extended && o.text.startsWith('MSI-X:')) {
        expect(bits(c, 'PCI_MSIX_FLAGS', 'PCI_MSIX_FLAGS_ENABLE') === 1).toBe(flag(o.text, 'Enable'));
        expect(bits(c, 'PCI_MSIX_FLAGS', 'PCI_MSIX_FLAGS_MASKALL') === 1).toBe(flag(o.text, 'Masked'));
        expect(bits(c, 'PCI_MSIX_FLAGS', 'PCI_MSIX_FLAGS_QSIZE') + 1).toBe(
          Number(/Count=(\d+)/.exec(o.text)![1]),
        );
        const t = /Vector table: BAR=(\d) offset=([0-9a-f]+)/.exec(o.body.join(' '))!;
        const p = /PBA: BAR=(\d) offset=([0-9a-f]+)/.exec(o.body.join(' '))!;
        expect(bits(c, 'PCI_MSIX_TABLE', 'PCI_MSIX_TABLE_BIR')).toBe(Number(t[1]));
        expect(bits(c, 'PCI_MSIX_TABLE', 'PCI_MSIX_TABLE_OFFSET') * 8).toBe(parseInt(t[2], 16));
        expect(bits(c, 'PCI_MSIX_PBA', 'PCI_MSIX_PBA_BIR')).toBe(Number(p[1]));
        expect(bits(c, 'PCI_MSIX_PBA', 'PCI_MSIX_PBA_OFFSET') * 8).toBe(parseInt(p[2], 16));
      }
      if (!o.extended && o.text.startsWith('Express')) {
        const m = /^Express \(v(\d)\) (.+?)(?:, MSI| \(Slot)/.exec(o.text)!;
        expect(bits(c, 'PCI_EXP_FLAGS', 'PCI_EXP_FLAGS_VERS')).toBe(Number(m[1]));
        const types: Record<string, number> = {
          Endpoint: 0,
          'Legacy Endpoint': 1,
          'Root Port': 4,
          'Root Complex Integrated Endpoint': 9,
        };
        expect(bits(c, 'PCI_EXP_FLAGS', 'PCI_EXP_FLAGS_TYPE')).toBe(types[m[2]]);
      }
      if (!o.extended && o.text.startsWith('Power Management')) {
        expect(bits(c, 'PCI_PM_PMC', 'PCI_PM_CAP_VER_MASK')).toBe(Number(/version (\d)/.exec(o.text)![1]));
        const st = /Status: D(\d)/.exec(o.body.join(' '))!;
        expect(bits(c, 'PCI_PM_CTRL', 'PCI_PM_CTRL_STATE_MASK')).toBe(Number(st[1]));
        expect(bits(c, 'PCI_PM_CTRL', 'PCI_PM_CTRL_NO_SOFT_RESET') === 1).toBe(
          flag(o.body.join(' '), 'NoSoftRst'),
        );
      }
    }
  });
});

it('covers every fixture the provenance file lists as present', () => {
  expect(fixtureNames().length).toBeGreaterThanOrEqual(12);
});
