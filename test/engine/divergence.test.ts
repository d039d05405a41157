/** Side-by-side timelines are aligned by what each event is (app/paths/divergence.ts), not by index. */
import { expect, it } from 'vitest';
import { runScenario } from '../../src/index';
import { alignTimelines, divergenceLabel, firstDivergence } from '../../app/paths/divergence';

const trio = (p: { a: number | null; b: number | null; equal: boolean }) => [p.a, p.b, p.equal];

it("S2 vs S3: S3's feature call and quirk trap are gaps; the next six events pair equal; the MSI address and data writes pair and differ", () => {
  const s2 = runScenario('S2').events;
  const s3 = runScenario('S3').events;
  const pairs = alignTimelines(s2, s3);
  expect(pairs.slice(0, 10).map(trio)).toEqual([
    [null, 0, false],
    [null, 1, false],
    [0, 2, true],
    [1, 3, true],
    [2, 4, true],
    [3, 5, true],
    [4, 6, true],
    [5, 7, true],
    [6, 8, false],
    [7, 9, false],
  ]);
  expect(s3[0].payload.ioctl).toBe('VFIO_DEVICE_FEATURE');
  // The paired writes are the same register: vfio keeps S2's in vconfig and drops S3's (NOVIRT).
  expect([s2[6].payload.register, s3[8].payload.register]).toEqual([
    'PCI_MSI_ADDRESS_LO',
    'PCI_MSI_ADDRESS_LO',
  ]);
  expect([s2[6].payload.toVconfig, s3[8].payload.toVconfig]).toEqual([0xffffffff, 0]);
  expect(trio(firstDivergence(s2, s3)!)).toEqual([null, 0, false]);
  expect(divergenceLabel(firstDivergence(s2, s3)!, 'S2', 'S3')).toBe(
    'First difference: S3 event 0 (S2 has no counterpart)',
  );
  expect(divergenceLabel(pairs[8], 'S2', 'S3')).toBe('First difference: S2 event 6 vs S3 event 8');
  expect(divergenceLabel({ a: 4, b: null, equal: false }, 'S2', 'S3')).toBe(
    'First difference: S2 event 4 (S3 has no counterpart)',
  );
  // Every event of both sides appears exactly once, in order.
  expect(pairs.flatMap((p) => (p.a === null ? [] : [p.a]))).toEqual(s2.map((e) => e.seq));
  expect(pairs.flatMap((p) => (p.b === null ? [] : [p.b]))).toEqual(s3.map((e) => e.seq));
});

it("S2 vs S3: the guest's first ring write pairs although S3's goes to QEMU's quirk and S2's to the device", () => {
  const s2 = runScenario('S2').events;
  const s3 = runScenario('S3').events;
  const ringWrite = s2.findIndex((e) => e.from === 'guest-driver' && e.kind === 'mmio-write');
  const pair = alignTimelines(s2, s3).find((p) => p.a === ringWrite)!;
  expect(pair.b).not.toBeNull();
  const [a, b] = [s2[ringWrite], s3[pair.b!]];
  expect([a.to, b.to]).toEqual(['device', 'qemu']);
  expect([a.source, a.payload.offset, a.payload.value]).toEqual([
    b.source,
    b.payload.offset,
    b.payload.value,
  ]);
  expect([a.source, a.payload.value]).toEqual(['CE0', 0xfee00000]);
  expect(pair.equal).toBe(false); // S3's carries the quirk's trap
});

it('S3 on the RFC kernel vs v6.11: the feature call pairs and differs (0 vs -ENOTTY), the quirk install and its absence are gaps', () => {
  const rfc = runScenario('S3').events;
  const plain = runScenario('S3', { rfc: false }).events;
  const pairs = alignTimelines(rfc, plain);
  expect(pairs.slice(0, 3).map(trio)).toEqual([
    [0, 0, false],
    [1, null, false],
    [null, 1, false],
  ]);
  expect([rfc[0].payload.ret, plain[0].payload.ret]).toEqual([0, -25]);
  expect([rfc[1].payload.note, plain[1].payload.note]).toEqual(['quirk-installed', 'quirk-absent']);
});

it('a timeline against itself has no difference', () => {
  const s7 = runScenario('S7').events;
  expect(firstDivergence(s7, s7)).toBeNull();
  expect(alignTimelines(s7, s7).every((p) => p.a === p.b && p.equal)).toBe(true);
});
