/** "Interrupt remapping and posted interrupts": what the IOMMU does to an MSI on its way to a CPU. */
import { step, type BuiltinWalkthrough } from '../builtin';
import * as R from './refs';

export const REMAPPING: BuiltinWalkthrough = {
  id: 'remapping',
  title: 'Interrupt remapping and posted interrupts',
  summary: 'Remappable messages, blocked compatibility ones, posting into a vCPU, and AMD’s variant.',
  steps: [
    step(
      'scenario=S1&step=2',
      'paths',
      'With interrupt remapping the host never puts a CPU and vector in the message. It writes an **index** into ' +
        'the remapping table (a [[remappable-format|remappable]] message); the [[irte|IRTE]] holds the destination and names the only requester allowed to use it.',
    ),
    step(
      'scenario=S2&step=67',
      'paths',
      'A message in the old [[compat-format]] carries its destination directly. With remapping on and ' +
        'compatibility-format interrupts disallowed, [[vt-d]] rejects it: [[fault-0x25|fault reason 0x25]].',
    ),
    step(
      'scenario=S10&step=45',
      'paths',
      'Without remapping the message **is** the destination. Moving the IRQ to another CPU rewrites the message ' +
        'in the device — and any copy the driver made elsewhere goes stale.',
      [R.ONE_MSI_FIX],
    ),
    step(
      'scenario=S7&step=21',
      'paths',
      '[[posted|Posted interrupts]]: when KVM pairs the vfio eventfd with its irqfd, the IRTE is rewritten in posted ' +
        'format to point at the vCPU’s posted-interrupt descriptor and the guest vector.',
    ),
    step(
      'scenario=S7&step=133',
      'paths',
      'Delivery then skips the host entirely: the IOMMU sets the vector in the descriptor and notifies the CPU ' +
        'the vCPU runs on. No host handler, no eventfd, no VM exit.',
      [R.DAVID_FANTASY.ref],
    ),
    step(
      'scenario=S6&o.vcpuState=blocked&step=20',
      'paths',
      'If the target vCPU is halted, the posted interrupt wakes it through the wakeup vector instead.',
    ),
    step(
      'scenario=S9&step=9',
      'paths',
      'AMD’s remapping indexes its table with the message **data**. Xen’s quirk uses that: when the guest vector is bound, Xen moves ' +
        'the device’s entry to the index equal to that vector, so the guest’s own value becomes valid.',
      [R.XEN_AMD],
    ),
    step(
      'scenario=S8&o.branch=ext-dest-id&step=32',
      'paths',
      '[[apic-id|APIC IDs]] above 255 do not fit the compatibility format. The extended destination ID convention borrows ' +
        'address bits 11:5 so a VMM can still route to vCPU 287.',
    ),
  ],
};
