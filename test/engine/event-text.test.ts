/**
 * Every event's text is held to its payload, for every scenario over its option space (scenarioOptionSets:
 * the whole product, or every pair of option values where the product is large): the text is what
 * describeEvent makes of the event's data; every hex number it names is one the payload holds (or derives
 * from it: a range's end, a route's decoded destination); the address/data/vector/IRTE index/offset the
 * payload has appear in it; a write vfio-pci dropped is never said to reach vconfig or the hardware; and
 * the outcome is said.
 */
import { describe, expect, it } from 'vitest';
import {
  describeEvent,
  EngineError,
  runScenario,
  SCENARIO_IDS,
  scenarioOptionSets,
  type RunOptions,
  type ScenarioResult,
  type TimelineEvent,
} from '../../src/index';
import { routeDestination } from '../../src/scenario/models/kvm';

/** Payload keys whose number the text must name (in hex). */
const MUST_NAME_HEX = [
  'address',
  'data',
  'vector',
  'guestVector',
  'irte',
  'index',
  'offset',
  'value',
  'first',
  'reason',
  'guestValue',
  'virtualIrte',
  'guestAddress',
  'guestData',
  'msgData',
] as const;
/** Payload keys whose number the text must name, in decimal (or hex for APIC ids above 255). */
const MUST_NAME_DEC = ['gsi', 'irq', 'vcpu', 'apic', 'dest', 'count', 'granted', 'requested'] as const;

const hexesIn = (text: string) => [...text.matchAll(/0x([0-9a-f]+)/g)].map((m) => parseInt(m[1], 16));

/** Every number the text may name in hex: the payload's, and what the describers derive from them. */
function allowedHex(e: TimelineEvent): Set<number> {
  const p = e.payload;
  const nums: number[] = [];
  for (const v of Object.values(p)) {
    if (typeof v === 'number') nums.push(v >>> 0, v);
    if (Array.isArray(v)) nums.push(...v);
    if (typeof v === 'string') nums.push(...hexesIn(v)); // a log line or reason the text quotes
  }
  const n = (k: string) => (typeof p[k] === 'number' ? (p[k] as number) : undefined);
  if (n('valueHi') !== undefined) nums.push(n('valueHi')! * 2 ** 32 + (n('value')! >>> 0));
  if (n('base') !== undefined) nums.push(n('base')! + n('size')! - 1);
  if (n('first') !== undefined) nums.push(n('first')! + n('count')! - 1);
  if (n('guestBase') !== undefined && n('vectors') !== undefined) nums.push(n('guestBase')! + n('vectors')!);
  if (Array.isArray(p.quirkWindow)) nums.push(p.quirkWindow[0] + p.quirkWindow[1] - 1);
  if (e.kind === 'route-update' && n('address') !== undefined) {
    const t = routeDestination(n('address')!, n('data')!, n('addressHi') ?? 0);
    nums.push(t.apic, t.vector);
  }
  // Fixed constants a describer may name: the posted-interrupt vectors, MSI1 enable, VFIO feature flags.
  return new Set(nums);
}

function mentions(text: string, v: number): boolean {
  return hexesIn(text).includes(v >>> 0) || new RegExp(`(^|[^0-9a-fx])${v}([^0-9]|$)`).test(text);
}

/** What is wrong with an event's text, or nothing (plain checks: millions of expect() calls would crawl). */
function problems(e: TimelineEvent): string[] {
  const text = e.explanation;
  const out: string[] = [];
  const want = (ok: boolean, what: string) => {
    if (!ok) out.push(what);
  };
  want(text === describeEvent(e), 'is not describeEvent(event)');
  want(text.length > 10, 'is empty');
  const allowed = allowedHex(e);
  const named = hexesIn(text);
  for (const h of named) want(allowed.has(h), `names 0x${h.toString(16)}, which the payload does not hold`);
  for (const k of MUST_NAME_HEX) {
    const v = e.payload[k];
    if (typeof v !== 'number') continue;
    if (k === 'index' && e.kind === 'ioctl') continue; // an IRQ index, named (MSI, MSI-X) rather than numbered
    const full =
      k === 'value' && typeof e.payload.valueHi === 'number'
        ? e.payload.valueHi * 2 ** 32 + (v >>> 0)
        : v >>> 0;
    want(named.includes(full), `does not name ${k} 0x${full.toString(16)}`);
  }
  for (const k of MUST_NAME_DEC) {
    const v = e.payload[k];
    if (typeof v === 'number') want(mentions(text, v), `does not name ${k} ${v}`);
  }
  if (e.kind === 'config-write' && typeof e.payload.toVconfig === 'number') {
    const { toVconfig, toHardware, dropped } = e.payload as Record<string, number>;
    if (!toVconfig) want(!/(go|goes|went) to vconfig|vconfig only/.test(text), 'says bits went to vconfig');
    if (!toHardware)
      want(!/reach(es)? the hardware|to hardware/.test(text), 'says bits reached the hardware');
    if (!toVconfig && !toHardware)
      want(/drops the whole write/.test(text), 'does not say the write was dropped');
    else if (dropped) want(/dropped/.test(text), 'does not say which bits were dropped');
  }
  if (e.kind === 'config-read' && e.to !== 'device') {
    if (!e.payload.fromHardware) want(!/from the hardware/.test(text), 'says bits came from the hardware');
    if (!e.payload.fromQemu) want(!/QEMU's emulated copy/.test(text), "says bits came from QEMU's copy");
    if (!e.payload.fromVconfig) want(!/vconfig/.test(text), 'says bits came from vconfig');
  }
  if (e.kind === 'mmio-write' && e.to !== 'device')
    want(!/(?<!nothing )reaches the device/.test(text), 'says a trapped write reached the device');
  if (e.outcome === 'blocked') want(/block|fails|does not offer/.test(text), 'does not say it was blocked');
  if (e.outcome === 'lost')
    want(
      /lost|no handler|cannot|times out|no message|masked|beyond|clear/.test(text),
      'does not say it was lost',
    );
  if (e.outcome === 'delivered') want(/delivered|handler runs/.test(text), 'does not say it was delivered');
  return out;
}

function run(id: string, o: RunOptions): ScenarioResult | null {
  try {
    return runScenario(id, o);
  } catch (err) {
    if (err instanceof EngineError) return null; // an impossible combination, refused with its reason
    throw err;
  }
}

describe('every event says what its payload holds', () => {
  for (const id of SCENARIO_IDS) {
    it(`${id} over its option space`, { timeout: 600_000 }, () => {
      const sets = scenarioOptionSets(id);
      let ran = 0;
      const failures = new Map<string, string>();
      for (const o of sets) {
        const r = run(id, o);
        if (!r) continue;
        ran++;
        for (const e of r.events) {
          const wrong = problems(e);
          // One failure per event kind keeps the report readable.
          if (wrong.length && !failures.has(e.kind))
            failures.set(
              e.kind,
              `${JSON.stringify(o)} event ${e.seq} (${e.kind}) "${e.explanation}": ${wrong.join('; ')}`,
            );
        }
      }
      expect([...failures.values()].join('\n')).toBe('');
      expect(ran).toBeGreaterThan(0);
    });
  }
});

describe('the two texts that contradicted their payload', () => {
  it('S3: the guest MSI address write NOVIRT drops is said to be dropped, not kept in vconfig', () => {
    const r = runScenario('S3');
    const w = r.events.find((e) => e.kind === 'config-write' && e.payload.register === 'PCI_MSI_ADDRESS_LO')!;
    expect(w.payload).toMatchObject({ toVconfig: 0, toHardware: 0, dropped: 0xffffffff });
    expect(w.explanation).toBe(
      "The guest kernel writes PCI_MSI_ADDRESS_LO (0x54/4) ← 0xfee00000; vfio-pci drops the whole write: neither vconfig nor the hardware changes. QEMU's emulated copy changes in bits 0xfee00000.",
    );
  });

  it("S8 vIOMMU: the route's text names the translated message it carries and the guest message it came from", () => {
    const r = runScenario('S8', { branch: 'viommu' });
    const route = r.events.find((e) => e.kind === 'route-update')!;
    expect(route.payload).toMatchObject({ address: 0xfee1f000, addressHi: 0x100, data: 0x30 });
    expect(route.explanation).toBe(
      "KVM route GSI 24 carries 0x100:0xfee1f000/0x0030 (APIC 0x11f, vector 0x30), translated from the guest's remappable 0xfee000b8/0x0000 through its virtual IRTE 0x5; irqfd E0 fires it.",
    );
  });

  it('a describer refuses a payload it has no words for instead of guessing', () => {
    const e = {
      from: 'qemu',
      to: 'qemu',
      kind: 'log',
      payload: { note: 'nonsense' },
      outcome: 'ok',
    } as const;
    expect(() => describeEvent(e)).toThrow(/no text for note "nonsense"/);
  });
});
