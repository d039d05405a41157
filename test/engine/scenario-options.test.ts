/**
 * runScenario's options: a bad one is a clear error naming it, and every policy knob changes the outcome
 * (none is silently ignored). The scenarios' decisive values are scenarios.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { EngineError, runScenario } from '../../src/index';
import { firstEvent as find, verdict } from '../helpers/scenario-run';

describe('bad options are clear errors naming the option', () => {
  it.each([
    ['S11', {}, /unknown scenario "S11": choose one of S1, S2/],
    ['S2', { ir: 'arm' }, /option "ir" must be one of "intel", "amd", "none", not "arm"/],
    ['S2', { vectors: 8 }, /option "vectors" must be one of 1, 16, 32/],
    ['S2', { posted: true, ir: 'none' }, /option "posted" needs interrupt remapping/],
    ['S2', { colour: 'red' }, /unknown option "colour"/],
    ['S4', { branch: 'nope' }, /option "branch" of S4 must be one of ims, ims-same-address/],
    ['S2', { branch: 'ims' }, /S2 has no branches/],
    ['S2', { vcpus: 0 }, /option "vcpus" must be an integer/],
    ['S2', { quirk: 'yes' }, /option "quirk" must be true or false/],
  ])('%s %j', (id, o, msg) => {
    expect(() => runScenario(id, o as never)).toThrow(EngineError);
    expect(() => runScenario(id, o as never)).toThrow(msg);
  });
});

describe('policy knobs change the outcome, none is ignored', () => {
  it('a plain MSI device works under default virtualization: nothing copies the message', () => {
    const r = runScenario('S2', { device: 'plain-msi' });
    expect(r.verdicts).toEqual([
      expect.objectContaining({ source: 'MSI0', outcome: 'delivered', guestVector: 0x21, vcpu: 0 }),
    ]);
  });
  it('DATA written before the address escapes the armed slot: host address + guest data → IRTE 0x2B+0x21 = 0x4C absent', () => {
    const r = runScenario('S3', { ringWrites: 'data-first' });
    expect(find(r, (e) => e.source === 'CE1' && e.kind === 'fault').payload).toMatchObject({
      reason: 0x22,
      index: 0x4c,
    });
  });
  it('an IMS-style guest policy breaks every ring even with the quirk', () => {
    const r = runScenario('S3', { guest: 'ims' });
    expect(r.verdicts.filter((v) => v.source !== 'MHI0').every((v) => v.outcome === 'blocked')).toBe(true);
  });
  it('toggling MSI: alloc_irte hands back the freed IRTE 0x2B, the host message is unchanged and the rings keep working', () => {
    const r = runScenario('S3', { guestToggleMsi: true });
    expect(find(r, (e) => e.kind === 'ioctl' && e.payload.count === 0).payload.ret).toBe(0);
    expect(find(r, (e) => e.kind === 'irte-write' && e.payload.cleared !== undefined).payload).toEqual({
      cleared: [0x2b],
    });
    const programs = r.events.filter((e) => e.kind === 'msi-program' && e.payload.address !== undefined);
    expect(programs.map((e) => e.payload)).toEqual([
      { address: 0xfee00578, data: 0, vectors: 1 },
      { address: 0xfee00578, data: 0, vectors: 1 },
    ]);
    const allocs = r.events.filter((e) => e.kind === 'irq-alloc' && e.payload.irqs !== undefined);
    expect(allocs.map((e) => [e.payload.irqs, e.payload.vectors])).toEqual([
      [[150], [0x24]],
      [[150], [0x24]],
    ]);
    expect(
      r.events
        .filter((e) => e.kind === 'route-update' && e.payload.gsi !== undefined)
        .map((e) => e.payload.gsi),
    ).toEqual([24, 24]);
    expect(verdict(r, 'CE1')).toMatchObject({ outcome: 'delivered', guestVector: 0x21, vcpu: 0 });
    expect(r.verdicts.every((v) => v.outcome === 'delivered')).toBe(true);
  });
  it('with IR a host affinity change rewrites only the IRTE, so the quirked rings keep working', () => {
    const r = runScenario('S3', { affinityChange: true });
    expect(r.events.filter((e) => e.kind === 'msi-program')).toHaveLength(1);
    expect(find(r, (e) => e.source === 'CE1' && e.kind === 'irte-lookup').payload).toEqual({
      irte: 0x2b,
      vector: 0x26,
      apic: 7,
    });
  });
  it('options that do not apply to a scenario are refused, not ignored', () => {
    expect(() => runScenario('S1', { quirk: true })).toThrow(/option "quirk" does not apply to S1/);
    expect(() => runScenario('S6', { ir: 'amd' })).toThrow(/option "ir" does not apply to S6/);
  });
});
