/**
 * kvm_arch_irq_bypass_add_producer: KVM's irqfd and vfio's MSI vector meet on the same eventfd, and an
 * interrupt whose KVM route targets one vCPU can skip the host from then on — VT-d posts it
 * (vmx_pi_update_irte), AMD puts the IRTE in guest mode (avic_pi_update_irte). Both start from these pairs.
 */
import type { Vcpu } from '../models/kvm';
import type { World } from '../world';

export interface BypassPair {
  readonly eventfd: string;
  /** The vCPU the route targets. */
  readonly vcpu: Vcpu;
  /** The vector the guest programmed, as KVM's route holds it. */
  readonly guestVector: number;
  /** The host IRTE the producer's interrupt goes through. */
  readonly irte: number;
}

/** Pairs every vfio MSI context with its irqfd; routes to no online vCPU stay remapped. */
export function bypassPairs(w: World): BypassPair[] {
  const pairs: BypassPair[] = [];
  for (const ctx of w.vfio.contexts) {
    const gsi = w.kvm.irqfds.get(ctx.eventfd)!;
    const target = w.kvm.target(gsi)!;
    const vcpu = w.vcpus.byApic(target.apic);
    if (!vcpu) continue;
    w.kvm.bypass.set(ctx.eventfd, ctx.hostIrq);
    const irte = w.host.irqs.find((d) => d.irq === ctx.hostIrq)!.irte!;
    pairs.push({ eventfd: ctx.eventfd, vcpu, guestVector: target.vector, irte });
  }
  return pairs;
}
