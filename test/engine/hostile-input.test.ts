/**
 * Hostile input gets a value or a clear message, fast and in bounded memory: explorer files and links
 * (deflate bombs, sizes that are not a config space, versions in percent-escapes), dumps (quote runs,
 * device lines without bytes, text encodings) and the engine API (ranges, option objects).
 */
import { describe, expect, it } from 'vitest';
import {
  createVfioDevice,
  decodeLink,
  EngineError,
  formatLspciDump,
  LINK_VERSION,
  parseLspciDump,
  readExplorerFile,
  runScenario,
  shareLink,
  stateToFile,
} from '../../src/index';
import { packToken } from '../../src/share/token';
import { DEFAULT_LINK, DEFAULT_VIEW } from '../../src/share/state';
import { toBase64url } from '../../src/util/base64url';
import { deflateBomb } from '../helpers/deflate-bomb';
import { fixtureBytes, fixtureText } from '../helpers/fixtures';

/** Growth of the process's peak resident memory while `fn` runs, in MiB (a fresh worker per file). */
function peakGrowthMiB(fn: () => void): number {
  const before = process.resourceUsage().maxRSS;
  fn();
  return (process.resourceUsage().maxRSS - before) / 1024;
}

const refusalOf = (fragment: string) => {
  const r = decodeLink(fragment, 8 * 1024 * 1024);
  if (r.ok) throw new Error(`opened: ${fragment.slice(0, 80)}`);
  return r;
};

/** One sentence: a capital, no doubled lead or stop, exactly one full stop at the end. */
function expectOneSentence(message: string): void {
  expect(message).toMatch(/^[A-Z][^\n]*[^.\s]\.$/);
  expect(message).not.toMatch(/\.\.|: [Tt]his (link|file) |cannot be opened.*cannot be opened/);
}

describe('explorer files and links', () => {
  it('a 2.6 MB deflate bomb in a state file stops inflating at the file limit', () => {
    const bomb = toBase64url(deflateBomb(2_600_000));
    let opened: ReturnType<typeof readExplorerFile> | undefined;
    const grown = peakGrowthMiB(() => {
      opened = readExplorerFile(
        JSON.stringify({ format: 'vfio-explorer-state', version: 1, link: `#t=${bomb}` }),
      );
    });
    expect(opened!.ok || opened!.message).toBe(
      "This file cannot be opened: the link's token is damaged: it inflates past 16777216 bytes.",
    );
    // Inflated whole, the bomb is 400 MiB.
    expect(grown).toBeLessThan(160);
  });
  const next = String(LINK_VERSION + 1);
  const escaped = [...next].map((d) => `%3${d}`).join('');
  it.each([`v=${escaped}&device=qca6390`, `%76=${next}&x=1`, `v=${escaped}&select=%zz`])(
    'a newer version spelled with percent-escapes (%s) still says "newer version"',
    (fragment) => {
      const r = refusalOf(fragment);
      expect(r.newer).toBe(true);
      expect(r.message).toMatch(
        new RegExp(`^This link was made by a newer vfio-explorer \\(link format ${next}\\)`),
      );
    },
  );
  it.each([0, 16, 100, 255, 4095])('a custom device of %i bytes is refused with a message', (size) => {
    const token = packToken({ json: { b: [size], d: { n: 'x', b: 0 } }, blobs: [new Uint8Array(size)] });
    const r = refusalOf(`v=1&device=custom&t=${token}`);
    expect(r.message).toBe(
      `This link cannot be opened: the link's token is invalid: its device is ${size} bytes, not a config space of 64, 256 or 4096.`,
    );
  });
  it('shareLink never reports success for a state that will not reopen', () => {
    const device = { kind: 'custom' as const, name: 'short.txt', bytes: new Uint8Array(48) };
    const r = shareLink({ ...DEFAULT_LINK, view: { ...DEFAULT_VIEW, device } });
    expect(r).toMatchObject({ ok: false });
    expect(!r.ok && r.message).toMatch(
      /^This state cannot be shared as a link: .*48 bytes, not a config space/,
    );
  });
  it('messages are one sentence, however deep the reason', () => {
    const tooLong = stateToFile({ ...DEFAULT_LINK, view: { ...DEFAULT_VIEW, select: '0x54.L' } }).replace(
      /#v=\d+/,
      `#v=${LINK_VERSION}&t=${'A'.repeat(3000)}`,
    );
    const results = [
      decodeLink('v=1&evil=1'),
      decodeLink(`t=${'A'.repeat(3000)}`),
      decodeLink('v=9'),
      decodeLink('v=1&step=x.'),
      readExplorerFile('nope'),
      readExplorerFile(tooLong),
      readExplorerFile(
        JSON.stringify({
          format: 'vfio-explorer-walkthrough',
          version: 1,
          title: 't',
          steps: [{ note: '', state: '#evil=1' }],
        }),
      ),
      readExplorerFile(JSON.stringify({ format: 'vfio-explorer-state', version: 1, link: '#v=1&step=x.' })),
      readExplorerFile(JSON.stringify({ format: 'vfio-explorer-state', version: 7, link: '#' })),
    ];
    const messages = results.map((r) => (r.ok ? 'opened' : r.message));
    for (const m of messages) expectOneSentence(m);
  });
});

describe('dumps', () => {
  const ath = fixtureText('168c-003c-qca988x-ath10k-wifi');
  const athBytes = fixtureBytes('168c-003c-qca988x-ath10k-wifi');
  const dumpError = (input: string | Uint8Array) => {
    try {
      parseLspciDump(input);
    } catch (e) {
      if (e instanceof EngineError) return e;
      throw e;
    }
    throw new Error('parsed');
  };
  it.each(['>', '"', '> '])(
    'a line of millions of %j is an error naming the line, not a stack overflow',
    (c) => {
      const e = dumpError(`${ath}\n${c.repeat(3_000_000)}x\n`);
      expect(e.line).toBe(ath.split('\n').length + 1);
    },
  );
  it('300k device lines without bytes cost bytes each, not kilobytes', () => {
    const text = `${'00:00.0 Host bridge\n'.repeat(300_000)}${ath}`;
    let devices: ReturnType<typeof parseLspciDump> = [];
    const grown = peakGrowthMiB(() => (devices = parseLspciDump(text)));
    expect(devices).toHaveLength(1);
    expect(devices[0].bytes).toEqual(athBytes);
    // At 8 KiB each (two 4 KiB arrays) they took 2.3 GiB.
    expect(grown).toBeLessThan(200);
  });
  it('200k repeated lines give one warning, not 200k', () => {
    const line = ath.split('\n').find((l) => l.startsWith('10:'))!;
    const [d] = parseLspciDump(`${ath}\n${`${line}\n`.repeat(200_000)}`);
    expect(d.warnings.filter((w) => w.includes('repeat'))).toEqual([
      `lines ${ath.split('\n').length + 1}, ${ath.split('\n').length + 2}, ${ath.split('\n').length + 3} and 199997 more repeat an offset; the later line wins`,
    ]);
  });
  const titled = ath.replace(/^(\S+) .*/, '$1 Network controller: Intel® Wireless 7265 — “quoted”');
  const utf16 = (text: string, littleEndian: boolean, bom: boolean) => {
    const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
    const view = new DataView(out.buffer);
    [...(bom ? '\uFEFF' : ''), ...text].forEach((c, i) =>
      view.setUint16(i * 2, c.charCodeAt(0), littleEndian),
    );
    return out;
  };
  it.each([
    ['UTF-8 with a BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(titled)])],
    ['UTF-8 with Intel®', new TextEncoder().encode(titled)],
    ['UTF-16 LE with a BOM', utf16(titled, true, true)],
    ['UTF-16 LE without', utf16(titled, true, false)],
    ['UTF-16 BE with a BOM', utf16(titled, false, true)],
    ['a pasted string with a BOM', `\uFEFF${titled}`],
  ])('%s is text, not a binary file', (_, input) => {
    const [d] = parseLspciDump(input);
    expect(d.bytes).toEqual(athBytes);
    expect(d.title).toBe('Network controller: Intel® Wireless 7265 — “quoted”');
    expect(formatLspciDump(d)).toContain('Intel®');
  });
  it('a control character in a failing line is shown escaped', () => {
    expect(dumpError(`${ath}\n\u001b[2Jevil\n`).message).toContain('"\\u001b[2Jevil"');
  });
});

describe('engine API', () => {
  const dev = () => createVfioDevice(fixtureBytes('8086-095a-wireless-7265-wifi'));
  it.each([2 ** 32, 2 ** 40, 4097])('readBlock(0, %i) is -EFAULT before allocating', (length) => {
    const grown = peakGrowthMiB(() =>
      expect(() => dev().readBlock(0, length)).toThrow(/^-EFAULT: config access of \d+ byte\(s\) at 0x0/),
    );
    expect(grown).toBeLessThan(64);
  });
  it.each([
    ['{"__proto__": {"cfgSize": 4096}}', 'unknown option "__proto__"'],
    ['{"constructor": 1}', 'unknown option "constructor"'],
    ['{"cfgSize": "4096"}', 'option "cfgSize" must be one of 256, 4096'],
    ['{"nointx": "yes"}', 'option "nointx" must be true or false'],
    ['{"resources": 5}', 'option "resources" must be a list of BAR resources'],
    ['{"resources": [{"index": 0, "start": "0", "size": 16, "type": "mem32"}]}', 'resources[0].start'],
    ['{"virtfn": {"vendor": "0x8086", "device": 1}}', 'option "virtfn" must be { vendor, device }'],
    ['{"vpd": "abc"}', 'option "vpd" must be a Uint8Array'],
  ])('createVfioDevice options %s are an EngineError', (json, message) => {
    const e = (() => {
      try {
        createVfioDevice(fixtureBytes('8086-095a-wireless-7265-wifi'), JSON.parse(json));
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(EngineError);
    expect((e as Error).message).toContain(message);
  });
  it.each(['{"__proto__": {"vectors": 16}}', '{"constructor": 1}', '{"toString": true}'])(
    'runScenario options %s are an EngineError',
    (json) => {
      expect(() => runScenario('S3', JSON.parse(json))).toThrow(EngineError);
      expect(() => runScenario('S3', JSON.parse(json))).toThrow(
        /^unknown option "(__proto__|constructor|toString)"$/,
      );
    },
  );
  it.each([
    ['1', 8],
    [1, null],
    [2 ** 32, 8],
    [-1, 8],
  ])('deviceFeature(%j, %j) is -EINVAL', (flags, argsz) => {
    expect(() => dev().deviceFeature(flags as number, argsz as number)).toThrow(/^-EINVAL: (flags|argsz) /);
  });
});
