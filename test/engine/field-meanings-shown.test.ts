/**
 * Meanings lspci (pciutils 3.9.0 cap_express_*, cap_pm) prints only on some devices: each is the exact phrase
 * where lspci prints the field and undefined where it prints nothing — by PCIe port type, slot bit, supported
 * ASPM states, FLR capability, device/function number, LNKCAP2's DRS bit and a non-zero PM bridge byte.
 */
import { describe, expect, it } from 'vitest';
import { decodeConfig, type DecodedField } from '../../src/index';

const EXP_AT = 0x40;
const PM_AT = 0x80;

interface Regs {
  /** PCI_EXP_FLAGS: version 2 plus the port type and slot bit given. */
  type: number;
  slot?: boolean;
  devcap?: number;
  devctl?: number;
  lnkcap?: number;
  sltctl?: number;
  lnkcap2?: number;
  lnksta2?: number;
  /** PCI_PM_PPB_EXTENSIONS. */
  bridgeExt?: number;
}

/** A 256-byte function: PCIe capability at 0x40 (version 2), power management at 0x80. */
function device(r: Regs): Uint8Array {
  const b = new Uint8Array(256);
  const put = (off: number, size: number, v: number) => {
    for (let i = 0; i < size; i++) b[off + i] = (v >>> (8 * i)) & 0xff;
  };
  put(0x00, 4, 0x12348086);
  put(0x06, 2, 0x0010); // PCI_STATUS_CAP_LIST
  b[0x0e] = [4, 5, 6, 8].includes(r.type) ? 1 : 0;
  b[0x34] = EXP_AT;
  put(EXP_AT, 2, 0x10 | (PM_AT << 8));
  put(EXP_AT + 0x02, 2, 2 | (r.type << 4) | (r.slot ? 0x100 : 0));
  put(EXP_AT + 0x04, 4, r.devcap ?? 0);
  put(EXP_AT + 0x08, 2, r.devctl ?? 0);
  put(EXP_AT + 0x0c, 4, r.lnkcap ?? 0);
  put(EXP_AT + 0x18, 2, r.sltctl ?? 0);
  put(EXP_AT + 0x2c, 4, r.lnkcap2 ?? 0);
  put(EXP_AT + 0x32, 2, r.lnksta2 ?? 0);
  put(PM_AT, 2, 0x01);
  put(PM_AT + 0x02, 2, 0x0003);
  b[PM_AT + 0x06] = r.bridgeExt ?? 0;
  return b;
}

const ENDPOINT = 0;
const ROOT_PORT = 4;
const UPSTREAM = 5;
const DOWNSTREAM = 6;
const PCI_BRIDGE = 7;
const ROOT_INT_EP = 9;

function fieldsOf(r: Regs, slot = { dev: 0, fn: 0 }): DecodedField[] {
  const d = decodeConfig(device(r), { slot });
  return d.capabilities.flatMap((c) => c.fields);
}
const bitOf = (fields: DecodedField[], reg: string, bit: string) =>
  fields.find((f) => f.name === reg)?.bits?.find((b) => b.name === bit);
const meaning = (r: Regs, reg: string, bit: string, slot?: { dev: number; fn: number }) =>
  bitOf(fieldsOf(r, slot), reg, bit)?.meaning;

describe('meanings lspci prints only on some devices', () => {
  it('PCI_EXP_FLAGS_SLOT: "(Slot±)" on root and downstream ports only', () => {
    expect(meaning({ type: ROOT_PORT, slot: true }, 'PCI_EXP_FLAGS', 'PCI_EXP_FLAGS_SLOT')).toBe('Slot+');
    expect(meaning({ type: DOWNSTREAM }, 'PCI_EXP_FLAGS', 'PCI_EXP_FLAGS_SLOT')).toBe('Slot-');
    expect(meaning({ type: ENDPOINT }, 'PCI_EXP_FLAGS', 'PCI_EXP_FLAGS_SLOT')).toBeUndefined();
    expect(meaning({ type: UPSTREAM }, 'PCI_EXP_FLAGS', 'PCI_EXP_FLAGS_SLOT')).toBeUndefined();
  });

  it('DEVCAP: endpoint latencies, indicator bits, FLR and the captured power limit by port type', () => {
    const devcap = (7 << 6) | (3 << 9) | 0x7000 | 0x10000000 | (25 << 18);
    const at = (type: number, bit: string) => meaning({ type, devcap }, 'PCI_EXP_DEVCAP', bit);
    expect(at(ENDPOINT, 'PCI_EXP_DEVCAP_L0S')).toBe('Latency L0s unlimited');
    expect(at(ENDPOINT, 'PCI_EXP_DEVCAP_L1')).toBe('L1 <8us');
    expect(at(ROOT_PORT, 'PCI_EXP_DEVCAP_L0S')).toBeUndefined();
    expect(at(UPSTREAM, 'PCI_EXP_DEVCAP_L1')).toBeUndefined();
    expect(at(UPSTREAM, 'PCI_EXP_DEVCAP_ATN_BUT')).toBe('AttnBtn+');
    expect(at(PCI_BRIDGE, 'PCI_EXP_DEVCAP_PWR_IND')).toBe('PwrInd+');
    expect(at(DOWNSTREAM, 'PCI_EXP_DEVCAP_ATN_IND')).toBeUndefined();
    expect(at(ROOT_INT_EP, 'PCI_EXP_DEVCAP_FLR')).toBe('FLReset+');
    expect(at(UPSTREAM, 'PCI_EXP_DEVCAP_FLR')).toBeUndefined();
    expect(at(ENDPOINT, 'PCI_EXP_DEVCAP_PWR_VAL')).toBe('SlotPowerLimit 25W');
    expect(at(ROOT_PORT, 'PCI_EXP_DEVCAP_PWR_VAL')).toBeUndefined();
  });

  it('DEVCTL bit 15: BrConfRtry on a PCIe-to-PCI bridge, FLReset on an FLR-capable endpoint, else nothing', () => {
    const bcr = (type: number, devcap: number) => {
      const b = bitOf(fieldsOf({ type, devcap, devctl: 0x8000 }), 'PCI_EXP_DEVCTL', 'PCI_EXP_DEVCTL_BCR_FLR');
      return [b?.meaning, b?.word];
    };
    expect(bcr(PCI_BRIDGE, 0)).toEqual(['BrConfRtry+', 'BrConfRtry']);
    expect(bcr(ENDPOINT, 0x10000000)).toEqual(['FLReset+', 'FLReset']);
    expect(bcr(ENDPOINT, 0)).toEqual([undefined, undefined]);
    expect(bcr(ROOT_PORT, 0x10000000)).toEqual([undefined, undefined]);
  });

  it('LNKCAP exit latencies only for the ASPM states supported; link registers not on integrated endpoints', () => {
    const lat = (aspm: number, bit: string, type = ENDPOINT) =>
      meaning({ type, lnkcap: (aspm << 10) | (2 << 12) | (5 << 15) }, 'PCI_EXP_LNKCAP', bit);
    expect(lat(3, 'PCI_EXP_LNKCAP_L0SEL')).toBe('Exit Latency L0s <256ns');
    expect(lat(3, 'PCI_EXP_LNKCAP_L1EL')).toBe('L1 <32us');
    expect(lat(2, 'PCI_EXP_LNKCAP_L0SEL')).toBeUndefined();
    expect(lat(1, 'PCI_EXP_LNKCAP_L1EL')).toBeUndefined();
    expect(lat(3, 'PCI_EXP_LNKCAP_L1EL', ROOT_INT_EP)).toBeUndefined();
    expect(meaning({ type: ENDPOINT }, 'PCI_EXP_LNKCTL', 'PCI_EXP_LNKCTL_ASPMC')).toBe('ASPM Disabled');
    expect(meaning({ type: ROOT_INT_EP }, 'PCI_EXP_LNKCTL', 'PCI_EXP_LNKCTL_LD')).toBeUndefined();
    expect(meaning({ type: UPSTREAM }, 'PCI_EXP_LNKCTL', 'PCI_EXP_LNKCTL_RCB')).toBeUndefined();
    expect(meaning({ type: ROOT_PORT }, 'PCI_EXP_LNKCTL', 'PCI_EXP_LNKCTL_RCB')).toBe('RCB 64 bytes');
  });

  it('slot registers only behind a slot; SLTCTL_PCC is lspci\'s "Power+" for the bit set (slot off)', () => {
    const sltctl = 0x0400 | (1 << 6) | (3 << 8);
    const slot = (r: Regs, bit: string) => meaning(r, 'PCI_EXP_SLTCTL', bit);
    expect(slot({ type: DOWNSTREAM, slot: true, sltctl }, 'PCI_EXP_SLTCTL_PCC')).toBe('Power+');
    expect(slot({ type: DOWNSTREAM, slot: true, sltctl }, 'PCI_EXP_SLTCTL_AIC')).toBe('AttnInd On');
    expect(slot({ type: DOWNSTREAM, slot: true, sltctl }, 'PCI_EXP_SLTCTL_PIC')).toBe('PwrInd Off');
    expect(slot({ type: DOWNSTREAM, slot: true }, 'PCI_EXP_SLTCTL_PCC')).toBe('Power-');
    expect(slot({ type: DOWNSTREAM, slot: false, sltctl }, 'PCI_EXP_SLTCTL_PCC')).toBeUndefined();
    expect(slot({ type: ENDPOINT, slot: true, sltctl }, 'PCI_EXP_SLTCTL_AIC')).toBeUndefined();
  });

  it("LNKCAP2 when non-zero and not on an endpoint's non-zero function; DRS only on DRS-capable downstream ports", () => {
    const lnkcap2 = 0x80000100 | 0x00800000;
    const crosslink = (type: number, fn: number, value = lnkcap2) =>
      meaning({ type, lnkcap2: value }, 'PCI_EXP_LNKCAP2', 'PCI_EXP_LNKCAP2_CROSSLINK', { dev: 0, fn });
    expect(crosslink(ENDPOINT, 0)).toBe('Crosslink+');
    expect(crosslink(ENDPOINT, 1)).toBeUndefined();
    expect(crosslink(ROOT_PORT, 1)).toBe('Crosslink+');
    expect(crosslink(ROOT_PORT, 0, 0)).toBeUndefined();
    const drs = (type: number, cap: number) =>
      meaning({ type, lnkcap2: cap, lnksta2: 0x8000 }, 'PCI_EXP_LNKSTA2', 'PCI_EXP_LNKSTA2_DRS_RCVD');
    expect(drs(DOWNSTREAM, lnkcap2)).toBe('DRS+');
    expect(drs(DOWNSTREAM, 0x100)).toBeUndefined();
    expect(drs(ENDPOINT, lnkcap2)).toBeUndefined();
  });

  it('AtomicOp completer sizes on a root port or a function with a memory BAR (device_has_memory_space_bar)', () => {
    const comp32 = (type: number, bar0: number) => {
      const b = device({ type });
      new DataView(b.buffer).setUint32(EXP_AT + 0x24, 0x80, true);
      new DataView(b.buffer).setUint32(0x10, bar0, true);
      return bitOf(
        decodeConfig(b).capabilities.flatMap((c) => c.fields),
        'PCI_EXP_DEVCAP2',
        'PCI_EXP_DEVCAP2_ATOMIC_COMP32',
      )?.meaning;
    };
    expect(comp32(ENDPOINT, 0xfe000000)).toBe('32bit+');
    expect(comp32(ENDPOINT, 0xe001)).toBeUndefined();
    expect(comp32(ENDPOINT, 0)).toBeUndefined();
    expect(comp32(ROOT_PORT, 0)).toBe('32bit+');
  });

  it('PM bridge extension: "Bridge: PM± B3±" only when the byte is not zero', () => {
    expect(meaning({ type: ENDPOINT, bridgeExt: 0x80 }, 'PCI_PM_PPB_EXTENSIONS', 'PCI_PM_BPCC_ENABLE')).toBe(
      'PM+',
    );
    expect(meaning({ type: ENDPOINT, bridgeExt: 0x80 }, 'PCI_PM_PPB_EXTENSIONS', 'PCI_PM_PPB_B2_B3')).toBe(
      'B3+',
    );
    expect(meaning({ type: ENDPOINT, bridgeExt: 0x40 }, 'PCI_PM_PPB_EXTENSIONS', 'PCI_PM_BPCC_ENABLE')).toBe(
      'PM-',
    );
    expect(meaning({ type: ENDPOINT }, 'PCI_PM_PPB_EXTENSIONS', 'PCI_PM_BPCC_ENABLE')).toBeUndefined();
  });
});

/** A PCIe endpoint of 4096 bytes with one extended capability at 0x100 holding `dwords` after its header. */
function withExtended(id: number, dwords: number[]): DecodedField[] {
  const b = new Uint8Array(4096);
  b.set(device({ type: ENDPOINT }));
  const words = [id | (1 << 16), ...dwords];
  words.forEach((w, i) => new DataView(b.buffer).setUint32(0x100 + 4 * i, w >>> 0, true));
  return decodeConfig(b).extendedCapabilities.flatMap((c) => c.fields);
}
const regMeaning = (fields: DecodedField[], reg: string) => fields.find((f) => f.name === reg)?.meaning;

describe('composite lines read word for word as lspci prints them', () => {
  it('SSVID: both registers read as the "Subsystem: vvvv:dddd" pair of lspci -n', () => {
    const b = device({ type: PCI_BRIDGE });
    b[PM_AT + 1] = 0xc0;
    b.set([0x0d, 0x00, 0x00, 0x00, 0x86, 0x80, 0x10, 0x50], 0xc0);
    const fields = decodeConfig(b).capabilities.flatMap((c) => c.fields);
    expect(regMeaning(fields, 'PCI_SSVID_VENDOR_ID')).toBe('Subsystem: 8086:5010');
    expect(regMeaning(fields, 'PCI_SSVID_DEVICE_ID')).toBe('Subsystem: 8086:5010');
  });

  it('AER: "HeaderLog: w0 w1 w2 w3" — the first dword labelled, the others as their word', () => {
    const aer = withExtended(0x01, [0, 0, 0, 0, 0, 0, 0x40000001, 0xf, 0xfec30000, 0]);
    expect(regMeaning(aer, 'PCI_ERR_HEADER_LOG')).toBe('HeaderLog: 40000001');
    expect(regMeaning(aer, 'PCI_ERR_HEADER_LOG1')).toBe('0000000f');
    expect(regMeaning(aer, 'PCI_ERR_HEADER_LOG2')).toBe('fec30000');
    expect(regMeaning(aer, 'PCI_ERR_HEADER_LOG3')).toBe('00000000');
  });

  it("LTR: value × 32^scale ns, with lspci's wrapped 32-bit shift for the reserved scales 6 and 7", () => {
    const ltr = withExtended(0x18, [(3 << 10) | 96 | (((7 << 10) | 843) << 16)]);
    expect(regMeaning(ltr, 'PCI_LTR_MAX_SNOOP_LAT')).toBe('Max snoop latency: 3145728ns');
    expect(regMeaning(ltr, 'PCI_LTR_MAX_NOSNOOP_LAT')).toBe('Max no snoop latency: 6744ns');
    const six = withExtended(0x18, [(6 << 10) | 1]);
    expect(regMeaning(six, 'PCI_LTR_MAX_SNOOP_LAT')).toBe('Max snoop latency: 1073741824ns');
  });

  it('ReBAR: one "supported:" list over both size fields, unknown codes, nothing past a bad BAR count', () => {
    const bits = (f: DecodedField[], reg: string, bit: string) =>
      f.find((x) => x.name === reg)?.bits?.find((b) => b.name === bit)?.meaning;
    // Entry 0 of 2: sizes 1MB and 2MB, current code 47, extended sizes 256TB and 512TB (codes 28, 29).
    const two = withExtended(0x15, [0x30, (3 << 16) | (47 << 8) | (2 << 5), 0, (2 << 8) | 1]);
    expect(bits(two, 'PCI_REBAR_CAP(0)', 'PCI_REBAR_CAP_SIZES')).toBe('supported: 1MB 2MB');
    expect(bits(two, 'PCI_REBAR_CTRL(0)', 'PCI_REBAR_CTRL_EXT_SIZES')).toBe('256TB 512TB');
    expect(bits(two, 'PCI_REBAR_CTRL(0)', 'PCI_REBAR_CTRL_BAR_SIZE')).toBe('current size: <unknown>');
    expect(bits(two, 'PCI_REBAR_CTRL(1)', 'PCI_REBAR_CTRL_BAR_IDX')).toBe('BAR 1');
    expect(bits(two, 'PCI_REBAR_CTRL(1)', 'PCI_REBAR_CTRL_BAR_SIZE')).toBe('current size: 4MB');
    expect(bits(two, 'PCI_REBAR_CAP(1)', 'PCI_REBAR_CAP_SIZES')).toBeUndefined();
    expect(bits(two, 'PCI_REBAR_CTRL(1)', 'PCI_REBAR_CTRL_EXT_SIZES')).toBeUndefined();
    // Only extended sizes: they start the list.
    const ext = withExtended(0x15, [0, (1 << 16) | (1 << 5)]);
    expect(bits(ext, 'PCI_REBAR_CTRL(0)', 'PCI_REBAR_CTRL_EXT_SIZES')).toBe('supported: 256TB');
    // A BAR count of 7: lspci prints its error line and no entry.
    const bad = withExtended(0x15, [0x30, 7 << 5]);
    expect(bits(bad, 'PCI_REBAR_CTRL(0)', 'PCI_REBAR_CTRL_BAR_IDX')).toBeUndefined();
    expect(bits(bad, 'PCI_REBAR_CAP(0)', 'PCI_REBAR_CAP_SIZES')).toBeUndefined();
  });
});
