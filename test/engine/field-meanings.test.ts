/**
 * Field meanings (src/pci/meaning.ts and the layouts' `meaning` entries) against lspci itself: exact
 * phrases on one device, and every flag word a register's bits produce found on lspci's line for that
 * register in each fixture's `lspci -vvv` (test/fixtures/lspci/*.vvv.txt).
 */
import { describe, expect, it } from 'vitest';
import { decodeConfig, type DecodedField } from '../../src/index';
import { fixtureBytes, fixtureNames, oracleText } from '../helpers/fixtures';
import { capabilityOf } from '../helpers/lspci-golden';

const fieldsOf = (name: string): DecodedField[] => {
  const d = decodeConfig(fixtureBytes(name));
  return [d.header, ...d.capabilities, ...d.extendedCapabilities].flatMap((s) => s.fields);
};
const meaningOf = (fields: DecodedField[], reg: string, bit?: string) => {
  const f = fields.find((x) => x.name === reg);
  return bit ? f?.bits?.find((b) => b.name === bit)?.meaning : f?.meaning;
};

describe('field meanings in lspci words', () => {
  const wifi = fieldsOf('8086-095a-wireless-7265-wifi');

  it('reads units, enumerations and flags', () => {
    expect(meaningOf(wifi, 'PCI_EXP_DEVCAP', 'PCI_EXP_DEVCAP_PAYLOAD')).toBe('MaxPayload 128 bytes');
    expect(meaningOf(wifi, 'PCI_EXP_DEVCAP', 'PCI_EXP_DEVCAP_L1')).toBe('L1 unlimited');
    expect(meaningOf(wifi, 'PCI_EXP_DEVCAP', 'PCI_EXP_DEVCAP_FLR')).toBe('FLReset+');
    expect(meaningOf(wifi, 'PCI_EXP_LNKSTA', 'PCI_EXP_LNKSTA_CLS')).toBe('Speed 2.5GT/s');
    expect(meaningOf(wifi, 'PCI_EXP_LNKSTA', 'PCI_EXP_LNKSTA_NLW')).toBe('Width x1');
    expect(meaningOf(wifi, 'PCI_EXP_LNKCAP', 'PCI_EXP_LNKCAP_L1EL')).toBe('L1 <32us');
    expect(meaningOf(wifi, 'PCI_EXP_DEVCTL2', 'PCI_EXP_DEVCTL2_COMP_TIMEOUT')).toBe(
      'Completion Timeout: 16ms to 55ms',
    );
    expect(meaningOf(wifi, 'PCI_STATUS', 'PCI_STATUS_DEVSEL_MASK')).toBe('DEVSEL=fast');
    expect(meaningOf(wifi, 'PCI_PM_CTRL', 'PCI_PM_CTRL_STATE_MASK')).toBe('D0');
    expect(meaningOf(wifi, 'PCI_PM_PMC', 'PCI_PM_CAP_PME_MASK')).toBe('PME(D0+,D1-,D2-,D3hot+,D3cold+)');
    expect(meaningOf(wifi, 'PCI_MSI_FLAGS', 'PCI_MSI_FLAGS_QSIZE')).toBe('Count=1/1');
  });

  it('reads composite registers: BARs, the MSI address, the interrupt pin', () => {
    expect(meaningOf(wifi, 'PCI_BASE_ADDRESS_0')).toBe(
      'Region 0: Memory at d1000000 (64-bit, non-prefetchable)',
    );
    expect(meaningOf(wifi, 'PCI_BASE_ADDRESS_1')).toBe('upper 32 bits of Region 0');
    expect(meaningOf(wifi, 'PCI_BASE_ADDRESS_2')).toBe('Region 2: not implemented');
    expect(meaningOf(wifi, 'PCI_MSI_ADDRESS_LO')).toBe('Address: 00000000fee0f00c');
    expect(meaningOf(wifi, 'PCI_MSI_DATA_64')).toBe('Data: 4162');
    expect(meaningOf(wifi, 'PCI_INTERRUPT_PIN')).toBe('Interrupt: pin A');
  });

  it('reads a bridge: bus numbers and windows', () => {
    const port = fieldsOf('8086-3408-x58-root-port');
    const vvv = oracleText('8086-3408-x58-root-port');
    expect(meaningOf(port, 'PCI_SECONDARY_BUS')).toMatch(/^secondary=[0-9a-f]{2}$/);
    for (const reg of ['PCI_MEMORY_BASE', 'PCI_PREF_MEMORY_BASE', 'PCI_IO_BASE']) {
      const text = meaningOf(port, reg) ?? '';
      expect(vvv).toContain(text.replace(/ \[size=[^\]]*\]/, ''));
    }
  });

  // lspci's line for each register whose bits carry flag words.
  const LINES: Record<string, string> = {
    PCI_COMMAND: 'Control:',
    PCI_STATUS: 'Status: Cap',
    PCI_EXP_DEVCAP: 'DevCap:',
    PCI_EXP_DEVCTL: 'DevCtl:',
    PCI_EXP_DEVSTA: 'DevSta:',
    PCI_EXP_LNKCAP: 'LnkCap:',
    PCI_EXP_LNKSTA: 'LnkSta:',
    PCI_EXP_SLTCAP: 'SltCap:',
    PCI_EXP_RTCTL: 'RootCtl:',
    PCI_PM_PMC: 'Flags: PMEClk',
    PCI_MSI_FLAGS: 'MSI: Enable',
    PCI_MSIX_FLAGS: 'MSI-X: Enable',
    PCI_EXP_DEVCAP2: 'DevCap2:',
    PCI_EXP_DEVCTL2: 'DevCtl2:',
    PCI_EXP_LNKCTL2: 'LnkCtl2:',
    PCI_EXP_LNKSTA2: 'LnkSta2:',
    PCI_ERR_UNCOR_STATUS: 'UESta:',
    PCI_ERR_UNCOR_MASK: 'UEMsk:',
    PCI_ERR_UNCOR_SEVER: 'UESvrt:',
    PCI_ERR_COR_STATUS: 'CESta:',
    PCI_ERR_COR_MASK: 'CEMsk:',
    PCI_ERR_CAP: 'AERCap:',
    PCI_ACS_CAP: 'ACSCap:',
    PCI_ACS_CTRL: 'ACSCtl:',
    PCI_ARI_CAP: 'ARICap:',
    PCI_ARI_CTRL: 'ARICtl:',
    PCI_SRIOV_CAP: 'IOVCap:',
    PCI_SRIOV_CTRL: 'IOVCtl:',
    PCI_L1SS_CAP: 'L1SubCap:',
    PCI_L1SS_CTL1: 'L1SubCtl1:',
  };
  /** The register's line and its continuation lines (deeper tabs, no `Name:` label of their own). */
  const block = (vvv: string, start: string): string | null => {
    const lines = vvv.split('\n');
    const i = lines.findIndex((l) => l.trimStart().startsWith(start) || l.includes(`] ${start}`));
    if (i < 0) return null;
    const depth = lines[i].match(/^\t*/)![0].length;
    const out = [lines[i]];
    for (const l of lines.slice(i + 1)) {
      if (l.match(/^\t*/)![0].length <= depth || /^\t+\w+\d?:/.test(l)) break;
      out.push(l);
    }
    return out.join(' ');
  };

  it.each(fixtureNames())('%s: every flag word lspci prints for a register matches its bit', (name) => {
    const vvv = oracleText(name);
    let checked = 0;
    for (const f of fieldsOf(name)) {
      const line = LINES[f.name] && block(vvv, LINES[f.name]);
      if (!line) continue;
      for (const b of f.bits ?? []) {
        const m = b.meaning?.match(/^([^\s(]+)([+-])$/);
        if (!m || !new RegExp(`(^|\\s)${escape(m[1])}[+-]`).test(line)) continue;
        expect(line, `${f.name}.${b.name}`).toMatch(new RegExp(`(^|\\s)${escape(b.meaning!)}(\\s|,|$)`));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });

  // Meanings whose whole phrase lspci prints as is, wherever it prints that field.
  const PHRASES = new Set([
    'MaxPayload',
    'MaxReadReq',
    'AuxCurrent',
    'DSel',
    'DScale',
    'Completion Timeout:',
    'Target Link Speed:',
    'Transmit Margin:',
    'Compliance Preset/De-emphasis:',
    'Current De-emphasis Level:',
    'Max snoop latency',
    'Max no snoop latency',
    'Device Serial Number',
    'Initial VFs',
    'Total VFs',
    'Number of VFs',
    'VF offset',
    'stride',
    'Supported Page Size',
    'System Page Size',
    'First Error Pointer',
    'Next Function',
    'Function Group',
    'Invalidate Queue Depth',
    'Smallest Translation Unit',
    'PortCommonModeRestoreTime',
    'T_CommonMode',
    'HeaderLog',
  ]);

  it.each(fixtureNames())('%s: every phrase lspci prints whole is in its lspci -vvv', (name) => {
    const vvv = oracleText(name);
    const said = fieldsOf(name).flatMap((f) => [f, ...(f.bits ?? [])]);
    const phrases = said.filter((x) => x.word && PHRASES.has(x.word) && x.meaning);
    for (const x of phrases) {
      // lspci prints a word only on the lines it shows for this port type; where it shows it, it must agree.
      if (!vvv.includes(`${x.word}`)) continue;
      expect(vvv, `${x.word}`).toContain(x.meaning!);
    }
  });
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('meanings of the capabilities lspci decodes beyond PCIe', () => {
  it('VC: port capabilities, arbitration and each VC resource, reserved schemes only when set', () => {
    const { meanings, block } = capabilityOf('synthetic/ecaps-05-09', '00:00.0', 0x100);
    expect(meanings).toEqual([
      ...['LPEVC=0', 'RefClk=100ns', 'PATEntryBits=1'],
      ...['Fixed-', 'WRR32-', 'WRR64-', 'WRR128-', 'Port Arbitration Table [590]'],
      ...['ArbSelect=??5', 'InProgress+'],
      ...['Fixed-', 'WRR32-', 'WRR64-', 'WRR128-', 'TWRR128+', 'WRR256-', '??6+'],
      ...['RejSnoopTrans-', 'MaxTimeSlots=1', 'PATOffset=b1'],
      ...['TC/VC=3b', 'ArbSelect=Fixed', 'ID=4', 'Enable+', 'InProgress-', 'NegoPending-'],
      ...['Fixed+', 'WRR32+', 'WRR64-', 'WRR128-', 'TWRR128-', 'WRR256-', '??6+'],
      ...['RejSnoopTrans+', 'MaxTimeSlots=6', 'PATOffset=7f'],
      ...['TC/VC=00', 'ArbSelect=Fixed', 'ID=2', 'Enable+', 'InProgress+', 'NegoPending+'],
    ]);
    for (const m of meanings) expect(block).toContain(m);
  });

  it('MFVC reads its port and VC registers with the VC words (lspci 3.9.0 itself prints "<?>")', () => {
    const { cap, meanings, block } = capabilityOf('synthetic/ecaps-05-09', '00:00.0', 0x148);
    expect(cap.macro).toBe('PCI_EXT_CAP_ID_MFVC');
    expect(block).toBe('Multi-Function Virtual Channel <?>');
    expect(meanings.slice(0, 3)).toEqual([
      expect.stringMatching(/^LPEVC=\d$/),
      expect.stringMatching(/^RefClk=/),
      expect.stringMatching(/^PATEntryBits=(1|2|4|8)$/),
    ]);
  });

  it('EA on a bridge: bus numbers, entry header words, 64-bit base and max offset', () => {
    const first = capabilityOf('synthetic/cap-14', '02:03.1', 0xcc);
    expect(first.meanings).toEqual([
      'NumEntries=1',
      ...['secondary=5', 'subordinate=119'],
      ...['EntrySize=3', 'BAR Equivalent Indicator: BAR 0', 'PrimaryProperties: [7c]'],
      ...['SecondaryProperties: [86]', 'Writable-', 'Enable+'],
      'Base: 5ab00001c020094',
      'MaxOffset: 5db5f103',
    ]);
    const second = capabilityOf('synthetic/cap-14', '02:03.1', 0x7c);
    expect(second.meanings).toContain('MaxOffset: 243420004cc008eb');
    expect(second.meanings).toContain('SecondaryProperties: memory space, non-prefetchable');
    expect(second.meanings).toContain('Base: f400500080003c14');
    for (const { meanings, block } of [first, second]) for (const m of meanings) expect(block).toContain(m);
  });

  it('AGP: version, queue depth, sizes, flags and rates (x4/x8 in AGP 3.0 mode)', () => {
    const v1 = capabilityOf('synthetic/cap-02', '00:00.0', 0xd0);
    expect(v1.meanings).toEqual([
      'AGP version 1.0',
      ...['RQ=140', 'ArqSz=1', 'Cal=4', 'SBA+', 'GART64-', '64bit-', 'FW+', 'Rate=x2'],
      ...['Iso+', 'ITACoh+', 'HTrans-', 'AGP3-'],
      ...['RQ=26', 'ArqSz=0', 'Cal=0', 'SBA-', 'GART64-', '64bit-', 'FW-', 'Rate=x1,x2,x4', 'AGP-'],
    ]);
    const v35 = capabilityOf('synthetic/cap-02', '01:03.0', 0x90);
    expect(v35.meanings).toContain('Rate=x4,x8');
    expect(v35.meanings).toContain('Rate=<none>');
    expect(v35.meanings[0]).toBe('AGP version 3.5');
  });

  it('SATA, slot ID, debug port and the vendor-specific length', () => {
    expect(capabilityOf('synthetic/cardbus', '00:03.0', 0x50).meanings).toEqual([
      'SATA HBA v7.15',
      'BAR1',
      'Offset=000a71f9',
    ]);
    expect(capabilityOf('synthetic/cap-12', '00:00.0', 0xd8).meanings).toEqual(['SATA HBA v4.9', 'BAR??0']);
    expect(capabilityOf('synthetic/cap-04', '00:00.0', 0xd4).meanings).toEqual([
      '24 slots',
      'First-',
      'chassis 96',
    ]);
    expect(capabilityOf('synthetic/cap-0a', '00:00.0', 0xb8).meanings).toEqual(['BAR=5', 'offset=0a00']);
    expect(capabilityOf('synthetic/cap-09', '00:00.0', 0xb0).meanings).toEqual(['Len=10']);
    // A virtio function's vendor capabilities print "VirtIO: …" instead of a length.
    expect(capabilityOf('real/1af4-1000-virtio-net-qemu', '00:09.0', 0x70).meanings).toEqual([]);
  });

  it('multicast on a switch port: groups, ECRC regeneration, 64-bit BAR, vectors and overlay', () => {
    const { meanings, block } = capabilityOf('pciutils-tests/cap-multicast', '07:00.0', 0xe00);
    expect(meanings).toEqual([
      ...['MaxGroups 64', 'ECRCRegen+', 'NumGroups 64', 'Enable+'],
      ...['BaseAddr 0000000000000000', 'IndexPos 0', 'BaseAddr 0000000000000000'],
      ...['McastReceiveVec: ffffffffffffffff', 'McastReceiveVec: ffffffffffffffff'],
      ...['McastBlockAllVec: 0000000000000000', 'McastBlockAllVec: 0000000000000000'],
      ...['McastBlockUntransVec: ffffffffffffffff', 'McastBlockUntransVec: ffffffffffffffff'],
      'OverlaySize 0 (disabled), BaseAddr 0000000000000000',
      'OverlaySize 0 (disabled), BaseAddr 0000000000000000',
    ]);
    for (const m of meanings) expect(block).toContain(m);
    // An endpoint's window size, in lspci's 32-bit int arithmetic (1 << 57 wraps to 1 << 25).
    expect(capabilityOf('synthetic/ecaps-0f-13', '00:03.0', 0x100).meanings).toContain(
      'WindowSz 57 (33554432 bytes)',
    );
  });

  it('secondary PCIe: equalization controls and the lanes with errors', () => {
    const { meanings } = capabilityOf('synthetic/ecaps-15-19', '00:00.0', 0x100);
    expect(meanings).toEqual(['PerformEqu-', 'LnkEquIntrruptEn-', 'LaneErrStat: LaneErr at lane: 8 10 15']);
    expect(capabilityOf('pciutils-tests/cap-aer-ecrc-label', '00:1c.0', 0x220).meanings).toContain(
      'LaneErrStat: 0',
    );
  });

  it('DOE: interrupt support and message number, control and status flags', () => {
    const { meanings } = capabilityOf('pciutils-tests/cap-doe', 'df:00.0', 0x100);
    expect(meanings).toEqual([
      ...['IntSup+', 'Interrupt Message Number 001', 'IntEn+'],
      ...['Busy-', 'IntSta-', 'Error-', 'ObjectReady+'],
    ]);
  });

  it('root complex link and event collector: descriptors, link addresses, RCiEP runs, bus numbers', () => {
    const link = capabilityOf('synthetic/ecaps-05-09', '02:00.0', 0x190);
    expect(link.meanings).toEqual([
      ...['EltType=Egress', 'ComponentID=00', 'PortNumber=7e'],
      ...['LinkValid+', 'LinkType=Config', 'AssocRCRB-', 'TargetComponent=00', 'TargetPort=f8'],
      'Addr: 33:0a.0 CfgSpace=d0d1e1817b35008e',
      ...['LinkValid-', 'LinkType=MemMapped', 'AssocRCRB-', 'TargetComponent=7f', 'TargetPort=00'],
      'Addr: 1518a8007f00a300',
    ]);
    expect(capabilityOf('pciutils-tests/cap-vc-and-rcl', '00:1b.0', 0x130).meanings).toContain(
      'Addr: 00000000fed1c000',
    );
    expect(capabilityOf('synthetic/ecaps-05-09', '02:00.0', 0x1c8).meanings).toEqual([
      'RCiEPBitmap: RCiEP at Device(s): 8, 10, 13-15, 26, 28',
      'AssociatedBusNumbers: e9-45',
    ]);
    // Version 0/1: no associated bus numbers.
    expect(capabilityOf('synthetic/ecaps-05-09', '01:03.0', 0x100).meanings).toHaveLength(1);
  });
});
