/** Share links: exact encodings, round trips for random states, size budgets, and hostile input. */
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  ath11kConfig,
  decodeFragment,
  decodeLink,
  DEFAULT_LINK,
  DEFAULT_VIEW,
  encodeFragment,
  encodeLink,
  formatSelect,
  KERNEL_IDS,
  BUILTIN_PATCHES,
  parseSizedSelect,
  LINK_VERSION,
  NOVIRT_OP,
  OVERLAYS,
  REGIONS,
  SCENARIOS,
  SCENARIO_IDS,
  SPEEDS,
  shareLink,
  VALUE_VIEWS,
  type LinkState,
  type SessionOp,
  type ViewState,
} from '../../src/index';
import { sessionOp } from '../helpers/session-ops';
import { QEMU_VERSION_IDS } from '../../src/qemu/version';
import { pairsToView, viewToPairs } from '../../src/share/readable';
import { toBase64url } from '../../src/util/base64url';
import { fixtureBytes, fixtureNames } from '../helpers/fixtures';
import { fcParams, RUNS } from '../helpers/fuzz';

const open = (fragment: string, maxChars?: number): LinkState => {
  const r = decodeLink(fragment, maxChars);
  if (!r.ok) throw new Error(r.message);
  return r.state;
};
const refusal = (fragment: string): string => {
  const r = decodeLink(fragment);
  if (r.ok) throw new Error(`opened: ${fragment}`);
  return r.message;
};
const withView = (view: Partial<ViewState>): LinkState => ({
  ...DEFAULT_LINK,
  view: { ...DEFAULT_VIEW, ...view },
});

describe('readable keys', () => {
  it('the default screen is just the version', () => {
    expect(encodeLink(DEFAULT_LINK)).toBe('v=2');
    expect(open('')).toEqual(DEFAULT_LINK);
    expect(open('#v=1')).toEqual(DEFAULT_LINK);
  });
  it('the review example opens to exactly what it says, and a hand-written link needs no v', () => {
    const state = open('#device=qca6390&novirt=1&select=0x54.L&scenario=S3&step=12');
    expect(state.view).toEqual({
      ...DEFAULT_VIEW,
      ops: [{ kind: 'feature', flags: 0x2000b, argsz: 8 }],
      select: '0x54.L',
      scenario: 'S3',
      step: 12,
    });
    expect(encodeLink(state)).toBe('v=2&novirt=1&select=0x54.L&scenario=S3&step=12');
  });
  it('writes every view key it knows, and reads them back', () => {
    const state = withView({
      device: { kind: 'preset', id: '8086-095a-wireless-7265-wifi' },
      kernel: 'v7.0',
      compareKernel: 'v6.11',
      select: 'CAP_MSI+4.L',
      cursor: 0x54 * 8 + 3,
      overlay: 'diff-novirt',
      valueView: 'physical',
      compact: true,
      scenario: 'S4',
      options: { branch: 'wide-store', vcpus: 8, posted: true },
      step: 3,
      speed: 0.5,
      compare: 'S3',
      flight: true,
    });
    const fragment = encodeLink({
      ...state,
      walk: { kind: 'builtin', id: 'novirt-review' },
      walkStep: 2,
      present: true,
    });
    expect(fragment).toBe(
      'v=2&walk=novirt-review&wstep=3&present=1&device=8086-095a-wireless-7265-wifi&kernel=v7.0&kvs=v6.11' +
        '&select=CAP_MSI+4.L&bit=0x54:3&overlay=diff-novirt&view=physical&compact=1&scenario=S4' +
        '&o.branch=wide-store&o.vcpus=8&o.posted=true&step=3&speed=0.5&vs=S3&flight=1',
    );
    expect(open(fragment).view).toEqual(state.view);
    // A `+` typed by hand is a plus, not a space.
    expect(open('select=CAP_MSI+4.L').view.select).toBe('CAP_MSI+4.L');
  });
  it('follow=1: the config views show the scenario at its step; anything but 1/0/vs is refused', () => {
    const state = withView({
      ...DEFAULT_VIEW,
      scenario: 'S3',
      step: 9,
      select: '0x54.L',
      follow: 'scenario',
    });
    const fragment = encodeLink(state);
    expect(fragment).toBe('v=2&select=0x54.L&scenario=S3&step=9&follow=1');
    expect(open(fragment).view).toEqual(state.view);
    expect(open('scenario=S3&step=9').view.follow).toBe(false);
    expect(decodeLink('follow=yes')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/follow=yes/),
    });
    expect(open('follow=true').view.follow).toBe('scenario');
    expect(open('follow=0').view.follow).toBe(false);
  });
  it('follow=vs: the config views show the compared scenario, which vs= must name', () => {
    const state = withView({ ...DEFAULT_VIEW, compare: 'S3', step: 9, follow: 'vs' });
    const fragment = encodeLink(state);
    expect(fragment).toBe('v=2&step=9&vs=S3&follow=vs');
    expect(open(fragment).view).toEqual(state.view);
    expect(decodeLink('step=9&follow=vs')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/follow=vs: the link compares no scenario \(no vs=\) to follow/),
    });
  });
  it('version-1 kernel links migrate: kernel=mainline is v6.11, kernel=rfc the default', () => {
    expect(LINK_VERSION).toBe(2);
    expect(open('v=1&kernel=mainline&novirt=1').view).toEqual({
      ...DEFAULT_VIEW,
      kernel: 'v6.11',
      ops: [NOVIRT_OP],
    });
    expect(open('kernel=mainline').view.kernel).toBe('v6.11'); // no v: a link from before versions
    expect(open('v=1&kernel=rfc').view).toEqual(DEFAULT_VIEW);
    // Version 2 names versions only; the old words are refused there, with the choices listed.
    expect(decodeLink('v=2&kernel=mainline')).toEqual({
      ok: false,
      newer: false,
      reason: 'kernel=mainline: expected one of v6.11-rfc, v6.11, v7.0',
      message: 'This link cannot be opened: kernel=mainline: expected one of v6.11-rfc, v6.11, v7.0.',
    });
    expect(decodeLink('v=1&kernel=v9')).toMatchObject({ ok: false });
    // The scenarios' flag too: o.rfc=false is o.kernel=v6.11.
    expect(open('v=1&scenario=S3&o.rfc=false').view.options).toEqual({ kernel: 'v6.11' });
    expect(open('v=1&scenario=S3&o.rfc=1').view.options).toEqual({});
  });
  it('a v1 custom walkthrough keeps its steps’ kernel through the migration', () => {
    const v2 = encodeLink({
      ...DEFAULT_LINK,
      walk: {
        kind: 'custom',
        walkthrough: {
          title: 't',
          steps: [{ state: { ...DEFAULT_VIEW, kernel: 'v6.11' }, note: 'n', highlight: null }],
        },
      },
    });
    // The same token under v=1 with the step written as v1 wrote it.
    const r = decodeLink(v2.replace('v=2', 'v=1'));
    expect(r.ok && r.state.walk?.kind === 'custom' && r.state.walk.walkthrough.steps[0].state.kernel).toBe(
      'v6.11',
    );
  });
  it('selections are written as setpci addresses, or offset:size for other sizes', () => {
    expect([
      formatSelect(0x54, 4),
      formatSelect(0x52, 2),
      formatSelect(0x3c, 1),
      formatSelect(0x100, 16),
    ]).toEqual(['0x54.L', '0x52.W', '0x3c.B', '0x100:16']);
    expect(parseSizedSelect('0x100:16')).toEqual({ offset: 0x100, size: 16 });
    expect(parseSizedSelect('0x54.L')).toBeNull();
  });
  it('ops beyond the NOVIRT shorthand travel in the token', () => {
    const ops: SessionOp[] = [
      NOVIRT_OP,
      { kind: 'write', as: 'guest', offset: 0x54, size: 4, value: 0xfee00000 },
      { kind: 'write', as: 'vmm', offset: 0x04, size: 2, value: 0x0406 },
      { kind: 'read', as: 'vmm', offset: 0x54, size: 4 },
      { kind: 'read', as: 'guest', offset: 0x52, size: 2 },
      { kind: 'reset' },
    ];
    const fragment = encodeLink(withView({ ops }));
    expect(fragment).toMatch(/^v=2&novirt=1&t=[A-Za-z0-9_-]+$/);
    expect(open(fragment).view.ops).toEqual(ops);
  });
});

// --- random states -------------------------------------------------------------------------------------

const PRESET_IDS = ['qca6390', 'wcn6855', ...fixtureNames()];
const SELECTS = [
  '0x54.L',
  '0x4.W',
  'COMMAND.W',
  'CAP_MSI+4.L',
  'ECAP_AER+8.W',
  'PCI_MSI_ADDRESS_LO',
  '0x100:16',
  '52',
];

const customDevice = fc.record({
  kind: fc.constant('custom' as const),
  name: fc.string({ maxLength: 40 }),
  bytes: fc.constantFrom(64, 256, 4096).chain((n) => fc.uint8Array({ minLength: n, maxLength: n })),
});

const options = (scenario: string) => {
  const def = SCENARIOS.find((s) => s.id === scenario)!;
  type Entry = fc.Arbitrary<[string, string | number | boolean]>;
  const entries = Object.entries(def.defaults).map(([k, v]): Entry =>
    typeof v === 'boolean'
      ? fc.tuple(fc.constant(k), fc.boolean())
      : typeof v === 'number'
        ? fc.tuple(fc.constant(k), fc.integer({ min: 0, max: 4096 }))
        : fc.tuple(fc.constant(k), fc.string({ maxLength: 12 })),
  );
  if (def.branches) entries.push(fc.tuple(fc.constant('branch'), fc.constantFrom(...def.branches)));
  return fc
    .subarray(entries)
    .chain((picked) => fc.tuple(...picked).map((pairs): [string, string | number | boolean][] => pairs));
};

const view: fc.Arbitrary<ViewState> = fc.constantFrom(...SCENARIOS.map((s) => s.id)).chain((scenario) =>
  fc
    .record({
      device: fc.oneof(
        fc.record({ kind: fc.constant('preset' as const), id: fc.constantFrom(...PRESET_IDS) }),
        customDevice,
      ),
      kernel: fc.constantFrom(...KERNEL_IDS),
      compareKernel: fc.option(fc.constantFrom(...KERNEL_IDS)),
      qemu: fc.constantFrom(...QEMU_VERSION_IDS),
      ops: fc.array(sessionOp, { maxLength: 6 }),
      select: fc.option(fc.constantFrom(...SELECTS)),
      cursor: fc.option(fc.integer({ min: 0, max: 4096 * 8 - 1 })),
      overlay: fc.constantFrom(...OVERLAYS),
      valueView: fc.constantFrom(...VALUE_VIEWS),
      compact: fc.boolean(),
      scenario: fc.constant(scenario),
      options: options(scenario).map((pairs) =>
        Object.fromEntries(pairs as [string, string | number | boolean][]),
      ),
      step: fc.integer({ min: 0, max: 100_000 }),
      speed: fc.constantFrom(...SPEEDS),
      compare: fc.option(fc.constantFrom(...SCENARIOS.map((s) => s.id))),
      flight: fc.boolean(),
      follow: fc.constantFrom(false as const, 'scenario' as const, 'vs' as const),
      // A built-in by name, or any text (a draft that does not parse travels too).
      patch: fc.option(
        fc.oneof(
          fc.constantFrom(...BUILTIN_PATCHES.map((b) => ({ name: b.name, text: b.text }))),
          fc.record({ name: fc.string({ maxLength: 20 }), text: fc.string({ maxLength: 200 }) }),
        ),
      ),
    })
    .map((v) => (v.follow === 'vs' && v.compare === null ? { ...v, follow: 'scenario' as const } : v)),
);

const linkState: fc.Arbitrary<LinkState> = fc.oneof(
  fc.record({ view, walk: fc.constant(null), walkStep: fc.constant(0), present: fc.boolean() }),
  fc.record({
    view,
    walk: fc.record({
      kind: fc.constant('builtin' as const),
      id: fc.constantFrom('novirt-review', 'config-space'),
    }),
    walkStep: fc.integer({ min: 0, max: 99 }),
    present: fc.boolean(),
  }),
  fc
    .array(
      fc.record({
        state: view,
        note: fc.string({ maxLength: 200 }),
        highlight: fc.option(fc.constantFrom(...REGIONS)),
      }),
      { minLength: 1, maxLength: 4 },
    )
    .chain((steps) =>
      fc.record({
        view,
        walk: fc.record({
          kind: fc.constant('custom' as const),
          walkthrough: fc.record({ title: fc.string({ maxLength: 60 }), steps: fc.constant(steps) }),
        }),
        walkStep: fc.integer({ min: 0, max: steps.length - 1 }),
        present: fc.boolean(),
      }),
    ),
);

describe('round trip', () => {
  it('links know every scenario the simulator runs, and every option it takes', () => {
    expect(SCENARIOS.map((s) => s.id)).toEqual([...SCENARIO_IDS]);
    for (const s of SCENARIOS)
      expect(Object.keys(s.defaults).sort()).toEqual(Object.keys(SCENARIOS[0].defaults).sort());
  });
  it('decode(encode(state)) = state for random states', () => {
    fc.assert(
      fc.property(linkState, (state) => {
        expect(open(encodeLink(state), Infinity)).toEqual(state);
      }),
      fcParams,
    );
  });
  it('without a token codec, a token-less link codes exactly as with one, and a link needing a token is null', () => {
    fc.assert(
      fc.property(linkState, (state) => {
        const fragment = encodeLink(state);
        const hasToken = /(^|&)t=/.test(fragment);
        expect(encodeFragment(state, null)).toBe(hasToken ? null : fragment);
        expect(decodeFragment(fragment, Infinity, null)).toEqual(
          hasToken ? null : decodeLink(fragment, Infinity),
        );
      }),
      fcParams,
    );
    // Errors found before the token are reported without it; a broken token needs the codec to say so.
    expect(decodeFragment('v=1&nope=1&t=AAAA', 2000, null)).toEqual(decodeLink('v=1&nope=1&t=AAAA'));
    expect(decodeFragment('v=1&t=AAAA', 2000, null)).toBeNull();
    expect(decodeLink('v=1&t=AAAA')).toMatchObject({ ok: false });
  });
});

describe('length budgets', () => {
  it('every preset state is readable and at most 150 characters', () => {
    for (const id of PRESET_IDS) {
      const fragment = encodeLink(
        withView({
          device: { kind: 'preset', id },
          ops: [NOVIRT_OP],
          select: '0x54.L',
          cursor: 0x54 * 8 + 3,
          overlay: 'diff-novirt',
          scenario: 'S3',
          options: { vectors: 16 },
          step: 12,
          compare: 'S2',
        }),
      );
      expect(fragment).not.toMatch(/(^|&)t=/);
      expect(fragment.length).toBeLessThanOrEqual(150);
    }
  });
  it('a custom 4 KiB dump with an 8-step walkthrough stays within 1000 characters', () => {
    const [name, bytes] = fixtureNames()
      .map((n) => [n, fixtureBytes(n)] as const)
      .find(([, b]) => b.length === 4096)!;
    const device = { kind: 'custom' as const, name, bytes };
    const notes = [
      'The MSI capability sits at 0x50; vfio-pci virtualizes its address and data.',
      'The guest writes **0xfee00000** here; only vconfig changes.',
      'QEMU reads the host message back with `novirt=1`.',
      'Toggle the RFC off: the feature returns -ENOTTY.',
      'S2: the rings copy the guest message and VT-d blocks it (0x25).',
      'S3: the quirk rewrites the copies with the host message.',
      'Compare S3 with S4 (IMS): the reuse assumption breaks.',
      'Posted interrupts: the IRTE points at the vCPU, not the host.',
    ];
    const steps = notes.map((note, i) => ({
      state: {
        ...DEFAULT_VIEW,
        device,
        ops: i > 1 ? [NOVIRT_OP] : [],
        select: '0x54.L',
        scenario: (['S1', 'S1', 'S1', 'S1', 'S2', 'S3', 'S4', 'S6'] as const)[i],
        step: i * 3,
      },
      note,
      highlight: i < 4 ? ('config' as const) : ('paths' as const),
    }));
    const state: LinkState = {
      view: steps[0].state,
      walk: { kind: 'custom', walkthrough: { title: 'My review of the RFC', steps } },
      walkStep: 0,
      present: false,
    };
    const r = shareLink(state);
    expect(r.ok && r.fragment.length).toBeLessThanOrEqual(1000);
    expect(open(r.ok ? r.fragment : '')).toEqual(state);
  });
  it('a state over 2000 characters is refused with the file alternative', () => {
    const ops: SessionOp[] = Array.from({ length: 400 }, (_, i) => ({
      kind: 'write',
      as: 'guest',
      offset: (i * 37) % 4000,
      size: 4,
      value: (i * 2654435761) >>> 0,
    }));
    const r = shareLink(withView({ ops }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.length).toBeGreaterThan(2000);
      expect(r.message).toMatch(/over 2000 characters.*: export it to a file instead\.$/);
    }
  });
});

describe('versions and hostile links', () => {
  it('a link from a newer release says so instead of guessing', () => {
    const r = decodeLink(`#v=${LINK_VERSION + 1}&device=qca6390&whatever=new`);
    expect(r).toEqual({
      ok: false,
      newer: true,
      reason: 'this one reads formats up to 2, so open it with the newer explorer',
      message:
        'This link was made by a newer vfio-explorer (link format 3): this one reads formats up to 2, so open it with the newer explorer.',
    });
  });
  it.each([
    ['unknown key', 'v=1&evil=1', 'unknown key "evil"'],
    ['duplicate key', 'step=1&step=2', 'key "step" appears twice'],
    ['bad percent-encoding', 'select=%E0%A4%A', 'is not valid percent-encoding'],
    ['bad scenario', 'scenario=S99', 'scenario=S99: expected one of S1'],
    ['bad option', 'scenario=S3&o.__proto__=1', 'S3 has no option "__proto__"'],
    ['bad step', 'step=-1', 'step=-1: expected an integer'],
    ['bad select', 'select=<script>', 'select=<script>: "<script>": expected an address'],
    ['script device', 'device=<img src=x onerror=alert(1)>', 'not a preset id'],
    ['wstep without walk', 'wstep=2', 'wstep without walk'],
    ['wstep beyond a custom walkthrough', 'walk=custom', 'carries no walkthrough'],
    ['broken token', 'v=1&t=AAAA!', "the link's token is damaged: it has characters outside base64url"],
    [
      'truncated token',
      `v=1&t=${encodeLink(withView({ ops: [{ kind: 'reset' }, { kind: 'reset' }] }))
        .split('t=')[1]
        .slice(0, 6)}`,
      'damaged',
    ],
    ['custom device without bytes', 'device=custom', 'the link carries no device bytes'],
    ['not a version', 'v=x', 'v=x is not a version'],
  ])('%s is refused with a message', (_, fragment, why) => {
    expect(refusal(fragment)).toContain(why);
  });
  it('a deflate bomb is cut off at the inflate limit', () => {
    const bomb = toBase64url(deflateSync(new Uint8Array(1024 * 1024), { level: 9 }));
    expect(bomb.length).toBeLessThan(2000);
    expect(refusal(`t=${bomb}`)).toContain('it inflates past 262144 bytes');
  });
  it('a huge link is refused before any decoding', () => {
    expect(refusal(`t=${'A'.repeat(5000)}`)).toBe(
      'This link is 5002 characters long; the explorer opens links of up to 2000, so ask for the state as a file.',
    );
  });
  it('mutated and truncated real links never throw: they open or explain', () => {
    const base = encodeLink({
      ...withView({
        device: { kind: 'custom', name: 'qca', bytes: ath11kConfig({ deviceId: 0x1101, msi: 'host' }) },
      }),
      walk: {
        kind: 'custom',
        walkthrough: { title: 't', steps: [{ state: DEFAULT_VIEW, note: 'n', highlight: null }] },
      },
    });
    fc.assert(
      fc.property(fc.nat(base.length), fc.nat(base.length), fc.string({ maxLength: 4 }), (cut, at, junk) => {
        const mutated = base.slice(0, at) + junk + base.slice(at + junk.length, Math.max(at, cut));
        const r = decodeLink(mutated);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.message).toMatch(/^This link/);
      }),
      { ...fcParams, numRuns: RUNS * 3 },
    );
  });
});

describe('qemu= (the QEMU release)', () => {
  it('is written only when it is not the default 9.1, and read back', () => {
    const v = { ...DEFAULT_VIEW, qemu: '10.1' as const };
    const { pairs } = viewToPairs(v);
    expect(pairs).toContainEqual(['qemu', '10.1']);
    expect(viewToPairs(DEFAULT_VIEW).pairs.find(([k]) => k === 'qemu')).toBeUndefined();
    expect(pairsToView([['qemu', '8.0']], {}).qemu).toBe('8.0');
    expect(() => pairsToView([['qemu', '7.2']], {})).toThrow(/qemu/);
  });
});
