/**
 * Every step of "The MSI_NOVIRT review" proves its note: each proof opens the state the step's link opens
 * (its device, kernel and op-log through a session; its scenario and options through runScenario) and
 * asserts the fact the note claims, with exact values. A step without a proof fails the last test, so a
 * note and its state cannot drift apart silently.
 */
import { describe, expect, it } from 'vitest';
import {
  diffPermBits,
  NOVIRT_OP,
  runScenario,
  type ScenarioResult,
  type Session,
  type TimelineEvent,
  type ViewState,
} from '../../src/index';
import { NOVIRT_REVIEW } from '../../app/walkthroughs/content/novirt-review';
import { THREAD } from '../../app/walkthroughs/content/refs';
import { resolveSelection } from '../../app/selection';
import { deviceBytes, sessionOf } from '../helpers/view-state';

const HOST_ADDRESS = 0xfee00578; // what the host kernel programmed (remappable format, IRTE 0x2b)
const GUEST_ADDRESS = 0xfee00000; // what a Linux guest writes for vCPU 0
const le32 = (b: Uint8Array, o: number) =>
  (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
const run = (v: ViewState) => runScenario(v.scenario, v.options);
const at = (v: ViewState) => run(v).events[v.step];
const verdict = (r: ScenarioResult, source: string) => r.verdicts.find((x) => x.source === source)?.outcome;
const p = (e: TimelineEvent, key: string) => e.payload[key];
/** The first event of a run that `is` picks (events move when a scenario grows; what they are does not). */
function first(r: ScenarioResult, is: (e: TimelineEvent) => boolean): TimelineEvent {
  const e = r.events.find(is);
  expect(e, `no such event in ${r.id}`).toBeDefined();
  return e!;
}
const novirtCall = (r: ScenarioResult) => first(r, (e) => p(e, 'ioctl') === 'VFIO_DEVICE_FEATURE');

/** Bytes whose permission changes when PCI_MSI_NOVIRT is set on a fresh device. */
function novirtChanged(s: Session): number[] {
  const d = s.novirtDiff!;
  const out: number[] = [];
  for (let i = 0; i < s.size; i++)
    if (d.before.virt[i] !== d.after.virt[i] || d.before.write[i] !== d.after.write[i]) out.push(i);
  return out;
}
const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

/** The event of another timeline that is the same thing (actor, kind, source, register) as `e`. */
function sameEventIn(r: ScenarioResult, e: TimelineEvent): TimelineEvent {
  const found = r.events.find(
    (x) =>
      x.from === e.from && x.kind === e.kind && x.source === e.source && p(x, 'offset') === p(e, 'offset'),
  );
  expect(found, `${e.kind} of ${e.source} in ${r.id}`).toBeDefined();
  return found!;
}
/** What the guest driver read back from config space during a run (a guest can only learn this). */
const guestReads = (r: ScenarioResult) =>
  r.events.filter((e) => e.from === 'guest-driver' && e.kind === 'config-read').map((e) => e.payload);

const PROOFS: readonly ((v: ViewState) => void)[] = [
  // 1. The bug: the ring's copy of the guest message is refused as compatibility format.
  (v) => {
    const r = run(v);
    const e = r.events[v.step];
    expect([e.kind, e.outcome, e.source, p(e, 'reason')]).toEqual(['fault', 'blocked', 'CE0', 0x25]);
    expect(r.events[v.step - 1].payload).toMatchObject({
      address: GUEST_ADDRESS,
      data: 0x21,
      format: 'compatibility',
    });
    expect(verdict(r, 'MHI0')).toBe('delivered');
    // Only MHI0: every ring source is refused.
    const others = r.verdicts.filter((x) => x.source !== 'MHI0');
    expect(others.length).toBeGreaterThan(0);
    for (const x of others) expect([x.source, x.outcome]).toEqual([x.source, 'blocked']);
  },
  // 2. 32-bit capability: ADDRESS_LO and DATA_32 lose virt and write, nothing else changes.
  (v) => {
    const s = sessionOf(v);
    expect(v.device).toEqual({ kind: 'preset', id: 'qca6390' });
    expect([
      s.views.physical[0] | (s.views.physical[1] << 8),
      s.views.physical[2] | (s.views.physical[3] << 8),
    ]).toEqual([0x17cb, 0x1101]);
    expect(s.views.physical[0x52] & 0x80).toBe(0); // PCI_MSI_FLAGS_64BIT clear
    expect(novirtChanged(s)).toEqual(range(0x54, 6));
    for (const i of range(0x54, 6))
      expect([s.novirtDiff!.after.virt[i], s.novirtDiff!.after.write[i]]).toEqual([0, 0]);
  },
  // 3. 64-bit capability: ADDRESS_LO, ADDRESS_HI and DATA_64 — ten bytes.
  (v) => {
    const s = sessionOf(v);
    expect(s.views.physical[0xd2] & 0x80).toBe(0x80);
    expect(resolveSelection(v.select!, s.decoded)).toMatchObject({ offset: 0xd8, size: 4 });
    expect(novirtChanged(s)).toEqual(range(0xd4, 10));
  },
  // 4. Before the ioctl: the VMM reads the guest's write back from vconfig; the device holds the host's.
  (v) => {
    const s = sessionOf(v);
    expect(v.ops).toEqual([{ kind: 'write', as: 'guest', offset: 0x54, size: 4, value: GUEST_ADDRESS }]);
    expect(le32(s.views.vmm, 0x54)).toBe(GUEST_ADDRESS);
    expect(le32(s.views.vmmFromVconfig, 0x54)).toBe(0xffffffff);
    expect(le32(s.views.physical, 0x54)).toBe(HOST_ADDRESS);
  },
  // 5. After it: same guest write first, then the read comes from hardware and its value differs.
  (v) => {
    expect(v.ops[0]).toMatchObject({ kind: 'write', as: 'guest', offset: 0x54, value: GUEST_ADDRESS });
    expect(v.ops.at(-1)).toEqual(NOVIRT_OP);
    const after = sessionOf(v);
    const before = sessionOf(v, v.ops.slice(0, -1));
    expect(after.results.at(-1)).toEqual({ kind: 'feature', ret: 0 });
    expect([le32(before.views.vmm, 0x54), le32(before.views.vmmFromVconfig, 0x54)]).toEqual([
      GUEST_ADDRESS,
      0xffffffff,
    ]);
    expect([le32(after.views.vmm, 0x54), le32(after.views.vmmFromVconfig, 0x54)]).toEqual([HOST_ADDRESS, 0]);
    expect(HOST_ADDRESS & 0x10).toBe(0x10); // remappable format: bit 4 set
  },
  // 6. Writes after it are dropped: the device keeps the host's address, QEMU's copy follows the guest.
  (v) => {
    const s = sessionOf(v);
    const last = s.results.at(-1)!;
    expect(last.kind === 'write' && last.as === 'guest' && last.result.vfio).toMatchObject({
      toVconfig: 0,
      toHardware: 0,
      dropped: 0xffffffff,
    });
    expect(le32(s.views.physical, 0x54)).toBe(HOST_ADDRESS);
    expect(le32(s.views.vmm, 0x54)).toBe(HOST_ADDRESS);
    expect(le32(s.views.guest, 0x54)).toBe(0xfee01000);
  },
  // 7. The QEMU quirk: the guest address stored in a ring becomes the host's, read through the feature.
  (v) => {
    const r = run(v);
    const [write, read, rewrite] = r.events.slice(v.step - 2, v.step + 1);
    expect(novirtCall(r).payload).toMatchObject({ ret: 0 });
    expect([write.from, write.to, p(write, 'value')]).toEqual(['guest-driver', 'qemu', GUEST_ADDRESS]);
    expect(read.payload).toMatchObject({
      offset: 0x54,
      value: HOST_ADDRESS,
      fromHardware: 0xffffffff,
      fromVconfig: 0,
    });
    expect([rewrite.from, rewrite.to, p(rewrite, 'value'), p(rewrite, 'offset')]).toEqual([
      'qemu',
      'device',
      HOST_ADDRESS,
      p(write, 'offset'),
    ]);
    // The armed data store: the guest's data word 8 bytes on reaches the device as the host's MSI data.
    const dataOffset = Number(p(write, 'offset')) + 8;
    const dataRead = first(
      r,
      (x) => x.from === 'qemu' && x.kind === 'config-read' && p(x, 'offset') === 0x58,
    );
    const dataStore = first(
      r,
      (x) => x.from === 'qemu' && x.to === 'device' && p(x, 'offset') === dataOffset,
    );
    expect([p(dataStore, 'guestValue'), p(dataStore, 'value')]).toEqual([0x21, p(dataRead, 'value')]);
    expect(p(dataStore, 'value')).not.toBe(0x21);
  },
  // 8. Jason's pattern: the driver reads its MSI address and stores the same value in a ring register.
  (v) => {
    const r = run(v);
    const read = r.events[v.step - 2];
    const store = r.events[v.step];
    expect([read.seq, store.seq]).toEqual([19, 21]); // the note names both events
    expect(read.payload).toMatchObject({ offset: 0x54, fromQemu: 0xffffffff });
    expect([read.from, read.kind, store.from, store.kind]).toEqual([
      'guest-driver',
      'config-read',
      'guest-driver',
      'mmio-write',
    ]);
    expect(p(store, 'value')).toBe(p(read, 'value'));
    expect(store.source).toBe('CE0'); // a ring register, not the MSI capability
  },
  // 9. Thomas: a guest irq_domain gives CE1 its own interrupt, not a copy of the MSI message.
  (v) => {
    const e = at(v);
    expect([e.kind, p(e, 'source')]).toEqual(['irq-alloc', 'CE1']);
    expect(e.payload).toMatchObject({ address: 0xfee02000, data: 0x35, apic: 2, vector: 0x35 });
    const msi = run(v).events.find((x) => x.kind === 'config-write' && p(x, 'offset') === 0x54)!;
    expect(p(msi, 'value')).not.toBe(p(e, 'address'));
  },
  // 10. Thomas: the quirk is one vendor's BAR0 window, not a generic mechanism.
  (v) => {
    expect(at(v).payload).toMatchObject({
      region: 'vfio-ath-quirk',
      bar: 0,
      base: 0x80000,
      size: 0x40000,
      driver: 'ath11k',
    });
  },
  // 11. Alex: a Windows guest (16 vectors) copies its MSI address into the ring too.
  (v) => {
    expect(v.options).toMatchObject({ guest: 'windows', vectors: 16 });
    const r = run(v);
    const e = r.events[v.step];
    const msi = r.events.find((x) => x.kind === 'config-write' && p(x, 'offset') === 0x54)!;
    expect(first(r, (x) => x.kind === 'irq-alloc' && x.from === 'guest-driver').payload).toMatchObject({
      requested: 16,
      granted: 16,
    });
    expect([e.from, e.kind, e.source, p(e, 'value')]).toEqual([
      'guest-driver',
      'mmio-write',
      'CE0',
      0xfee01000,
    ]);
    expect(p(msi, 'value')).toBe(0xfee01000);
  },
  // 12. Jason: a converted driver gains nothing — feature on, quirk armed, CE1's own address forwarded as is.
  (v) => {
    const r = run(v);
    expect(novirtCall(r).payload).toMatchObject({ ret: 0 });
    const [guest, forwarded] = r.events.slice(v.step - 1, v.step + 1);
    expect([guest.from, guest.source, p(guest, 'value')]).toEqual(['guest-driver', 'CE1', 0xfee02000]);
    expect([forwarded.from, forwarded.to, p(forwarded, 'value')]).toEqual(['qemu', 'device', 0xfee02000]);
    expect(verdict(r, 'CE1')).toBe('blocked');
    first(r, (x) => p(x, 'region') === 'vfio-ath-quirk'); // the quirk is armed
    const msiAddress = p(
      first(r, (x) => x.kind === 'config-write' && p(x, 'offset') === 0x54),
      'value',
    );
    expect(msiAddress).not.toBe(0xfee02000); // CE1's own address is not the MSI capability's
  },
  // 13. Jason: the same guest IMS write, delivered by one VMM and blocked by another; the guest reads the same.
  (v) => {
    expect([v.scenario, v.compare]).toEqual(['S5', 'S4']); // the note names S5 above, S4 below
    const left = run(v);
    const right = runScenario(v.compare!);
    const e = left.events[v.step];
    const twin = sameEventIn(right, e);
    expect([e.from, e.kind, e.source, p(e, 'value')]).toEqual([
      'guest-driver',
      'mmio-write',
      'CE1',
      0xfee02000,
    ]);
    expect(p(twin, 'value')).toBe(p(e, 'value'));
    expect([verdict(left, 'CE1'), verdict(right, 'CE1')]).toEqual(['delivered', 'blocked']);
    expect(guestReads(left).length).toBeGreaterThan(0);
    expect(guestReads(left).map((x) => x.value)).toEqual(guestReads(right).map((x) => x.value));
  },
  // 14. Alex: MSI-X keeps its table in a BAR (the pointer comes from the device); only MSI is in vconfig.
  (v) => {
    const s = sessionOf(v);
    const selected = resolveSelection(v.select!, s.decoded);
    if (typeof selected === 'string') throw new Error(selected);
    const tablePointer = selected.offset;
    expect(tablePointer).toBe(s.decoded.capabilities.find((c) => c.id === 0x11)!.offset + 4);
    const msi = s.decoded.capabilities.find((c) => c.id === 0x05)!.offset;
    expect(le32(s.views.vmmFromVconfig, tablePointer)).toBe(0);
    expect(le32(s.perm.virt, msi + 4)).toBe(0xffffffff);
    const r = run(v);
    expect(first(r, (x) => x.from === 'guest-kernel' && x.kind === 'mmio-write')).toMatchObject({
      to: 'qemu',
      payload: { table: 'msix' },
    });
    expect(r.events[v.step]).toMatchObject({
      kind: 'msi-program',
      to: 'device',
      payload: { table: 'msix' },
    });
    expect(Number(p(r.events[v.step], 'address')) & 0x10).toBe(0x10); // remappable: the host's own
  },
  // 15. Alex: the guest's view is unchanged by the feature; only the VMM's changes.
  (v) => {
    const withIt = sessionOf(v);
    const without = sessionOf(
      v,
      v.ops.filter((op) => op !== NOVIRT_OP),
    );
    expect(v.ops).toContain(NOVIRT_OP);
    expect(v.valueView).toBe('guest');
    expect([le32(withIt.views.guest, 0x54), le32(withIt.views.guestFromQemu, 0x54)]).toEqual([
      GUEST_ADDRESS,
      0xffffffff,
    ]);
    expect(withIt.views.guest.slice(0x50, 0x60)).toEqual(without.views.guest.slice(0x50, 0x60));
    expect([le32(withIt.views.vmm, 0x54), le32(without.views.vmm, 0x54)]).toEqual([
      HOST_ADDRESS,
      GUEST_ADDRESS,
    ]);
  },
  // 16. Jason: CE1's fresh pair has no route at all — no SET_IRQS, no IRTE, no KVM route — and is refused.
  (v) => {
    const r = run(v);
    const e = r.events[v.step];
    expect([e.kind, e.source, e.outcome]).toEqual(['fault', 'CE1', 'blocked']);
    const sent = r.events[v.step - 1].payload;
    expect(sent).toMatchObject({ address: 0xfee02000, data: 0x35 });
    const snap = r.snapshots[v.step] as unknown as {
      kvm: { routes: { address: number; data: number }[] };
      iommu: { irte: { index: number }[] };
    };
    expect(snap.kvm.routes.some((x) => x.address === sent.address && x.data === sent.data)).toBe(false);
    expect(snap.iommu.irte.map((x) => x.index)).toEqual([0x2b]); // only the MSI vector's entry
    // SET_IRQS was only ever called for INTx (index 0) and the MSI vector (index 1): never for CE1.
    const setIrqs = r.events
      .filter((x) => p(x, 'ioctl') === 'VFIO_DEVICE_SET_IRQS')
      .map((x) => p(x, 'index'));
    expect(new Set(setIrqs)).toEqual(new Set([0, 1]));
    expect(r.events.some((x) => x.kind === 'host-interrupt' && x.source === 'CE1')).toBe(false);
    // Alex's premise holds here too: the VMM traps CE1's programming; it just has nothing right to put there.
    const trapped = first(
      r,
      (x) => x.from === 'guest-driver' && x.kind === 'mmio-write' && x.source === 'CE1',
    );
    expect([trapped.to, p(trapped, 'trap'), p(trapped, 'value')]).toEqual([
      'qemu',
      'ath-quirk',
      sent.address,
    ]);
  },
  // 17. Jason's four steps: SET_IRQS on an index that does not exist (step 2 left open), then delivery.
  (v) => {
    const r = run(v);
    const e = r.events[v.step];
    expect(String(p(e, 'index'))).toContain('hypothetical');
    expect(e.payload).toMatchObject({ ioctl: 'VFIO_DEVICE_SET_IRQS', count: 1 });
    const irte = r.events.find((x, i) => i > v.step && x.kind === 'irte-write')!;
    expect(p(irte, 'first')).not.toBe(0x2b);
    expect(verdict(r, 'CE1')).toBe('delivered');
  },
  // 18. David: an MSI is a DMA write tagged with the requester ID, judged by the IOMMU.
  (v) => {
    const e = at(v);
    expect([e.from, e.to, e.kind]).toEqual(['device', 'iommu', 'msi-write']);
    expect(e.payload).toMatchObject({ address: GUEST_ADDRESS, data: 0x21, sid: 0x200 });
  },
  // 19. What exists instead of David's wish: posting, after QEMU swapped in the host's message.
  (v) => {
    const r = run(v);
    const e = r.events[v.step];
    expect(e).toMatchObject({
      kind: 'injection',
      source: 'CE0',
      payload: { posted: true, guestVector: 0x21, vcpu: 0 },
    });
    const sent = r.events.find((x) => x.kind === 'msi-write' && x.source === 'CE0')!;
    expect(p(sent, 'address')).toBe(HOST_ADDRESS);
    expect(r.events.some((x) => x.kind === 'host-interrupt' && x.source === 'CE0')).toBe(false);
    // The entry that posts it is the one KVM rewrote to post guest vector 0x21 to vCPU 0.
    const rewritten = first(r, (x) => x.from === 'kvm' && x.kind === 'irte-write');
    expect(rewritten.payload).toMatchObject({ posted: true, guestVector: 0x21, vcpu: 0 });
    expect(p(r.events[v.step - 1], 'irte')).toBe(p(rewritten, 'irte'));
  },
  // 20. David: without remapping, APIC IDs stop at 255 — the guest brings only 256 of its 288 vCPUs online.
  (v) => {
    expect(at(v)).toMatchObject({
      outcome: 'lost',
      payload: { maxApicId: 255, vcpus: 288, online: 256, offline: 32 },
    });
  },
  // 21. David: a vIOMMU lets the guest reach vCPU 287 through its own IRTE.
  (v) => {
    const r = run(v);
    expect(first(r, (x) => p(x, 'virtualIrte') !== undefined).payload).toMatchObject({ apic: 287 });
    expect(r.events[v.step]).toMatchObject({ kind: 'injection', source: 'MHI0', payload: { vcpu: 287 } });
  },
  // 22. Extended destination ID (the project's addition): APIC ID bits 14:8 in address bits 11:5.
  (v) => {
    const r = run(v);
    const address = Number(
      p(
        r.events.find((x) => x.kind === 'config-write' && p(x, 'offset') === 0x54)!,
        'value',
      ),
    );
    expect([(address >>> 12) & 0xff, (address >>> 5) & 0x7f]).toEqual([287 & 0xff, 287 >> 8]);
    expect(r.events[v.step]).toMatchObject({ kind: 'injection', source: 'MHI0', payload: { vcpu: 287 } });
    for (const x of r.verdicts.filter((y) => y.source !== 'MHI0'))
      expect([x.source, x.outcome]).toEqual([x.source, 'blocked']);
  },
  // 23. Instead of shadowing: the guest's IRTE index reaches a physical table that never got that entry.
  (v) => {
    const r = run(v);
    const guestIrte = p(
      first(r, (x) => p(x, 'virtualIrte') !== undefined),
      'virtualIrte',
    );
    expect(guestIrte).toBe(5);
    expect(r.events[v.step]).toMatchObject({
      kind: 'fault',
      source: 'CE1',
      payload: { reason: 0x22, index: guestIrte },
    });
    // The VMM translated the guest's entry for its own KVM route only (APIC 287's vector, not the ring's pair).
    const ring = r.events[v.step - 1].payload;
    const route = first(r, (x) => x.kind === 'route-update').payload;
    expect(route.data).toBe(0x30);
    expect([route.address, route.data]).not.toEqual([ring.address, ring.data]);
    const written = r.events
      .filter((x) => x.kind === 'irte-write')
      .map((x) => [p(x, 'first'), p(x, 'count')]);
    expect(written).toEqual([[0x2b, 1]]);
  },
  // 24. January against August: same VMM, the converted driver's CE1 blocked, the copying one's delivered.
  (v) => {
    expect([v.scenario, v.compare]).toEqual(['S4', 'S3']); // the note names S4 above, S3 below
    const left = run(v);
    const right = runScenario(v.compare!);
    const e = left.events[v.step];
    const twin = sameEventIn(right, e);
    expect(e).toMatchObject({
      kind: 'msi-write',
      source: 'CE1',
      payload: { address: 0xfee02000, format: 'compatibility' },
    });
    expect(twin.payload).toMatchObject({ address: HOST_ADDRESS, format: 'remappable' });
    for (const r of [left, right]) first(r, (x) => p(x, 'region') === 'vfio-ath-quirk');
    expect([verdict(left, 'CE1'), verdict(right, 'CE1')]).toEqual(['blocked', 'delivered']);
  },
  // 25. David: config space is largely fiction — the guest's MSI address is not the device's, and not alone.
  (v) => {
    const s = sessionOf(v);
    expect(v.overlay).toBe('diff-views');
    expect([le32(s.views.guest, 0x54), le32(s.views.physical, 0x54)]).toEqual([GUEST_ADDRESS, HOST_ADDRESS]);
    const differs = range(0, s.size).filter((i) => s.views.guest[i] !== s.views.physical[i]);
    expect(differs.filter((i) => i < 0x50 || i >= 0x60).length).toBeGreaterThan(0);
  },
  // 26. The same guest ring write with opposite outcomes; the guest reads the same config either way.
  (v) => {
    expect([v.scenario, v.compare]).toEqual(['S2', 'S3']); // the note names S2 above, S3 below
    const left = run(v);
    const right = runScenario(v.compare!);
    const e = left.events[v.step];
    const twin = sameEventIn(right, e);
    expect([e.from, e.kind, e.source, p(e, 'value')]).toEqual([
      'guest-driver',
      'mmio-write',
      'CE0',
      GUEST_ADDRESS,
    ]);
    expect(p(twin, 'value')).toBe(GUEST_ADDRESS);
    expect([verdict(left, 'CE0'), verdict(right, 'CE0')]).toEqual(['blocked', 'delivered']);
    expect(guestReads(left).length).toBeGreaterThan(0);
    expect(guestReads(left)).toEqual(guestReads(right));
  },
  // 27. The RFC as a permission patch on plain v6.11: the same ten bytes as step 3, from virt+write to neither.
  (v) => {
    expect([v.kernel, v.overlay, v.patch?.name, v.ops]).toEqual(['v6.11', 'diff-patch', 'novirt', []]);
    const s = sessionOf(v);
    const d = s.patchDiff!;
    const changed = range(0, s.size).filter(
      (i) => d.before.virt[i] !== d.after.virt[i] || d.before.write[i] !== d.after.write[i],
    );
    expect(changed).toEqual(range(0xd4, 10));
    for (const i of range(0xd4, 10)) {
      expect([d.before.virt[i], d.before.write[i]]).toEqual([0xff, 0xff]);
      expect([d.after.virt[i], d.after.write[i]]).toEqual([0, 0]);
    }
    expect(resolveSelection(v.select!, s.decoded)).toMatchObject({ offset: 0xd4, size: 4 });
    // The same tables the RFC's ioctl leaves (step 3), byte for byte.
    const rfc = sessionOf({ ...v, kernel: 'v6.11-rfc', patch: null }).novirtDiff!;
    expect([d.after.virt, d.after.write]).toEqual([rfc.after.virt, rfc.after.write]);
    expect(diffPermBits(deviceBytes(v), s.size, d.before, d.after).summary.at(-1)).toBe(
      '80 bits change class in 3 registers.',
    );
  },
];

describe('every review step proves its note', () => {
  it.each(NOVIRT_REVIEW.steps.map((s, i) => [i + 1, s.state, PROOFS[i]] as const))(
    'step %i',
    (_, v, proof) => {
      expect(proof, 'a review step without a proof').toBeDefined();
      proof(v);
    },
  );
  it('there is one proof per step, no more', () => {
    expect(PROOFS).toHaveLength(NOVIRT_REVIEW.steps.length);
  });
});

describe('the notes say whose words they are', () => {
  const note = (n: number) => NOVIRT_REVIEW.steps[n - 1].note;
  it('the first person a note names wrote a mail the step cites', () => {
    for (const [i, step] of NOVIRT_REVIEW.steps.entries()) {
      const named = /\b(Alex|Jason|Thomas|David)\b/.exec(step.note)?.[1];
      if (!named) continue;
      const authors = THREAD.filter((m) => step.refs.some((r) => r.href === m.ref.href)).map((m) => m.author);
      expect(
        authors.some((a) => a.startsWith(named)),
        `step ${i + 1} names ${named}`,
      ).toBe(true);
    }
  });
  it('a comparison step names its two runs where the screen shows them (one above the other)', () => {
    const compared = NOVIRT_REVIEW.steps.filter((st) => st.state.compare);
    expect(compared.length).toBe(3);
    for (const st of compared) {
      expect(st.note).toContain(`(${st.state.scenario}, above)`);
      expect(st.note).toContain(`(${st.state.compare}, below)`);
      expect(st.note).not.toMatch(/\b(left|right)\)/);
    }
  });
  it('what the thread did not say is labelled as such', () => {
    expect(note(27)).toContain('**The project’s tool, not the thread’s:**'); // the patch editor
    expect(note(17)).toContain('**Step 2 was left open**'); // Jason's four steps
    expect(note(23)).toContain('**A proposal — nothing implements it.**'); // Jason's shadowing
    expect(note(22)).toContain('**The project’s addition — David’s mail does not bring it up:**');
    expect(note(24)).toContain('The reading is ours, not Jason’s'); // January set against August
    expect(note(10)).toContain('our contrast, not his words'); // Thomas and the quirk
  });
});
