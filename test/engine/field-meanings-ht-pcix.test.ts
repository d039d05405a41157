/**
 * HyperTransport and PCI-X field meanings, value by value, against lspci 3.9.0's golden blocks
 * (test/fixtures/lspci-golden): every register cap_ht_pri / cap_ht_sec print, the title words of every HT
 * type, and PCI-X laid out by header type as cap_pcix reads it (device form, bridge form, nothing for CardBus).
 */
import { describe, expect, it } from 'vitest';
import { decodeConfig, type DecodedCapability } from '../../src/index';
import { capabilityBlock, capabilityOf, goldenDump } from '../helpers/lspci-golden';

/** The meanings of one register's bits, in bit order (undefined where lspci prints nothing). */
const bitsOf = (cap: DecodedCapability, reg: string) =>
  cap.fields.find((f) => f.name === reg)!.bits!.map((b) => b.meaning);
const meaningOf = (cap: DecodedCapability, reg: string) => cap.fields.find((f) => f.name === reg)!.meaning;
const valueOf = (cap: DecodedCapability, reg: string) => cap.fields.find((f) => f.name === reg)!.value;

/** The one capability with `id` on a crafted golden device, with lspci's block for it. */
function onlyCap(dump: string, slot: string, id: number) {
  const { device, vvv } = goldenDump(dump).devices.find((d) => d.device.address === slot)!;
  const cap = decodeConfig(device.bytes).capabilities.find((c) => c.id === id)!;
  return { cap, block: capabilityBlock(vvv, cap.offset, false) };
}

const signs = (words: string[], bits: string) => words.map((w, i) => `${w}${bits[i]}`);
const FREQ_WORDS = [
  '200MHz',
  '300MHz',
  '400MHz',
  '500MHz',
  '600MHz',
  '800MHz',
  '1.0GHz',
  '1.2GHz',
  '1.4GHz',
  '1.6GHz',
  'Vend',
];
const EH_WORDS = [
  ...['PFlE', 'OFlE', 'PFE', 'OFE', 'EOCFE', 'RFE', 'CRCFE', 'SERRFE', 'CF', 'RE'],
  ...['PNFE', 'ONFE', 'EOCNFE', 'RNFE', 'CRCNFE', 'SERRNFE'],
];
const FEATURE_WORDS = ['IsocFC', 'LDTSTOP', 'CRCTM', 'ECTLT', '64bA', 'UIDRD'];

describe('HyperTransport: the registers after the revision ID, as cap_ht_pri / cap_ht_sec print them', () => {
  it('slave/primary at revision 3.00: frequency capabilities, features, error handling, memory upper, bus', () => {
    const { cap, block } = capabilityOf('pciutils-tests/cap-ht', '00:00.0', 0xc4);
    expect(bitsOf(cap, 'PCI_HT_PRI_CMD').at(-1)).toBe('Slave or Primary Interface');
    expect(bitsOf(cap, 'PCI_HT_PRI_FTR')).toEqual(signs(FEATURE_WORDS, '++--+-'));
    expect(bitsOf(cap, 'PCI_HT_PRI_LFCAP1')).toEqual(signs(FREQ_WORDS, '-----------'));
    expect(bitsOf(cap, 'PCI_HT_PRI_EH')).toEqual(signs(EH_WORDS, '----------------'));
    expect(meaningOf(cap, 'PCI_HT_PRI_MBU')).toBe('Prefetchable memory behind bridge Upper: 00-00');
    expect(meaningOf(cap, 'PCI_HT_PRI_MLU')).toBe('Prefetchable memory behind bridge Upper: 00-00');
    expect(meaningOf(cap, 'PCI_HT_PRI_BN')).toBe('Bus Number: 00');
    expect(meaningOf(cap, 'PCI_HT_PRI_ES')).toBeUndefined();
    // The word is 0x7ff5: 1.4 and 1.6 GHz supported. lspci 3.9.0 reads the register as a byte and so prints
    // "1.4GHz- 1.6GHz-"; the meanings read the whole field.
    expect(valueOf(cap, 'PCI_HT_PRI_LFCAP0')).toBe(0x7ff5);
    expect(bitsOf(cap, 'PCI_HT_PRI_LFCAP0')).toEqual(signs(FREQ_WORDS, '+-+-++++++-'));
    expect(block).toContain(
      'Link Frequency Capability 0: 200MHz+ 300MHz- 400MHz+ 500MHz- 600MHz+ 800MHz+ 1.0GHz+ 1.2GHz+ 1.4GHz- 1.6GHz- Vend-',
    );
  });

  it('slave/primary with error enables and a non-zero prefetchable upper', () => {
    const { cap, block } = capabilityOf('synthetic/cap-08-kinds', '00:02.0', 0xd8);
    expect(bitsOf(cap, 'PCI_HT_PRI_EH')).toEqual(signs(EH_WORDS, '++++-+-++-+++-++'));
    expect(bitsOf(cap, 'PCI_HT_PRI_FTR')).toEqual(signs(FEATURE_WORDS, '---+++'));
    expect(meaningOf(cap, 'PCI_HT_PRI_MBU')).toBe('Prefetchable memory behind bridge Upper: ed-07');
    for (const m of [...bitsOf(cap, 'PCI_HT_PRI_EH'), meaningOf(cap, 'PCI_HT_PRI_MBU')])
      expect(block).toContain(m);
  });

  it('before revision 2.2 lspci stops at the revision ID: no meanings after it', () => {
    const { cap, block } = capabilityOf('synthetic/cap-08-kinds', '00:03.0', 0x44);
    expect(block).toMatch(/Revision ID: 0\.17$/);
    for (const reg of ['PCI_HT_PRI_LFCAP0', 'PCI_HT_PRI_FTR', 'PCI_HT_PRI_LFCAP1', 'PCI_HT_PRI_EH']) {
      expect(
        bitsOf(cap, reg).every((m) => m === undefined),
        reg,
      ).toBe(true);
    }
    for (const reg of ['PCI_HT_PRI_MBU', 'PCI_HT_PRI_MLU', 'PCI_HT_PRI_BN'])
      expect(meaningOf(cap, reg)).toBeUndefined();
    expect(bitsOf(cap, 'PCI_HT_PRI_CMD')).toEqual([
      ...['BaseUnitID=27', 'UnitCnt=5', 'MastHost-', 'DefDir-', undefined],
      'Slave or Primary Interface',
    ]);
  });

  it('host/secondary with the extended register set: error handling and memory upper', () => {
    const { cap } = capabilityOf('synthetic/cap-08-kinds', '00:07.0', 0xb4);
    expect(bitsOf(cap, 'PCI_HT_SEC_CMD').at(-1)).toBe('Host or Secondary Interface');
    expect(bitsOf(cap, 'PCI_HT_SEC_LFCAP')).toEqual(signs(FREQ_WORDS, '--+--+++---'));
    expect(bitsOf(cap, 'PCI_HT_SEC_FTR')).toEqual([...signs(FEATURE_WORDS, '++---+'), 'ExtRS+', 'UCnfE-']);
    expect(bitsOf(cap, 'PCI_HT_SEC_EH')).toEqual(signs(EH_WORDS, '--+-++----------'));
    expect(meaningOf(cap, 'PCI_HT_SEC_MBU')).toBe('Prefetchable memory behind bridge Upper: 3a-f6');
    expect(meaningOf(cap, 'PCI_HT_SEC_MLU')).toBe('Prefetchable memory behind bridge Upper: 3a-f6');
  });

  it('host/secondary without it: lspci ends at the feature capability', () => {
    const { cap, block } = capabilityOf('synthetic/cap-08-kinds', '01:00.0', 0x48);
    expect(block).toMatch(
      /Feature Capability: IsocFC- LDTSTOP\+ CRCTM- ECTLT- 64bA- UIDRD\+ ExtRS- UCnfE\+$/,
    );
    expect(bitsOf(cap, 'PCI_HT_SEC_FTR')).toEqual([...signs(FEATURE_WORDS, '-+---+'), 'ExtRS-', 'UCnfE+']);
    expect(bitsOf(cap, 'PCI_HT_SEC_EH').every((m) => m === undefined)).toBe(true);
    expect(meaningOf(cap, 'PCI_HT_SEC_MBU')).toBeUndefined();
    expect(meaningOf(cap, 'PCI_HT_SEC_MLU')).toBeUndefined();
  });

  it("every other capability type by lspci's name for it, unknown codes as #NN", () => {
    const kinds: [string, string][] = [
      ['01:03.0', 'Switch'],
      ['01:04.0', '#0c'],
      ['01:05.0', 'Interrupt Discovery and Configuration'],
      ['01:06.0', 'Revision ID'],
      ['01:07.0', 'UnitID Clumping'],
      ['02:00.0', 'Extended Configuration Space Access'],
      ['02:01.0', 'Address Mapping'],
      ['02:02.0', 'DirectRoute'],
      ['02:03.0', 'VCSet'],
      ['02:04.0', 'Retry Mode'],
      ['02:05.0', 'X86 (reserved)'],
      ['02:06.0', '#1a'],
      ['02:07.0', '#1f'],
      ['03:00.0', 'MSI Mapping'],
      ['03:01.0', 'MSI Mapping'],
    ];
    for (const [slot, kind] of kinds) {
      const { cap, block } = onlyCap('synthetic/cap-08-kinds', slot, 0x08);
      const type = cap.fields.flatMap((f) => f.bits ?? []).find((b) => b.name === 'HT_5BIT_CAP_MASK')!;
      expect(type.meaning, slot).toBe(kind);
      expect(block, slot).toMatch(new RegExp(`^HyperTransport: ${kind.replace(/[()]/g, '\\$&')}( |:|$)`));
    }
    expect(meaningOf(onlyCap('synthetic/cap-08-kinds', '01:06.0', 0x08).cap, 'PCI_HT_CAP_COMMAND')).toBe(
      'Revision ID: 5.28',
    );
    const mapping = onlyCap('synthetic/cap-08-kinds', '03:00.0', 0x08).cap;
    expect(bitsOf(mapping, 'HT_MSI_FLAGS')).toEqual(['Enable-', 'Fixed-']);
    expect(meaningOf(mapping, 'HT_MSI_ADDR_LO')).toBe('Mapping Address Base: 4f000000c7800000');
  });
});

describe('HyperTransport: each capability type sized as its own registers', () => {
  it('28 / 24 for the interfaces, the header sizes for the others, address mapping by its map type', () => {
    const sizes = Object.fromEntries(
      goldenDump('synthetic/cap-08-kinds').devices.map(({ device }) => {
        const cap = decodeConfig(device.bytes).capabilities[0];
        return [device.address, cap.length];
      }),
    );
    expect(sizes).toMatchObject({
      ...{ '00:02.0': 28, '00:07.0': 24 },
      ...{ '01:03.0': 24, '01:05.0': 8, '01:06.0': 4, '01:07.0': 12, '02:00.0': 12 },
      ...{ '02:02.0': 12, '02:03.0': 16, '02:04.0': 12, '02:05.0': 24, '02:06.0': 24, '03:00.0': 12 },
    });
    // Address mapping 0xa08a: 40-bit map type, ten DMA windows of 8 bytes after the first 12 (past the dump).
    const am = decodeConfig(
      goldenDump('synthetic/cap-08-kinds').devices.find((d) => d.device.address === '02:01.0')!.device.bytes,
    );
    expect(am.warnings).toEqual(['HyperTransport at 0xb0 needs 92 bytes but only 80 are present']);
    // The AMD RD890's MSI mapping at 0xf0 is 12 bytes: it fits the 256-byte space (24 would not).
    const rd890 = decodeConfig(goldenDump('pciutils-tests/cap-ht').devices[0].device.bytes);
    expect(rd890.capabilities.map((c) => [c.offset, c.length])).toEqual([
      ...[
        [0xf0, 12],
        [0xc4, 28],
        [0x40, 12],
        [0x54, 12],
        [0x9c, 24],
        [0x70, 10],
      ],
    ]);
    expect(rd890.warnings).toEqual([]);
  });
});

describe('PCI-X by header type, as cap_pcix reads it', () => {
  it('a type-1 bridge has the bridge form: secondary status, bridge status, split transaction control', () => {
    const { cap } = capabilityOf('synthetic/cap-07-bridges', '00:03.0', 0x7c);
    expect(cap.length).toBe(16);
    expect(cap.fields.map((f) => f.name)).toEqual([
      ...['PCI_CAP_LIST_ID', 'PCI_CAP_LIST_NEXT', 'PCI_X_BRIDGE_SSTATUS', 'PCI_X_BRIDGE_STATUS'],
      ...['PCI_PCIX_BRIDGE_UPSTREAM_SPLIT_TRANS_CTRL', 'PCI_PCIX_BRIDGE_DOWNSTREAM_SPLIT_TRANS_CTRL'],
    ]);
    expect(bitsOf(cap, 'PCI_X_BRIDGE_SSTATUS')).toEqual([
      ...['64bit-', '133MHz+', 'SCD+', 'USC+', 'SCO+', 'SRD+', 'Freq=133MHz'],
      ...[undefined, undefined, undefined],
    ]);
    expect(bitsOf(cap, 'PCI_X_BRIDGE_STATUS')).toEqual([
      ...['Dev=a6:07.3', 'Dev=a6:07.3', '64bit-', '133MHz-', 'SCD-', 'USC-', 'SCO-', 'SRD-'],
    ]);
    expect(bitsOf(cap, 'PCI_PCIX_BRIDGE_UPSTREAM_SPLIT_TRANS_CTRL')).toEqual([
      'Capacity=3746',
      'CommitmentLimit=24883',
    ]);
    expect(bitsOf(cap, 'PCI_PCIX_BRIDGE_DOWNSTREAM_SPLIT_TRANS_CTRL')).toEqual([
      'Capacity=0',
      'CommitmentLimit=35425',
    ]);
  });

  it('every secondary clock code', () => {
    const freq = ['00:00.0', '00:01.0', '00:02.0', '00:03.0', '00:04.0', '00:05.0', '00:06.0', '00:07.0'].map(
      (slot) => onlyCap('synthetic/cap-07-bridges', slot, 0x07).cap,
    );
    expect(freq.map((c) => bitsOf(c, 'PCI_X_BRIDGE_SSTATUS')[6])).toEqual([
      ...['Freq=conv', 'Freq=66MHz', 'Freq=100MHz', 'Freq=133MHz'],
      ...['Freq=?4', 'Freq=?5', 'Freq=?6', 'Freq=?7'],
    ]);
  });

  it('a type-0 function keeps the device form; a CardBus function has its registers but no words (lspci prints none)', () => {
    const device = onlyCap('synthetic/cap-07-bridges', '01:00.0', 0x07);
    expect(device.cap.fields.map((f) => f.name).slice(2, 4)).toEqual(['PCI_X_CMD', 'PCI_X_STATUS']);
    for (const m of bitsOf(device.cap, 'PCI_X_STATUS')) expect(device.block).toContain(m);
    const cardbus = onlyCap('synthetic/cap-07-bridges', '01:01.0', 0x07);
    expect(cardbus.block).toBe('');
    expect(cardbus.cap.fields.map((f) => f.name).slice(2, 4)).toEqual(['PCI_X_CMD', 'PCI_X_STATUS']);
    expect(cardbus.cap.fields.flatMap((f) => [f, ...(f.bits ?? [])]).filter((x) => x.meaning)).toEqual([]);
  });
});
