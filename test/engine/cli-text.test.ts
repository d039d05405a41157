/** `vfio-explorer decode`'s default text as a kernel developer reads it: hex numbers, folded flags that read once. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { FIXTURE_DIR } from '../helpers/fixtures';

const decoded = (file: string, ...flags: string[]) => {
  let out = '';
  const code = main(['decode', file, ...flags], { out: (t) => (out += t), err: () => undefined });
  expect(code).toBe(0);
  return out.split('\n');
};
const real = (n: string) => join(FIXTURE_DIR, `${n}.txt`);
const synthetic = (n: string) => join(FIXTURE_DIR, '..', 'lspci-golden', 'synthetic', `${n}.txt`);
/** The line after the register's own line that starts with `start`. */
const under = (lines: string[], register: string, start: string) => {
  const at = lines.findIndex((l) => l.includes(` ${register} `));
  const next = lines.slice(at + 1).findIndex((l) => !l.startsWith('\t\t\t'));
  return lines.slice(at + 1, at + 1 + next).find((l) => l.startsWith(start));
};

describe('decode text: numbers in hex', () => {
  it('prints capability pointers, IDs and masks in hex, 0-9 as they are', () => {
    const lines = decoded(real('8086-095a-wireless-7265-wifi'));
    expect(lines).toContain('\t\t\t0001 0100 0000 .... .... .... .... .... PCI_EXT_CAP_NEXT = 0x140');
    expect(lines).toContain('\t\t\t.... .... .... .... 0000 0000 0001 1000 PCI_EXT_CAP_ID = 0x18');
    expect(lines).toContain(
      '\t\t\t1100 1... .... .... PCI_PM_CAP_PME_MASK = 0x19 → PME(D0+,D1-,D2-,D3hot+,D3cold+)',
    );
    expect(lines).toContain('\t\t\t.... .... .... .011 PCI_PM_CAP_VER_MASK = 3 → version 3');
    expect(lines).not.toContainEqual(expect.stringMatching(/ = [1-9][0-9]+( |$)/));
  });
  it('shows offsets and addresses the kernel reads in place unshifted, as the kernel masks them', () => {
    const lines = decoded(real('15b3-1019-connectx5-ex-nic'));
    expect(lines).toContain(
      '\t\t\t0000 0000 0000 0000 0010 0000 0000 0... PCI_MSIX_TABLE_OFFSET = 0x2000 → offset=00002000',
    );
    expect(lines).toContain(
      '\t\t\t0000 0000 0000 0000 0011 0000 0000 0... PCI_MSIX_PBA_OFFSET = 0x3000 → offset=00003000',
    );
    expect(lines).toContain(
      '\t\t\t1110 0110 0111 0000 0000 0... .... .... PCI_ROM_ADDRESS_MASK = 0xe6700000',
    );
  });
  it('keeps hex in the --vfio view, masks beside every register', () => {
    const lines = decoded(real('8086-095a-wireless-7265-wifi'), '--vfio');
    expect(lines).toContain('\t\t\t0001 0100 0000 .... .... .... .... .... PCI_EXT_CAP_NEXT = 0x140');
    expect(under(lines, 'PCI_EXT_CAP_HEADER', '\t\t\tvfio:')).toMatch(
      /^\t\t\tvfio: virt 0x[0-9a-f]{8} write 0x[0-9a-f]{8} /,
    );
  });
});

describe('decode text: folded flags', () => {
  it('separates lspci words that are several words long', () => {
    expect(decoded(real('8086-095a-wireless-7265-wifi'))).toContain('\t\t\t(clear: BIST start, BIST)');
  });
  it("names the field where two of a register's flags share lspci's word", () => {
    expect(decoded(synthetic('cap-03'))).toContain(
      '\t\t\t(clear: AttnBtn, PowerFlt, MRL (PCI_EXP_SLTSTA_MRLSC), PresDet (PCI_EXP_SLTSTA_PDC), CmdCplt, ' +
        'MRL (PCI_EXP_SLTSTA_MRLSS), PresDet (PCI_EXP_SLTSTA_PDS), Interlock, LinkState)',
    );
  });
  it('puts flags lspci never prints after its words, by their pci_regs.h names', () => {
    expect(
      under(decoded(real('8086-095a-wireless-7265-wifi')), 'PCI_ERR_UNCOR_STATUS', '\t\t\t(clear:'),
    ).toBe(
      '\t\t\t(clear: DLP, SDES, TLP, FCP, CmpltTO, CmpltAbrt, UnxCmplt, RxOF, MalfTLP, ECRC, UnsupReq, ACSViol, ' +
        'UncorrIntErr, BlockedTLP, AtomicOpBlocked, TLPBlockedErr; PCI_ERR_UNC_UND)',
    );
  });
  it('never folds a single bit whose zero has a meaning of its own', () => {
    const lines = decoded(real('8086-095a-wireless-7265-wifi'));
    expect(lines).toContain('\t\t\t.... .... .... 0... PCI_EXP_LNKCTL_RCB = 0 → RCB 64 bytes');
    expect(lines.filter((l) => l.startsWith('\t\t\t(clear:')).join('\n')).not.toMatch(
      /RCB|De-emphasis|:[,;)]/,
    );
  });
  it('reads the Express capability version as lspci titles it', () => {
    expect(decoded(real('8086-095a-wireless-7265-wifi'))).toContain(
      '\t\t\t.... .... .... 0010 PCI_EXP_FLAGS_VERS = 2 → Express (v2)',
    );
  });
});
