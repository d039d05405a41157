/**
 * Every field meaning against lspci's own output: for each dump with a committed golden (real fixtures,
 * synthetic dumps, pciutils' test dumps; test/fixtures/lspci-golden), every meaning a capability's fields
 * carry must be printed, as is, in lspci 3.9.0's block for that capability — wherever lspci prints the
 * field's word at all (it leaves some out by port type, header type or version, and never decodes a few
 * capabilities whose layouts still carry its words, such as MFVC).
 */
import { describe, expect, it } from 'vitest';
import { decodeConfig, slotOfAddress, type DecodedCapability } from '../../src/index';
import { CXL_DVSECS, PCI_VENDOR_ID_CXL } from '../../src/pci/ecaps/cxl';
import { capabilityBlock, goldenDumps } from '../helpers/lspci-golden';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * The phrase as lspci prints it: standing alone, between spaces, commas, colons or brackets, or ending
 * where lspci closes a clause with a semicolon ("LnkCtl: ASPM Disabled; RCB 64 bytes").
 */
const printed = (block: string, phrase: string) =>
  new RegExp(`(^|[\\s(,:])${escape(phrase)}($|[\\s),:;])`).test(block);

const DUMPS = goldenDumps();

/**
 * Where lspci 3.9.0's own output is wrong, so a meaning that reads the field right cannot match it: known
 * gaps, listed so that any other disagreement fails; `REG.BIT`, with register indices dropped. Fields lspci
 * prints only on some devices (by port type, slot bit, a non-zero register) give no meaning where it prints
 * none, and composite lines (the SSVID pair, ReBAR's size list, the AER header log) are read word for word.
 */
const KNOWN_GAPS = new Set([
  // Where lspci 3.9.0 itself misreads: DOE's Error flag tests Busy|IntSta (mask 3), and RCLD's element
  // type takes bits 7:0 of the self description, reserved bits 7:4 included. The meanings read the spec's field.
  'PCI_DOE_STATUS.PCI_DOE_STATUS_ERROR',
  'PCI_RCLD_ESD.PCI_RCLD_ESD_TYPE',
  // lspci 3.9.0 reads HyperTransport's 16-bit link frequency capability as a byte (cap_ht_pri/cap_ht_sec), so
  // it always prints 1.4GHz-, 1.6GHz- and Vend- (real AMD parts set them: pciutils-tests/cap-ht).
  ...['PCI_HT_PRI_LFCAP0', 'PCI_HT_PRI_LFCAP1', 'PCI_HT_SEC_LFCAP'].flatMap((r) =>
    ['1400', '1600', 'VEND'].map((b) => `${r}.PCI_HT_LFCAP_${b}`),
  ),
  // And CXL's port extensions: PMComplete tests the status register's offset (0x0a) as a mask, not bit 0.
  'PCI_DVSEC_CXL_PORT_STATUS.PCI_DVSEC_CXL_PORT_STATUS_PM_INIT_COMPLETE',
]);
/** Capabilities whose meanings the goldens must confirm (lspci's name for each, as the registry names it). */
const CONFIRMED_FAMILIES = [
  'Power Management',
  'MSI',
  'MSI-X',
  'Express',
  'Advanced Error Reporting',
  'Access Control Services',
  'Virtual Channel',
  'Device Serial Number',
  'L1 PM Substates',
  'Precision Time Measurement',
  'Downstream Port Containment',
  'Enhanced Allocation (EA)',
  'AGP',
  'SATA HBA',
  'Slot ID',
  'Debug port',
  'Multicast',
  'Secondary PCI Express',
  'Data Object Exchange',
  'Root Complex Link',
  'Root Complex Event Collector',
  'HyperTransport',
  'PCI-X',
  // Each CXL DVSEC lspci decodes is a family of its own (familyOf).
  ...[...CXL_DVSECS.values()].map((d) => d.name),
];
/** The family a capability's meanings count for: its name, or for a CXL DVSEC which one it is. */
function familyOf(cap: DecodedCapability): string {
  const value = (reg: string) => cap.fields.find((f) => f.name === reg)?.value;
  const vendor = (value('PCI_DVSEC_HEADER1') ?? 0) & 0xffff;
  const dvsec = vendor === PCI_VENDOR_ID_CXL ? CXL_DVSECS.get(value('PCI_DVSEC_HEADER2') ?? -1) : undefined;
  return dvsec?.name ?? cap.name;
}
const gapKey = (reg: string, field: string) => `${reg.replace(/\(\d+\)/, '()')}.${field}`;

/** Capability names whose meanings lspci's output confirmed, with how many phrases, over all dumps. */
const confirmed = new Map<string, number>();

describe('every field meaning is what lspci prints for that capability', () => {
  it.each(DUMPS.map((d) => [d.name, d] as const))('%s', (_name, dump) => {
    const mismatches: string[] = [];
    for (const { device, vvv } of dump.devices) {
      const decoded = decodeConfig(device.bytes, { slot: slotOfAddress(device.address) });
      for (const cap of [...decoded.capabilities, ...decoded.extendedCapabilities]) {
        const block = capabilityBlock(vvv, cap.offset, cap.extended);
        // Absent, or only named ("AGP3 <?>", "Multi-Function Virtual Channel <?>"): lspci decodes nothing.
        if (!block || /^[^:]*<\?>$/.test(block)) continue;
        for (const f of cap.fields) {
          for (const x of [f, ...(f.bits ?? [])]) {
            if (!x.meaning || !x.word || !block.includes(x.word)) continue;
            if (KNOWN_GAPS.has(gapKey(f.name, x.name))) continue;
            const family = familyOf(cap);
            if (printed(block, x.meaning)) confirmed.set(family, (confirmed.get(family) ?? 0) + 1);
            else
              mismatches.push(
                `${device.address} ${cap.name} ${f.name} ${x.name}: "${x.meaning}" not in: ${block}`,
              );
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  // Runs after the dumps above (vitest keeps declaration order within a file): the check has teeth only
  // if lspci's output confirmed phrases of every capability family that carries meanings.
  it('confirmed phrases of every capability family lspci decodes', () => {
    expect([...confirmed.keys()].sort()).toEqual(expect.arrayContaining(CONFIRMED_FAMILIES));
    for (const name of CONFIRMED_FAMILIES) expect(confirmed.get(name), name).toBeGreaterThan(2);
  });
});
