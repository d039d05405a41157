/**
 * Where each actor sits in the diagram (a fixed viewBox): the guest band on top, the host kernel and VMM
 * in the middle, the hardware at the bottom, so privilege boundaries read as horizontal lines. Edge paths
 * come from d3-shape; the packet position along an edge is a pure function of t.
 */
import { linkVertical, linkHorizontal } from 'd3-shape';
import type { ActorId, LaneId } from '../../src/index';

export const VIEW_W = 1000;
export const VIEW_H = 470;
export const BOX_W = 150;
export const BOX_H = 44;

export const BANDS: readonly { id: LaneId; name: string; y: number; h: number }[] = [
  { id: 'guest', name: 'Guest', y: 0, h: 130 },
  { id: 'host', name: 'Host kernel and VMM', y: 130, h: 190 },
  { id: 'hardware', name: 'Hardware', y: 320, h: 150 },
];

export const ACTOR_POS: Record<ActorId, { x: number; y: number; label: string }> = {
  'guest-driver': { x: 170, y: 50, label: 'Guest driver (ath11k)' },
  'guest-kernel': { x: 470, y: 50, label: 'Guest kernel' },
  vcpu: { x: 800, y: 50, label: 'vCPU / guest LAPIC' },
  qemu: { x: 170, y: 175, label: 'QEMU vfio-pci' },
  kvm: { x: 800, y: 175, label: 'KVM' },
  vfio: { x: 170, y: 265, label: 'vfio-pci' },
  'host-irq': { x: 470, y: 265, label: 'Host IRQ core' },
  'host-lapic': { x: 800, y: 265, label: 'Host LAPIC' },
  iommu: { x: 470, y: 400, label: 'IOMMU (IRTE)' },
  device: { x: 170, y: 400, label: 'Device (MSI cap, rings)' },
};

type Pt = { x: number; y: number };
const vertical = linkVertical<{ source: Pt; target: Pt }, Pt>()
  .x((p) => p.x)
  .y((p) => p.y);
const horizontal = linkHorizontal<{ source: Pt; target: Pt }, Pt>()
  .x((p) => p.x)
  .y((p) => p.y);

/** The SVG path of an edge between two actors (a loop above the box when they are the same). */
export function edgePath(from: ActorId, to: ActorId): string {
  const a = ACTOR_POS[from];
  const b = ACTOR_POS[to];
  if (from === to)
    return `M ${a.x - 30} ${a.y - BOX_H / 2} C ${a.x - 30} ${a.y - 70}, ${a.x + 30} ${a.y - 70}, ${a.x + 30} ${a.y - BOX_H / 2}`;
  const link = Math.abs(a.y - b.y) > Math.abs(a.x - b.x) ? vertical : horizontal;
  return link({ source: a, target: b }) ?? '';
}

/** Point at t ∈ [0, 1] on the cubic Bézier that `edgePath` draws (same control points, no DOM needed). */
export function pointOnEdge(from: ActorId, to: ActorId, t: number): Pt {
  const a = ACTOR_POS[from];
  const b = ACTOR_POS[to];
  let c1: Pt;
  let c2: Pt;
  let p0: Pt = a;
  let p3: Pt = b;
  if (from === to) {
    p0 = { x: a.x - 30, y: a.y - BOX_H / 2 };
    p3 = { x: a.x + 30, y: a.y - BOX_H / 2 };
    c1 = { x: a.x - 30, y: a.y - 70 };
    c2 = { x: a.x + 30, y: a.y - 70 };
  } else if (Math.abs(a.y - b.y) > Math.abs(a.x - b.x)) {
    const my = (a.y + b.y) / 2;
    c1 = { x: a.x, y: my };
    c2 = { x: b.x, y: my };
  } else {
    const mx = (a.x + b.x) / 2;
    c1 = { x: mx, y: a.y };
    c2 = { x: mx, y: b.y };
  }
  const u = 1 - t;
  return {
    x: u * u * u * p0.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * p3.x,
    y: u * u * u * p0.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * p3.y,
  };
}

/** Whether a point (with a packet's radius around it) touches an actor's box, where its name is. */
function onActor(p: Pt, r: number): boolean {
  return Object.values(ACTOR_POS).some(
    (a) => Math.abs(p.x - a.x) < BOX_W / 2 + r && Math.abs(p.y - a.y) < BOX_H / 2 + r,
  );
}

/** The current packet's dot (FlightPackets' dots are smaller). */
export const PACKET_R = 7;
const SAMPLES = 96;
/** The parameters t along an edge where a packet is clear of every actor box (the edge may pass one). */
function clearSamples(from: ActorId, to: ActorId): number[] {
  const ts: number[] = [];
  for (let i = 0; i <= SAMPLES; i++)
    if (!onActor(pointOnEdge(from, to, i / SAMPLES), PACKET_R)) ts.push(i / SAMPLES);
  // An edge entirely inside boxes (none today) keeps its whole length rather than vanish.
  return ts.length >= 2 ? ts : [0, 1];
}
const clear = new Map<string, number[]>();

/**
 * Where a packet at phase t ∈ [0, 1] is drawn: along its edge, but only where the edge is clear of the
 * actor boxes (with their names): it leaves its source's box, hops over a box the edge crosses, and stops
 * at the target's.
 */
export function packetPoint(from: ActorId, to: ActorId, t: number): Pt {
  const key = `${from}>${to}`;
  let ts = clear.get(key);
  if (!ts) clear.set(key, (ts = clearSamples(from, to)));
  const x = Math.max(0, Math.min(1, t)) * (ts.length - 1);
  const i = Math.min(ts.length - 2, Math.floor(x));
  const a = ts[i];
  const b = ts[i + 1];
  // Between neighbouring clear samples move smoothly; across a box, jump.
  const u = b - a <= 1.5 / SAMPLES ? a + (x - i) * (b - a) : x - i < 0.5 ? a : b;
  return pointOnEdge(from, to, u);
}
