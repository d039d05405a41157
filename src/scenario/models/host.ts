/**
 * The host kernel's IRQ core and local APICs: Linux IRQ descriptors with their vector, destination and
 * (with remapping) IRTE, and per-APIC vector tables so a stray message can be seen hitting "no handler".
 */
import type { Actor } from '../timeline';

export interface HostIrqDesc {
  readonly irq: number;
  readonly name: string;
  apic: number;
  vector: number;
  /** IRTE index with remapping, null without. */
  readonly irte: number | null;
  handler: string | null;
}

/** Where the next host vectors land; the reference machine's example values come in through this. */
export interface HostPlan {
  readonly apic: number;
  readonly vector: number;
  readonly irteBase: number;
  readonly firstIrq: number;
}

export class HostIrqCore implements Actor {
  readonly irqs: HostIrqDesc[] = [];
  constructor(private readonly plan: HostPlan) {}

  allocate(count: number, name: (i: number) => string, remapped: boolean, irteBase?: number): HostIrqDesc[] {
    const start = this.irqs.length + this.freed.length;
    const out: HostIrqDesc[] = [];
    for (let i = 0; i < count; i++) {
      const desc: HostIrqDesc = {
        irq: this.plan.firstIrq + start + i,
        name: name(i),
        apic: this.plan.apic,
        vector: this.plan.vector + start + i,
        irte: remapped ? (irteBase ?? this.plan.irteBase + start) + i : null,
        handler: null,
      };
      this.irqs.push(desc);
      out.push(desc);
    }
    return out;
  }

  /** pci_free_irq_vectors: the descriptors go; later allocations take fresh numbers and IRTEs. */
  free(irqs: readonly number[]): void {
    for (const irq of irqs) {
      const i = this.irqs.findIndex((d) => d.irq === irq);
      if (i >= 0) this.freed.push(...this.irqs.splice(i, 1).map((d) => d.irq));
    }
  }
  private readonly freed: number[] = [];

  byIrte(index: number): HostIrqDesc | undefined {
    return this.irqs.find((d) => d.irte === index);
  }

  byVector(apic: number, vector: number): HostIrqDesc | undefined {
    return this.irqs.find((d) => d.apic === apic && d.vector === vector);
  }

  snapshot() {
    return { irqs: this.irqs.map((d) => ({ ...d })) };
  }
}

export class HostLapics implements Actor {
  /** apic → vector → Linux IRQ. */
  private readonly tables = new Map<number, Map<number, number>>();
  readonly log: string[] = [];

  assign(apic: number, vector: number, irq: number): void {
    if (!this.tables.has(apic)) this.tables.set(apic, new Map());
    this.tables.get(apic)!.set(vector, irq);
  }

  release(apic: number, vector: number): void {
    this.tables.get(apic)?.delete(vector);
  }

  lookup(apic: number, vector: number): number | undefined {
    return this.tables.get(apic)?.get(vector);
  }

  snapshot() {
    return {
      vectors: [...this.tables.entries()].map(([apic, t]) => ({
        apic,
        vectors: [...t.entries()].map(([vector, irq]) => ({ vector, irq })),
      })),
      log: this.log,
    };
  }
}
