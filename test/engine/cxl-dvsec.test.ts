/**
 * The CXL DVSEC bodies in the register registry (src/pci/ecaps/cxl*.ts) against lspci 3.9.0: exact values on
 * pciutils' own CXL memory device, and for every CXL DVSEC in the committed goldens, the lines its meanings
 * make are exactly the lines lspci printed under it — no more, no fewer.
 */
import { describe, expect, it } from 'vitest';
import { decodeConfig, type DecodedCapability, type DecodedField } from '../../src/index';
import { goldenDump, goldenDumps } from '../helpers/lspci-golden';

const DVSEC = 0x23;
const dvsecs = (bytes: Uint8Array) => decodeConfig(bytes).extendedCapabilities.filter((c) => c.id === DVSEC);
const field = (cap: DecodedCapability, name: string) => cap.fields.find((f) => f.name === name);
const bitOf = (f: DecodedField | undefined, name: string) => f?.bits?.find((b) => b.name === name);
const isCxl = (cap: DecodedCapability) => ((field(cap, 'PCI_DVSEC_HEADER1')?.value ?? 0) & 0xffff) === 0x1e98;

describe('CXL DVSEC bodies', () => {
  const dump = goldenDump('pciutils-tests/cap-dvsec-cxl');
  const memdev = dump.devices.find((d) => d.device.address.endsWith('7f:00.0'))!;
  const caps = dvsecs(memdev.device.bytes);
  const byId = (id: number) => caps.find((c) => field(c, 'PCI_DVSEC_HEADER2')?.value === id)!;

  it('reads the CXL Device DVSEC: capabilities, cache size and the HDM ranges', () => {
    const dev = byId(0);
    const cap = field(dev, 'PCI_DVSEC_CXL_CAP');
    expect(bitOf(cap, 'PCI_DVSEC_CXL_MEM_CAPABLE')?.meaning).toBe('Mem+');
    expect(bitOf(cap, 'PCI_DVSEC_CXL_CACHE_CAPABLE')?.meaning).toBe('Cache-');
    expect(bitOf(cap, 'PCI_DVSEC_CXL_HDM_COUNT')?.meaning).toBe('HDMCount 1');
    expect(bitOf(cap, 'PCI_DVSEC_CXL_MEM_HWINIT_MODE')?.meaning).toBe('Mem HW Init+');
    expect(field(dev, 'PCI_DVSEC_CXL_CAP2')?.meaning).toBe('Cache Size Not Reported');
    expect(field(dev, 'PCI_DVSEC_CXL_RANGE_BASE_HIGH(0)')?.meaning).toBe(
      'Range1: 0000000000000000-00000003ffffffff',
    );
    // A size of 0 wraps past the top, as lspci prints it.
    expect(field(dev, 'PCI_DVSEC_CXL_RANGE_BASE_HIGH(1)')?.meaning).toBe(
      'Range2: 0000000000000000-ffffffffffffffff',
    );
    const size0 = field(dev, 'PCI_DVSEC_CXL_RANGE_SIZE_LOW(0)');
    expect(size0?.bits?.map((b) => b.meaning).filter(Boolean)).toEqual([
      'Valid+',
      'Active+',
      'Type=Volatile',
      'Class=DRAM',
      'interleave=0',
      'timeout=1s',
    ]);
    expect(field(dev, 'PCI_DVSEC_CXL_RANGE_SIZE_LOW(0)')?.offset).toBe(0x500 + 0x1c);
  });

  it('reads the Flex Bus, Register Locator and GPF DVSECs', () => {
    const fb = field(byId(7), 'PCI_DVSEC_CXL_FLEXBUS_PORT_CAP');
    expect(fb?.bits?.map((b) => b.meaning)).toEqual(['Cache-', 'IO+', 'Mem+', '68BFlit+', 'MltLogDev-']);
    // Revision 1 has no capability2 word; its DVSEC (Len=20) ends before it anyway.
    expect(field(byId(7), 'PCI_DVSEC_CXL_FLEXBUS_PORT_CAP2')).toBeUndefined();
    const loc = byId(8);
    expect(field(loc, 'PCI_DVSEC_CXL_REG_LOCATOR_BLOCK_LO(1)')?.meaning).toBe(
      'Block2: BIR: bar0, ID: CXL device registers, offset: 0000000000010000',
    );
    expect(
      bitOf(field(loc, 'PCI_DVSEC_CXL_REG_LOCATOR_BLOCK_LO(1)'), 'PCI_DVSEC_CXL_REG_LOCATOR_BLOCK_ID')?.value,
    ).toBe(3);
    expect(field(byId(5), 'PCI_DVSEC_CXL_DEVICE_GPF_PHASE_2_DURATION')?.meaning).toBe(
      'GPF Phase 2 Duration: 300us',
    );
    expect(field(byId(5), 'PCI_DVSEC_CXL_DEVICE_GPF_PHASE_2_POWER')?.meaning).toBe('GPF Phase 2 Power: 0mW');
  });

  it('gives a revision-0 CXL Device DVSEC its layout but no meanings (lspci decodes nothing of it)', () => {
    const rev0 = dump.devices
      .flatMap((d) => dvsecs(d.device.bytes))
      .find(
        (c) =>
          isCxl(c) &&
          field(c, 'PCI_DVSEC_HEADER2')?.value === 0 &&
          ((field(c, 'PCI_DVSEC_HEADER1')!.value >>> 16) & 0xf) === 0,
      )!;
    const cap = field(rev0, 'PCI_DVSEC_CXL_CAP');
    expect(cap?.bits?.length).toBeGreaterThan(0);
    expect(
      rev0.fields
        .filter((f) => f.name.startsWith('PCI_DVSEC_CXL_'))
        .every((f) => !f.meaning && f.bits?.every((b) => !b.meaning) !== false),
    ).toBe(true);
  });

  it('shows only the header of a DVSEC from another vendor', () => {
    const other = goldenDumps()
      .flatMap((d) => d.devices)
      .flatMap((d) => dvsecs(d.device.bytes))
      .filter((c) => !isCxl(c));
    expect(other.length).toBeGreaterThan(0);
    for (const c of other)
      expect(c.fields.map((f) => f.name)).toEqual([
        'PCI_EXT_CAP_HEADER',
        'PCI_DVSEC_HEADER1',
        'PCI_DVSEC_HEADER2',
      ]);
  });
});

/** lspci's label for the registers whose bits it prints on one line (a range's flags have none). */
const LINE_LABELS: Record<string, string> = {
  PCI_DVSEC_CXL_CAP: 'CXLCap:',
  PCI_DVSEC_CXL_CTRL: 'CXLCtl:',
  PCI_DVSEC_CXL_STATUS: 'CXLSta:',
  PCI_DVSEC_CXL_STATUS2: 'CXLSta2:',
  'PCI_DVSEC_CXL_RANGE_SIZE_LOW()': '',
  PCI_DVSEC_CXL_PORT_STATUS: 'CXLPortSta:',
  PCI_DVSEC_CXL_PORT_CTL: 'CXLPortCtl:',
  PCI_DVSEC_CXL_FLEXBUS_PORT_CAP: 'FBCap:',
  PCI_DVSEC_CXL_FLEXBUS_PORT_CTRL: 'FBCtl:',
  PCI_DVSEC_CXL_FLEXBUS_PORT_STATUS: 'FBSta:',
  PCI_DVSEC_CXL_FLEXBUS_PORT_RCVD_MOD_TS_DATA: 'FBModTS:',
  PCI_DVSEC_CXL_FLEXBUS_PORT_CAP2: 'FBCap2:',
  PCI_DVSEC_CXL_FLEXBUS_PORT_CTRL2: 'FBCtl2:',
  PCI_DVSEC_CXL_FLEXBUS_PORT_STATUS2: 'FBSta2:',
};

/** The lines a CXL DVSEC's meanings make, whitespace folded as in `lines()`. */
function meaningLines(cap: DecodedCapability): string[] {
  const out: string[] = [];
  for (const f of cap.fields.filter((x) => x.name.startsWith('PCI_DVSEC_CXL_'))) {
    const said = (f.bits ?? []).map((b) => b.meaning).filter((m): m is string => !!m);
    if (f.meaning) {
      // A bit that says more than its register's line (a reserved GPF time scale) is a line before it.
      out.push(...said.filter((m) => !f.meaning!.includes(m)), f.meaning);
    } else if (said.length)
      out.push([LINE_LABELS[f.name.replace(/\(\d+\)/, '()')], ...said].join(' ').trim());
  }
  return out;
}

/** lspci's lines under the capability at `offset` (its title line left out), whitespace folded. */
function lines(vvv: string, offset: number): string[] {
  const all = vvv.split('\n');
  const i = all.findIndex((l) => l.startsWith(`\tCapabilities: [${offset.toString(16).padStart(3, '0')} v`));
  const out: string[] = [];
  for (const l of all.slice(i + 1)) {
    if (!l.startsWith('\t\t')) break;
    out.push(l.replace(/\s+/g, ' ').trim());
  }
  return out;
}

// lspci 3.9.0 reads CXLPortSta's PMComplete from bits 1 and 3 (the register offset used as a mask); the
// registry reads bit 0. Those lines are compared without that word.
const withoutPortPm = (l: string) => (l.startsWith('CXLPortSta:') ? 'CXLPortSta:' : l);

describe('every CXL DVSEC line lspci prints is a meaning, and every meaning a line', () => {
  const cases = goldenDumps().flatMap((d) =>
    d.devices.flatMap(({ device, vvv }) =>
      dvsecs(device.bytes)
        .filter(isCxl)
        .map((cap) => [`${d.name} ${device.address} @${cap.offset.toString(16)}`, cap, vvv] as const),
    ),
  );
  it('the goldens hold CXL DVSECs of every ID lspci decodes', () => {
    const ids = new Set(cases.map(([, cap]) => field(cap, 'PCI_DVSEC_HEADER2')?.value));
    for (const id of [0, 2, 3, 4, 5, 7, 8, 9]) expect(ids.has(id), `ID ${id}`).toBe(true);
  });
  it.each(cases)('%s', (_name, cap, vvv) => {
    // lspci's notes on what it does not decode are no field's meaning.
    const printed = lines(vvv, cap.offset).filter((l) => !/^(Unknown ID|Revision \d+ not supported)/.test(l));
    expect(meaningLines(cap).map(withoutPortPm).sort()).toEqual(printed.map(withoutPortPm).sort());
  });
});

describe('a CXL DVSEC lspci cannot fetch whole', () => {
  it('is laid out without meanings when its length runs past the dump (cap_dvsec_cxl fetches it all first)', () => {
    const bytes = new Uint8Array(4096);
    bytes.set([0x86, 0x80, 0x01, 0x10, 0x00, 0x00, 0x10, 0x00], 0); // status: capability list
    bytes[0x34] = 0x40;
    bytes.set([0x10, 0x00, 0x02, 0x00], 0x40); // a PCIe v2 endpoint: extended capabilities follow
    const put32 = (at: number, v: number) => new DataView(bytes.buffer).setUint32(at, v >>> 0, true);
    put32(0x100, 0x23 | (1 << 16) | (0xfc0 << 20)); // DVSEC v1 at 0x100, next at 0xfc0
    put32(0x104, 0x1e98 | (1 << 16) | (0x38 << 20));
    put32(0xfc0, 0x23 | (1 << 16));
    put32(0xfc4, 0x1e98 | (1 << 16) | (0x48 << 20)); // 0xfc0 + 0x48 is past 4096
    put32(0x10c, 0x0007);
    put32(0xfcc, 0x0007);
    const [whole, cut] = dvsecs(bytes);
    expect(bitOf(field(whole, 'PCI_DVSEC_CXL_CTRL'), 'PCI_DVSEC_CXL_CACHE_ENABLE')?.meaning).toBe('Cache+');
    const ctrl = field(cut, 'PCI_DVSEC_CXL_CTRL');
    expect(ctrl?.value).toBe(0x0007);
    expect(ctrl?.bits?.every((b) => b.meaning === undefined)).toBe(true);
  });
});
