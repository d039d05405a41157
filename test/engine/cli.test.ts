/* eslint-disable no-control-regex -- the tests look for control characters in the output */
/** The vfio-explorer command line: decode and perm, text and JSON, and one-line errors with exit 1. */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { decodeLink, DEFAULT_VIEW, NOVIRT_OP } from '../../src/index';
import { FIXTURE_DIR, fixtureBytes } from '../helpers/fixtures';
import { REVIEW_LINK_FIXTURE, REVIEW_LINK_OPTIONS } from '../helpers/link-command';

const run = (...argv: string[]) => {
  let out = '';
  let err = '';
  const code = main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
};
const fx = (n: string) => join(FIXTURE_DIR, `${n}.txt`);

describe('decode', () => {
  it('prints hex offsets, pci_regs.h names, values and meanings; clear flags folded', () => {
    const r = run('decode', fx('8086-095a-wireless-7265-wifi'));
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines).toContain('\tCapabilities: [0xd0] MSI (PCI_CAP_ID_MSI, 14 bytes)');
    expect(lines).toContain('\t\t0xd4 PCI_MSI_ADDRESS_LO           0xfee0f00c  Address: 00000000fee0f00c');
    expect(lines).toContain('\t\t\t.... .... .... ...1 PCI_MSI_FLAGS_ENABLE = 1 → Enable+');
    expect(lines).toContain(
      '\t\t0x10 PCI_BASE_ADDRESS_0           0xd1000004  Region 0: Memory at d1000000 (64-bit, non-prefetchable)',
    );
    // A zero multi-bit field still means something; clear flags fold into one line.
    expect(lines).toContain('\t\t\t.... .... 000. .... PCI_EXP_DEVCTL_PAYLOAD = 0 → MaxPayload 128 bytes');
    expect(lines).toContain(
      '\t\t\t(clear: I/O, SpecCycle, MemWINV, VGASnoop, ParErr, Stepping, SERR, FastB2B)',
    );
    expect(r.out).not.toMatch(/PCI_COMMAND_IO =/);
    expect(run('decode', fx('8086-095a-wireless-7265-wifi'), '--all-bits').out).toContain(
      '\t\t\t.... .... .... ...0 PCI_COMMAND_IO = 0 → I/O-',
    );
  });
  it('--vfio adds the permission tables; --novirt shows them after PCI_MSI_NOVIRT', () => {
    const after = (out: string, reg: string) =>
      out.split('\n')[out.split('\n').findIndex((l) => l.includes(reg)) + 1];
    const plain = run('decode', fx('8086-095a-wireless-7265-wifi'), '--vfio').out;
    expect(after(plain, ' PCI_MSI_ADDRESS_LO ')).toMatch(
      /^\t\t\tvfio: virt 0xffffffff write 0xffffffff \(msi\/msi\) /,
    );
    const novirt = run('decode', fx('8086-095a-wireless-7265-wifi'), '--vfio', '--novirt').out;
    expect(after(novirt, ' PCI_MSI_ADDRESS_LO ')).toMatch(/^\t\t\tvfio: virt 0x00000000 write 0x00000000 /);
    expect(run('decode', fx('8086-095a-wireless-7265-wifi'), '--novirt').err).toBe(
      'vfio-explorer: decode: --novirt goes with --vfio\n',
    );
  });
  it('--json is decodeConfig per device', () => {
    const [d] = JSON.parse(run('decode', fx('8086-095a-wireless-7265-wifi'), '--json').out);
    expect(d.address).toBe('01:00.0');
    expect(d.capabilities.map((c: { offset: number }) => c.offset)).toEqual([0xc8, 0xd0, 0x40]);
  });
});

describe('perm', () => {
  it('shows the MSI address virtual and writable, and read-only hardware with --novirt', () => {
    const line = (out: string) => out.split('\n').find((l) => l.startsWith('PCI_MSI_ADDRESS_LO'));
    expect(line(run('perm', fx('8086-095a-wireless-7265-wifi')).out)).toMatch(
      /0xd4\s+0xffffffff 0xffffffff msi\/msi/,
    );
    expect(line(run('perm', fx('8086-095a-wireless-7265-wifi'), '--novirt').out)).toMatch(
      /0xd4\s+0x00000000 0x00000000 msi\/msi/,
    );
  });
  it('--json rows carry masks, handlers and the reason', () => {
    const [t] = JSON.parse(run('perm', fx('8086-10c9-82576-igb-sriov'), '--json').out);
    const cmd = t.registers.find((r: { register: string }) => r.register === 'PCI_COMMAND');
    expect(cmd).toMatchObject({
      offset: 4,
      virt: 0x400,
      write: 0xffff,
      read: 'basic',
      writeHandler: 'basic',
    });
    expect(cmd.why).toMatch(/INTx-disable/);
  });
  it('--novirt on a device without MSI says why', () => {
    const r = run('perm', fx('15b3-1019-connectx5-ex-nic'), '--novirt');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/-ENOTTY \(no MSI capability\)/);
  });
});

describe('errors: one line, exit 1', () => {
  it.each([
    [['decode', '/no/such/file'], /cannot read: no such file/],
    [['perm', fx('8086-3408-x58-root-port')], /type 1 \(PCI-to-PCI bridge\)/],
    [['frobnicate', 'x'], /unknown command "frobnicate"/],
    [['decode'], /needs exactly one FILE/],
    [['decode', fx('8086-3408-x58-root-port'), '--select', 'x'], /decode does not take --select/],
  ])('%j', (argv, msg) => {
    const r = run(...argv);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(msg);
  });
  it('a malformed dump names its line', () => {
    const r = run('decode', join(FIXTURE_DIR, 'PROVENANCE.md'));
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/: line 1: "# Provenance/);
  });
});

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'vfio-explorer.mjs');
beforeAll(() => {
  execFileSync(process.execPath, [join(import.meta.dirname, '..', '..', 'scripts', 'build-cli.mjs')]);
});

it('the installed bin runs the JavaScript that npm install builds', () => {
  const bin = BIN;
  const out = execFileSync(process.execPath, [bin, 'decode', fx('168c-003c-qca988x-ath10k-wifi')], {
    encoding: 'utf8',
  });
  expect(out.split('\n')[0]).toMatch(/^02:00\.0 Network controller/);
  const bad = spawnSync(process.execPath, [bin, 'perm', fx('1217-7136-oz711sp1-cardbus-bridge')], {
    encoding: 'utf8',
  });
  expect(bad.status).toBe(1);
  expect(bad.stderr).toMatch(/type 2 \(CardBus bridge\)/);
});

describe('link', () => {
  it('names the built-in preset when the dump is one, and opens the same state', () => {
    const r = run(
      'link',
      fx(REVIEW_LINK_FIXTURE),
      ...REVIEW_LINK_OPTIONS,
      '--base',
      'http://example.test/explorer/',
    );
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      'http://example.test/explorer/#v=2&device=8086-095a-wireless-7265-wifi&novirt=1&select=0xd4.L&scenario=S3\n',
    );
    const opened = decodeLink(r.out.trim().split('#')[1]);
    expect(opened.ok && opened.state.view).toEqual({
      ...DEFAULT_VIEW,
      device: { kind: 'preset', id: '8086-095a-wireless-7265-wifi' },
      ops: [NOVIRT_OP],
      select: '0xd4.L',
      scenario: 'S3',
    });
  });
  it('carries the bytes of a dump that is no preset, and defaults to the dev server that npm start runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vfio-link-'));
    const bytes = fixtureBytes('8086-2829-ich8m-ahci-sata').slice();
    bytes[0x3c] ^= 0x01; // another interrupt line: no longer the preset
    const file = join(dir, 'ahci.bin');
    writeFileSync(file, bytes);
    const r = run('link', file);
    expect(r.out).toMatch(/^http:\/\/127\.0\.0\.1:5173\/#v=2&device=custom&t=[\w-]+\n$/);
    const opened = decodeLink(r.out.trim().split('#')[1]);
    expect(opened.ok && opened.state.view.device).toEqual({ kind: 'custom', name: 'ahci.bin', bytes });
  });
  it.each([
    [['--select', 'ECAP_SRIOV'], 'no ECAP_SRIOV capability'],
    [['--scenario', 'S99'], '--scenario S99: choose one of S1, S2'],
    [['--base', 'javascript:alert(1)'], 'use an http or https URL'],
    [['--select'], '--select needs a value'],
    [['--json'], 'link does not take --json'],
  ])('%j is refused with one line', (args, message) => {
    const r = run('link', fx('8086-2829-ich8m-ahci-sata'), ...args);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});

describe('bad input on the command line', () => {
  const ath = readFileSync(fx('168c-003c-qca988x-ath10k-wifi'), 'utf8');
  const scratch = mkdtempSync(join(tmpdir(), 'vfio-cli-'));
  const file = (name: string, text: string) => {
    const path = join(scratch, name);
    writeFileSync(path, text);
    return path;
  };
  it('control characters from a dump never reach the terminal', () => {
    const evil = file(
      'evil.txt',
      ath.replace(/^(\S+) .*/, '$1 Evil\u001b]0;owned\u0007\u001b[2J\u009b31m title'),
    );
    for (const argv of [
      ['decode', evil],
      ['perm', evil],
      ['decode', evil, '--json'],
    ]) {
      const r = run(...argv);
      expect(r.code).toBe(0);
      expect(r.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(r.out).toContain('Evil\\u001b]0;owned\\u0007\\u001b[2J\\u009b31m title');
    }
    expect(JSON.parse(run('decode', evil, '--json').out)[0].title).toBe(
      'Evil\u001b]0;owned\u0007\u001b[2J\u009b31m title',
    );
    const echoed = run('decode', file('bad-line.txt', `${ath}\n\u001b[31mred\n`));
    expect(echoed.code).toBe(1);
    expect(echoed.err).not.toMatch(/\u001b/);
    expect(echoed.err.trim().split('\n')).toHaveLength(1);
  });
  it.each([
    [['decode', '/dev/zero'], /cannot read: more than 16777216 bytes, more than a dump/],
    [['decode', tmpdir()], /cannot read: a directory/],
    [['constructor', 'x'], /unknown command "constructor"; see vfio-explorer --help/],
    [['decode', 'a\nb\u001b[2J'], /^vfio-explorer: a\\u000ab\\u001b\[2J: cannot read: no such file\n$/],
  ])('%j ends with one line and a non-zero exit', (argv, message) => {
    const r = run(...argv);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
  it('a FIFO is read like a pipe, up to the cap', () => {
    const fifo = join(scratch, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `cat '${fx('168c-003c-qca988x-ath10k-wifi')}' > '${fifo}'`]);
    const r = run('decode', fifo);
    writer.kill();
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^02:00\.0 Network controller/);
  });
  it('a reader that closes the pipe early (| head) ends the command quietly', () => {
    const big = file('many.txt', ath.repeat(400));
    const r = spawnSync('sh', ['-c', `node '${BIN}' decode '${big}' | head -n 1`], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/^02:00\.0 Network controller/);
    expect(r.stderr).toBe('');
  });
});
