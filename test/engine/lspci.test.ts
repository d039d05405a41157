/** parseLspciDump / formatLspciDump: every text form lspci and mail produce, binary sysfs files, clear errors. */
import { describe, expect, it } from 'vitest';
import { EngineError, formatLspciDump, parseLspciDump } from '../../src/index';
import { fixtureNames, fixtureText } from '../helpers/fixtures';

describe.each(fixtureNames())('%s', (name) => {
  const text = fixtureText(name);
  it('round-trips to the exact text lspci printed', () => {
    expect(formatLspciDump(parseLspciDump(text))).toBe(text);
  });
  it('reads the same bytes through CRLF and "> " mail quoting', () => {
    const [plain] = parseLspciDump(text);
    const quoted = text
      .split('\n')
      .map((l) => `> ${l}`)
      .join('\r\n');
    const [q] = parseLspciDump(quoted);
    expect(q.bytes).toEqual(plain.bytes);
    expect(q.address).toBe(plain.address);
  });
});

describe('text forms', () => {
  const igb = fixtureText('8086-10c9-82576-igb-sriov');
  const ath = fixtureText('168c-003c-qca988x-ath10k-wifi');
  it('sizes come from the dump: 64, 256 or 4096 bytes', () => {
    expect(parseLspciDump(ath)[0].bytes.length).toBe(64);
    expect(parseLspciDump(fixtureText('15b3-1019-connectx5-ex-nic'))[0].bytes.length).toBe(256);
    expect(parseLspciDump(igb)[0].bytes.length).toBe(4096);
  });
  it('reads several devices, keeping address and title', () => {
    const devs = parseLspciDump(ath + igb);
    expect(devs.map((d) => d.address)).toEqual(['02:00.0', '09:00.0']);
    expect(devs[0].title).toMatch(/^Network controller \[0280\]: Qualcomm Atheros/);
  });
  it('reads a dump without the header line', () => {
    const body = ath.split('\n').slice(1).join('\n');
    const [d] = parseLspciDump(body);
    expect(d.address).toBe('');
    expect(d.bytes[0]).toBe(0x8c);
    expect(formatLspciDump(d)).toBe(body);
  });
  it('skips interleaved lspci -vvv decode lines (indented)', () => {
    const mixed = ath.replace('00: ', '\tControl: I/O- Mem+\n00: ');
    expect(parseLspciDump(mixed)[0].bytes).toEqual(parseLspciDump(ath)[0].bytes);
  });
  it('warns about gaps and odd sizes instead of failing', () => {
    const gap = ath
      .split('\n')
      .filter((l) => !l.startsWith('20:'))
      .join('\n');
    const [d] = parseLspciDump(gap);
    expect(d.warnings).toContain('16 bytes inside the dumped range are missing and read as 0');
    const odd = ath
      .split('\n')
      .filter((l) => !l.startsWith('30:'))
      .join('\n');
    expect(parseLspciDump(odd)[0].warnings).toContain(
      'the dump covers 48 bytes; lspci prints 64, 256 or 4096',
    );
  });
});

describe('errors name the line that failed', () => {
  const bad = (input: string | Uint8Array) => {
    try {
      parseLspciDump(input);
    } catch (e) {
      expect(e).toBeInstanceOf(EngineError);
      return e as EngineError;
    }
    throw new Error('no error');
  };
  it('a garbage line', () => {
    const e = bad('02:00.0 Network controller\n00: 8c 16 3c 00\nhello world\n');
    expect(e.code).toBe('dump-syntax');
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/^line 3: "hello world"/);
  });
  it('an offset that is not a multiple of 16, or beyond 4 KiB', () => {
    expect(bad('08: 00 11\n').line).toBe(1);
    expect(bad('00: 00\nff0: 00\n1000: 00\n').message).toMatch(/line 3/);
  });
  it('no hex at all', () => {
    expect(bad('02:00.0 Network controller: Qualcomm\n').code).toBe('dump-empty');
    expect(bad('').code).toBe('dump-empty');
  });
  it('a binary file of a size sysfs never returns', () => {
    expect(bad(new Uint8Array(100).fill(0xff)).code).toBe('dump-size');
  });
});

describe('binary sysfs config files', () => {
  it.each([64, 256, 4096])('%i bytes', (n) => {
    const raw = new Uint8Array(n).map((_, i) => (i * 7 + 0x80) & 0xff);
    raw[0] = 0x86;
    const [d] = parseLspciDump(raw);
    expect(d.bytes).toEqual(raw);
    expect(d.address).toBe('');
  });
  it('a text dump saved to a file and read as bytes is parsed as text', () => {
    const text = fixtureText('168c-003c-qca988x-ath10k-wifi');
    expect(parseLspciDump(new TextEncoder().encode(text))[0].address).toBe('02:00.0');
  });
});
