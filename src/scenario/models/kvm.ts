/**
 * KVM: MSI routes (GSI → guest message), irqfds (eventfd → GSI), irq-bypass pairings, posted-interrupt
 * descriptors; and the guest's vCPUs with their local APIC request registers.
 */
import { decodeMsi, swizzleExtDestId } from '../../irq/msi-format';
import type { Actor } from '../timeline';

export interface Route {
  readonly gsi: number;
  address: number;
  addressHi: number;
  data: number;
}

export interface PiDescriptor {
  readonly vcpu: number;
  readonly address: number;
  pir: number[];
  on: boolean;
  sn: boolean;
  nv: number;
  ndst: number;
}

/** AMD AVIC: a vCPU's vAPIC backing page (svm->avic_backing_page) and the IRR bits posted into it. */
export interface AvicBackingPage {
  readonly vcpu: number;
  readonly address: number;
  irr: number[];
}

export const POSTED_INTR_VECTOR = 0xf2;
export const POSTED_INTR_WAKEUP_VECTOR = 0xf1;

/** kvm_set_msi_irq: the APIC id and vector a route's message names (x2APIC: id bits 31:8 in address_hi). */
export function routeDestination(address: number, data: number, addressHi: number) {
  const d = decodeMsi(address, data);
  return { apic: (d.destApicId ?? 0) + ((addressHi >>> 8) << 8), vector: d.vector ?? 0 };
}

export class Kvm implements Actor {
  readonly routes = new Map<number, Route>();
  readonly irqfds = new Map<string, number>();
  readonly bypass = new Map<string, number>();
  readonly pi = new Map<number, PiDescriptor>();
  readonly avic = new Map<number, AvicBackingPage>();
  /** Xen (S9 plays Xen in this slot): host IRQ → the guest vector and destination bound by XEN_DOMCTL_bind_pt_irq. */
  readonly pirqs = new Map<number, { hostIrq: number; gvec: number; dest: number }>();
  constructor(
    private readonly firstGsi: number,
    readonly extDestId = false,
  ) {}

  /** kvm_irqchip_get_virq: the first GSI not in use (find_first_zero_bit), so a released one is reused. */
  private freeGsi(): number {
    let gsi = this.firstGsi;
    while (this.routes.has(gsi)) gsi++;
    return gsi;
  }

  addRoute(msg: { address: number; addressHi: number; data: number }, gsi = this.freeGsi()): Route {
    const m = this.extDestId ? { ...msg, ...swizzleExtDestId(msg.address, msg.addressHi) } : msg;
    const route = { gsi, ...m };
    this.routes.set(gsi, route);
    return route;
  }

  /** kvm_set_msi_irq: the destination and vector a route names. */
  target(gsi: number): { apic: number; vector: number } | null {
    const r = this.routes.get(gsi);
    if (!r) return null;
    return routeDestination(r.address, r.data, r.addressHi);
  }

  snapshot() {
    return {
      routes: [...this.routes.values()].map((r) => ({ ...r })),
      irqfds: [...this.irqfds.entries()].map(([eventfd, gsi]) => ({ eventfd, gsi })),
      bypass: [...this.bypass.entries()].map(([eventfd, hostIrq]) => ({ eventfd, hostIrq })),
      pi: [...this.pi.values()].map((p) => ({ ...p, pir: [...p.pir] })),
      ...(this.avic.size ? { avic: [...this.avic.values()].map((a) => ({ ...a, irr: [...a.irr] })) } : {}),
      ...(this.pirqs.size ? { pirqs: [...this.pirqs.values()].map((p) => ({ ...p })) } : {}),
    };
  }
}

export type VcpuState = 'running' | 'blocked' | 'preempted';

export interface Vcpu {
  readonly id: number;
  readonly apic: number;
  state: VcpuState;
  /** The host APIC id of the pCPU it runs on. */
  pcpu: number;
  irr: number[];
  handled: number[];
}

export class Vcpus implements Actor {
  readonly list: Vcpu[];
  constructor(count: number, pcpus: number[]) {
    this.list = Array.from({ length: count }, (_, i) => ({
      id: i,
      apic: i,
      state: 'running' as VcpuState,
      pcpu: pcpus[i % pcpus.length],
      irr: [],
      handled: [],
    }));
  }
  byApic(apic: number): Vcpu | undefined {
    return this.list.find((v) => v.apic === apic);
  }
  snapshot() {
    // Only vCPUs that did something, so 288-vCPU guests stay readable.
    return {
      count: this.list.length,
      vcpus: this.list.filter((v) => v.id < 4 || v.irr.length || v.handled.length).map((v) => ({ ...v })),
    };
  }
}
