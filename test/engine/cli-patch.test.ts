/** `vfio-explorer perm FILE --patch PATCH [--json]`: the diff of a permission patch, built-in or from a file. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { FIXTURE_DIR } from '../helpers/fixtures';

function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}
const AHCI = join(FIXTURE_DIR, '8086-2829-ich8m-ahci-sata.txt');
const IGB = join(FIXTURE_DIR, '8086-10c9-82576-igb-sriov.txt');
const dir = mkdtempSync(join(tmpdir(), 'vfio-patch-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('perm --patch', () => {
  it('--patch novirt prints the RFC diff with exact masks', () => {
    const r = run('perm', AHCI, '--patch', 'novirt');
    expect(r).toEqual({
      code: 0,
      err: '',
      out: `00:1f.2 SATA controller: Intel Corporation 82801HBM/HEM (ICH8M/ICH8M-E) SATA AHCI Controller (rev 03)
patch "novirt":
  32 bits stop being virtualized, 32 bits stop being writable in PCI_MSI_ADDRESS_LO (MSI, 0x84)
  16 bits stop being virtualized, 16 bits stop being writable in PCI_MSI_DATA_32 (MSI, 0x88)
  48 bits change class in 2 registers.
register                       offset virt before → after       write before → after
PCI_MSI_ADDRESS_LO             0x84   0xffffffff → 0x00000000   0xffffffff → 0x00000000
PCI_MSI_DATA_32                0x88   0xffff → 0x0000           0xffff → 0x0000
`,
    });
  });

  it('--json: registers with their masks and every changed bit', () => {
    const r = run('perm', IGB, '--patch', 'exp-length', '--json');
    expect(r.code).toBe(0);
    const [dev] = JSON.parse(r.out) as {
      patch: string;
      registers: { register: string; offset: number; writeBefore: number; writeAfter: number }[];
      bits: unknown[];
      summary: string[];
    }[];
    expect(dev.patch).toBe('exp-length');
    expect(dev.registers).toMatchObject([
      { register: 'PCI_EXP_LNKSTA2', offset: 0xd2, writeBefore: 0xffff, writeAfter: 0 },
    ]);
    expect(dev.bits).toHaveLength(16);
    expect(dev.summary).toEqual([
      '16 bits stop being writable in PCI_EXP_LNKSTA2 (Express, 0xd2)',
      '16 bits change class in 1 register.',
    ]);
  });

  it('a patch file: its own name, and a warning for a line this device cannot take', () => {
    const p = file('d32.patch', '# 32-bit data only\nmsi PCI_MSI_DATA_32 p_setw NO_VIRT NO_WRITE\n');
    const r = run('perm', IGB, '--patch', p);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      `patch "${p}":\n  No bit changes class on this device: the lines named below do not apply to it, and any other line gives its bits the classes they already have.\n`,
    );
    expect(r.out).toContain(
      `warning: patch "${p}" line 2: this 64-bit MSI capability has no PCI_MSI_DATA_32; the line does not apply to it`,
    );
  });

  it('parse errors: one line with the patch, line and column; exit 1', () => {
    const p = file('bad.patch', 'basic PCI_COMMAND p_setw ALL_VIRT NO_WRITE\n');
    expect(run('perm', AHCI, '--patch', p)).toEqual({
      code: 1,
      out: '',
      err: `vfio-explorer: perm: ${p}: line 1, column 26: virt mask 0xffffffff is wider than the 16-bit field (p_setw); write (u16) before it as the kernel does\n`,
    });
  });

  it('an unknown name, --novirt with --patch, and a missing value are refused', () => {
    expect(run('perm', AHCI, '--patch', 'no-such-patch')).toEqual({
      code: 1,
      out: '',
      err: 'vfio-explorer: perm: --patch no-such-patch: no such file and no built-in of that name (built-ins: novirt, exp-length)\n',
    });
    expect(run('perm', AHCI, '--patch', 'novirt', '--novirt').err).toBe(
      'vfio-explorer: perm: --novirt and --patch do not go together (--patch novirt is the RFC as a patch)\n',
    );
    expect(run('perm', AHCI, '--patch')).toMatchObject({
      code: 1,
      err: 'vfio-explorer: perm: --patch needs a value\n',
    });
    expect(run('decode', AHCI, '--patch', 'novirt')).toMatchObject({
      code: 1,
      err: 'vfio-explorer: decode does not take --patch\n',
    });
  });
});
