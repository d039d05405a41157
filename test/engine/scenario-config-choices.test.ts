/**
 * scenarioConfigAt under the explorer's own choices: the kernel and QEMU the user picked are what the
 * followed views show wherever the scenario reaches the same step with them (else the timeline's, with
 * the reason); a permission patch and a compared kernel are what-if twins of the step, as in a session.
 */
import { describe, expect, it } from 'vitest';
import { builtinPatch, parsePermPatch, scenarioConfigAt, type PermPatch } from '../../src/index';
import { readLE } from '../../src/util/bytes';

/** Offsets whose permission bytes differ, with [virt, write] on each side. */
function permDiff(a: { virt: Uint8Array; write: Uint8Array }, b: { virt: Uint8Array; write: Uint8Array }) {
  const out: [number, [number, number], [number, number]][] = [];
  for (let i = 0; i < 4096; i++)
    if (a.virt[i] !== b.virt[i] || a.write[i] !== b.write[i])
      out.push([i, [a.virt[i], a.write[i]], [b.virt[i], b.write[i]]]);
  return out;
}
function builtin(name: string): PermPatch {
  const b = builtinPatch(name)!;
  const p = parsePermPatch(b.text, b.name);
  if (!p.ok) throw new Error(`built-in ${name} does not parse`);
  return p.patch;
}
// ath11k's PCIe capability is at 0x70: vfio_cap_len's PCI_EXP_ENDPOINT_SIZEOF_V2 is 0x32 on v6.11 and 0x34
// on v7.0, so bytes 0x70+0x32 and 0x70+0x33 are inside the capability's table only on v7.0.
const EXP_V7_ONLY = [0xa2, 0xa3];

describe('the kernel the user picked', () => {
  it('S2 at step 7 on v6.11 and on v7.0: the same guest writes, tables that differ exactly where the kernels do', () => {
    const a = scenarioConfigAt('S2', {}, 7, { kernel: 'v6.11' });
    const b = scenarioConfigAt('S2', {}, 7, { kernel: 'v7.0' });
    expect(a.session.kernel.id).toBe('v6.11');
    expect(b.session.kernel.id).toBe('v7.0');
    expect(a.choices).toEqual([
      {
        choice: 'kernel',
        honoured: true,
        text: "Kernel v6.11 (yours): S2's timeline runs on v6.11-rfc, and its events up to 7 are the same on v6.11, so the views show v6.11's tables.",
      },
    ]);
    // The step is the timeline's: the guest's MSI data write, 0x21, in vconfig on both.
    expect(a.event.payload).toMatchObject({ register: 'PCI_MSI_DATA_32', value: 0x21 });
    for (const c of [a, b]) expect(readLE(c.session.views.vmm, 0x58, 2)).toBe(0x21);
    expect(permDiff(a.session.perm, b.session.perm)).toEqual(
      EXP_V7_ONLY.map((o) => [o, [0x00, 0xff], [0x00, 0x00]]),
    );
  });

  it('S3 on v6.11 would not reach its step (no PCI_MSI_NOVIRT): the views keep v6.11-rfc and say why', () => {
    const c = scenarioConfigAt('S3', {}, 9, { kernel: 'v6.11' });
    expect(c.session.kernel.id).toBe('v6.11-rfc');
    expect(c.novirtAt).toBe(0);
    expect(c.choices).toHaveLength(1);
    expect(c.choices[0]).toMatchObject({ choice: 'kernel', honoured: false });
    expect(c.choices[0].text).toMatch(
      /^Kernel v6\.11-rfc, not yours \(v6\.11\): on v6\.11, S3 takes another path at event 0 \(ioctl: .*= -ENOTTY.*; the timeline: ioctl: .*= 0:.*Choose v6\.11 in the scenario's options to run the timeline on it\.$/,
    );
  });

  it('a scenario whose definition fixes the kernel says so', () => {
    const c = scenarioConfigAt('S5', {}, 3, { kernel: 'v7.0', compareKernel: 'v6.11' });
    expect(c.session.kernel.id).toBe('v6.11-rfc');
    expect(c.session.kernelDiff).toBeNull();
    expect(c.choices).toEqual([
      {
        choice: 'kernel',
        honoured: false,
        text: "Kernel v6.11-rfc, not yours (v7.0): S5's definition fixes its kernel.",
      },
      {
        choice: 'compareKernel',
        honoured: false,
        text: "The diff-kernel overlay has nothing to compare: S5's definition fixes its kernel (v6.11-rfc).",
      },
    ]);
  });

  it('the same kernel as the timeline: a note, no second run', () => {
    const c = scenarioConfigAt('S2', {}, 7, { kernel: 'v6.11-rfc' });
    expect(c.choices).toEqual([
      { choice: 'kernel', honoured: true, text: "Kernel v6.11-rfc: yours, and the timeline's." },
    ]);
  });
});

describe('the compared kernel (diff-kernel overlay)', () => {
  it('S2 at step 7 on v7.0 against v6.11: kernelDiff holds the PCIe length difference', () => {
    const c = scenarioConfigAt('S2', {}, 7, { kernel: 'v7.0', compareKernel: 'v6.11' });
    const d = c.session.kernelDiff!;
    expect(d.against.id).toBe('v6.11');
    expect(permDiff(d.before, d.after)).toEqual(EXP_V7_ONLY.map((o) => [o, [0x00, 0xff], [0x00, 0x00]]));
    expect(c.choices[1]).toEqual({
      choice: 'compareKernel',
      honoured: true,
      text: "The diff-kernel overlay compares v7.0 with v6.11: 16 bits of this step's tables differ; S2 runs the same there up to event 7.",
    });
  });

  it('S3 against v6.11: the twin runs without NOVIRT, so the MSI address and data are virtualized there', () => {
    const c = scenarioConfigAt('S3', {}, 9, { compareKernel: 'v6.11' });
    const d = c.session.kernelDiff!;
    // On v6.11 vfio virtualizes the MSI address and data (vconfig, writable); with NOVIRT set on
    // v6.11-rfc they read the hardware and drop writes.
    const diff = permDiff(d.before, d.after);
    expect(diff.filter(([o]) => o >= 0x54 && o <= 0x59)).toEqual(
      [0x54, 0x55, 0x56, 0x57, 0x58, 0x59].map((o) => [o, [0xff, 0xff], [0x00, 0x00]]),
    );
    expect(c.choices[0].text).toMatch(
      /S3 takes another path at event 0 .*that side holds its own run's state, after its event 9/,
    );
  });
});

describe('the QEMU release the user picked', () => {
  it("S2 at step 7 under QEMU 10.1: pci_pm_init's PMCSR PowerState is writable in QEMU's wmask, not on 9.1", () => {
    const plain = scenarioConfigAt('S2', {}, 7).session.qemu!;
    const c = scenarioConfigAt('S2', {}, 7, { qemu: '10.1' });
    expect(c.session.qemu!.rules.version).toBe('10.1');
    expect([plain.wmask[0x44], c.session.qemu!.wmask[0x44]]).toEqual([0x00, 0x03]);
    expect(c.choices).toEqual([
      {
        choice: 'qemu',
        honoured: true,
        text: "QEMU 10.1 (yours): the timeline's QEMU is 9.1, and its events up to 7 are the same on 10.1, so the guest view is 10.1's.",
      },
    ]);
  });
});

describe('a permission patch being reviewed', () => {
  it("S2 at step 7 with the novirt patch: MSI address and data turn from virtualized to hardware, and the guest's write is dropped", () => {
    const c = scenarioConfigAt('S2', {}, 7, { patch: builtin('novirt') });
    const p = c.session.patchDiff!;
    expect(p.patch.name).toBe('novirt');
    expect(permDiff(p.before, p.after)).toEqual(
      [0x54, 0x55, 0x56, 0x57, 0x58, 0x59].map((o) => [o, [0xff, 0xff], [0x00, 0x00]]),
    );
    // The plain step has the guest's address in vconfig; on the patched kernel vfio dropped it (event 6).
    expect(readLE(c.session.views.vmm, 0x54, 4)).toBe(0xfee00000);
    expect(readLE(p.views.vmm, 0x54, 4)).toBe(0);
    expect(c.choices).toHaveLength(1);
    expect(c.choices[0].text).toMatch(
      /^Your permission patch "novirt" on v6\.11-rfc: 48 bits of this step's tables change class \(the diff-patch overlay shows them\); on the patched kernel, S2 takes another path at event 6 \(config-write: .*drops the whole write.*; the timeline: config-write: .*go to vconfig/,
    );
  });

  it('S3 already sets NOVIRT: the novirt patch changes no bit at its step, and the run is the same', () => {
    const c = scenarioConfigAt('S3', {}, 9, { patch: builtin('novirt') });
    expect(permDiff(c.session.patchDiff!.before, c.session.patchDiff!.after)).toEqual([]);
    expect(c.choices[0].text).toMatch(
      /: 0 bits of this step's tables change class .*S3 runs the same there up to event 9\.$/,
    );
  });

  it('without choices nothing is diffed and nothing is noted', () => {
    const c = scenarioConfigAt('S2', {}, 7);
    expect([c.session.kernelDiff, c.session.patchDiff, c.choices]).toEqual([null, null, []]);
  });
});
