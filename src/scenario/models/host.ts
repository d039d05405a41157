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
  irte: number | null;
  handler: string | null;
}

/** Where the host's free IRQ numbers and vectors start; the reference machine's example values come in through this. */
export interface HostPlan {
  readonly apic: number;
  readonly vector: number;
  /** Intel: the first IRTE index not used by the host's other interrupt sources. */
  readonly irteBase: number;
  readonly firstIrq: number;
}

export class HostIrqCore implements Actor {
  readonly irqs: HostIrqDesc[] = [];
  constructor(private readonly plan: HostPlan) {}

  /**
   * Linux IRQ numbers and vectors for `count` interrupts, each the lowest free one: irq_alloc_descs finds
   * the first free range in allocated_irqs, and irq_matrix_alloc the first free vector bit on the CPU. So
   * a device that frees its vectors and allocates again gets the same numbers back.
   * @param irteBase the first IRTE the IOMMU reserved for them (null without remapping).
   */
  allocate(count: number, name: (i: number) => string, irteBase: number | null): HostIrqDesc[] {
    const out: HostIrqDesc[] = [];
    for (let i = 0; i < count; i++) {
      const desc: HostIrqDesc = {
        irq: this.lowestFree(this.plan.firstIrq, (n) => this.irqs.some((d) => d.irq === n)),
        name: name(i),
        apic: this.plan.apic,
        vector: this.lowestFree(this.plan.vector, (v) =>
          this.irqs.some((d) => d.apic === this.plan.apic && d.vector === v),
        ),
        irte: irteBase === null ? null : irteBase + i,
        handler: null,
      };
      this.irqs.push(desc);
      out.push(desc);
    }
    return out;
  }

  private lowestFree(from: number, taken: (n: number) => boolean): number {
    let n = from;
    while (taken(n)) n++;
    return n;
  }

  /** free_irq + pci_free_irq_vectors: the descriptors and their vectors go back to the pools. */
  free(irqs: readonly number[]): void {
    for (const irq of irqs) {
      const i = this.irqs.findIndex((d) => d.irq === irq);
      if (i >= 0) this.irqs.splice(i, 1);
    }
  }

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
