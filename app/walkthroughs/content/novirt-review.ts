/**
 * "The MSI_NOVIRT review": every argument of the RFC thread as one step, in the order the mails were sent,
 * each citing the mail that made it and opening a state that shows it. The notes are the project's words;
 * test/engine/review-steps.test.ts checks each note's claim against the state its step opens.
 */
import type { SessionOp } from '../../../src/index';
import { NOVIRT_OP } from '../../../src/index';
import { step, type BuiltinWalkthrough } from '../builtin';
import * as R from './refs';

/** The guest programs the MSI address QEMU will show it back (what a Linux guest writes on vCPU 0). */
const GUEST_MSI_ADDRESS: SessionOp = { kind: 'write', as: 'guest', offset: 0x54, size: 4, value: 0xfee00000 };
const GUEST_RETARGET: SessionOp = { kind: 'write', as: 'guest', offset: 0x54, size: 4, value: 0xfee01000 };

export const NOVIRT_REVIEW: BuiltinWalkthrough = {
  id: 'novirt-review',
  title: 'The MSI_NOVIRT review',
  summary: 'An RFC, its companion QEMU quirk, and every argument of the review thread — each one run.',
  thread: R.THREAD,
  patch: true,
  steps: [
    step(
      'scenario=S2&step=67',
      'paths',
      'The bug the RFC answers. In a VM, ath11k copies the **guest’s** MSI message `0xfee00000/0x21` into its ' +
        'ring registers. When a ring fires, the device sends that message, and [[vt-d]] rejects it as a ' +
        '[[compat-format|compatibility-format]] request ([[fault-0x25]]). Only MHI0, which uses the MSI ' +
        'capability the host programmed, reaches the guest.',
      [R.BUGZILLA, R.GUEST_LOG, R.RFC.ref],
    ),
    step(
      'select=0x54.L&overlay=diff-novirt',
      'config',
      'Alex’s RFC, 32-bit capability (QCA6390). `VFIO_DEVICE_FEATURE` SET with feature **11** edits this ' +
        'device’s MSI [[permission-table]]: `PCI_MSI_ADDRESS_LO` and `PCI_MSI_DATA_32` lose both their virtual ' +
        'and their writable bits. The overlay marks exactly those six bytes; nothing else moves.',
      [R.RFC.ref],
    ),
    step(
      'device=8086-095a-wireless-7265-wifi&select=CAP_MSI+8.L&overlay=diff-novirt',
      'config',
      'The same RFC on a 64-bit capability (Intel 7265): the handler checks `PCI_MSI_FLAGS_64BIT` and also ' +
        'releases `PCI_MSI_ADDRESS_HI` and `PCI_MSI_DATA_64`, ten bytes in all. Offset 8, the data word of ' +
        'the short layout, is the upper address dword on this one.',
      [R.RFC.ref],
    ),
    step(
      'select=0x54.L',
      'config',
      'Before the ioctl. The guest has written `0xfee00000` to the MSI address; QEMU passes the write on, and ' +
        'vfio-pci keeps it in [[vconfig]]. A VMM reading the register gets its own guest’s value back — the ' +
        'device still holds the host’s `0xfee00578`.',
      [R.RFC.ref],
      [GUEST_MSI_ADDRESS],
    ),
    step(
      'select=0x54.L',
      'config',
      'After the ioctl, same guest write. The read no longer comes from vconfig: the VMM now sees ' +
        '`0xfee00578`, the [[remappable-format|remappable]] address the host kernel programmed into the ' +
        'device — the value QEMU’s quirk needs.',
      [R.RFC.ref],
      [GUEST_MSI_ADDRESS, NOVIRT_OP],
    ),
    step(
      'select=0x54.L',
      'config',
      'Read-only, as the RFC says: a later write to the address (here the guest moving to `0xfee01000`) is ' +
        'dropped by vfio-pci. The device keeps `0xfee00578`; only QEMU’s own copy, which the guest reads, ' +
        'follows the write.',
      [R.RFC.ref],
      [GUEST_MSI_ADDRESS, NOVIRT_OP, GUEST_RETARGET],
    ),
    step(
      'scenario=S3&step=25',
      'paths',
      'The companion QEMU patch is the user the feature was written for. QEMU traps ath’s ring window in BAR0; when the ' +
        'driver stores the guest MSI address there, QEMU reads the host address through the un-virtualized ' +
        'capability and writes that to the device instead, then arms the matching data store.',
      [R.QEMU_QUIRK, R.RFC.ref],
    ),
    step(
      'scenario=S2&step=21',
      'paths',
      'Jason’s first reply: policy. This is the pattern he objects to — the driver reads its MSI address back ' +
        'from config space (event 19) and stores the same value in a ring register (event 21). Making that work in VMs rewards such drivers ' +
        'and makes converting them later harder; a device with its own interrupt sources should model them ' +
        'with an irq_chip. He adds that a fixed driver would not need the patch, but would not work in a VM ' +
        'either: getting [[ims|IMS]] and other non-MSI interrupt controllers to work in VMs remains undone.',
      [R.JASON_POLICY.ref],
    ),
    step(
      'scenario=S5&step=21',
      'paths',
      'Thomas agrees: ath11k is a natural fit for a device-specific [[irq-domain]] in place of its MSI ' +
        'borrowing. Here is such a guest: its [[ims|IMS]] domain gives CE1 an interrupt of its own (vector ' +
        '`0x35` on APIC 2) instead of a copy of the MSI message. (The host side of this scenario is Jason’s ' +
        'later design, step 17.)',
      [R.THOMAS.ref],
    ),
    step(
      'scenario=S3&step=1',
      'paths',
      'Thomas’s other point: making such devices work in VMs should be generic, not a one-off. He asks ' +
        'whether the earlier IMS-in-VMs discussion ever concluded. He does not name the QEMU quirk; set ' +
        'beside his point (our contrast, not his words), it is a trap over one vendor’s BAR0 range, ' +
        '`0x80000`–`0xbffff`, that only ath devices get.',
      [R.THOMAS.ref],
    ),
    step(
      'scenario=S2&o.guest=windows&o.vectors=16&step=36',
      'paths',
      'Alex replies that guests copy the message no matter what vfio offers. A Windows guest here, with 16 ' +
        'MSI vectors, stores its MSI address `0xfee01000` into CE0’s ring just as Linux does: it is how the ' +
        'chip takes its interrupt targets. The only other way he sees is to let the guest own the MSI ' +
        'address space (Jason’s suggestion on the QEMU patch), which brings problems of its own. Working in a ' +
        'VM, he adds, is what the patch is for.',
      [R.ALEX_REGARDLESS.ref, R.JASON_ON_QUIRK],
    ),
    step(
      'scenario=S4&step=33',
      'paths',
      'Jason: if only the copying driver runs in a VM, the copy becomes the argument against converting Linux’s ' +
        'driver to an irq_domain. And a converted driver gets nothing from this patch: with the feature on and ' +
        'the quirk armed, CE1’s own address `0xfee02000` does not match the MSI address, so QEMU forwards it ' +
        'untouched.',
      [R.JASON_CANT_FIX.ref],
    ),
    step(
      'scenario=S5&vs=S4&step=22',
      'paths',
      'Jason to Thomas: the IMS discussion stalled because a guest cannot find out whether IMS will work. Two ' +
        'VMMs, one guest write — CE1’s own address into its ring: a VMM that routes IMS delivers it (S5, ' +
        'above), one that does not blocks it (S4, below), and nothing the guest reads from config space ' +
        'tells them apart. Intel had planned a DVSEC (Designated Vendor-Specific Extended Capability) in its ' +
        'virtual config space telling guests to switch IMS off; nothing here models it. Jason adds that IMS then seemed unworkable in practice and interest waned, though new ' +
        'work will bring it back.',
      [R.JASON_IMS_DISCOVERY.ref],
    ),
    step(
      'device=8086-10c9-82576-igb-sriov&select=CAP_MSIX+4.L&scenario=S6&step=16',
      'config',
      'Alex, next day: with MSI-X, QEMU could do this without any kernel change. The table lives in a BAR; ' +
        'config space only says where (this register comes from the device, not vconfig), and the host writes ' +
        'its message into the physical entry. Only the MSI capability’s address and data are hidden in vconfig.',
      [R.ALEX_VMM_ONLY.ref],
    ),
    step(
      'select=0x54.L&view=guest',
      'config',
      'Alex: the guest sees no difference. With the feature on, the guest’s view of the MSI address is still ' +
        'the `0xfee00000` it wrote, served by QEMU’s emulation; only QEMU, reading through vfio, now sees the ' +
        'host’s `0xfee00578`. He also corrects Jason’s idea that the QEMU patch alone could do: the ' +
        'quirk depends on this one, having no host values to patch in without it. Jason’s next mail concedes the commit message had not ' +
        'made clear to him that only QEMU is affected.',
      [R.ALEX_VMM_ONLY.ref, R.JASON_DESIGN.ref],
      [GUEST_MSI_ADDRESS, NOVIRT_OP],
    ),
    step(
      'scenario=S4&step=127',
      'paths',
      'Alex had asked what a guest irq_domain would change, since the VMM must trap the guest’s writes and ' +
        'substitute host values whatever the driver’s structure. Jason’s answer: such a guest gives each ' +
        'source a **fresh** address/data pair. Copying from the ' +
        'MSI capability then fails, and worse, no route exists — no `VFIO_DEVICE_SET_IRQS`, no host IRQ, no ' +
        '[[irte|IRTE]], no KVM route was ever made for CE1. Its message meets VT-d and is refused. Every source ' +
        'needs its own SET_IRQS. He agrees the trapping stays; what fails is assuming an ' +
        'existing MSI entry is the right replacement.',
      [R.JASON_DESIGN.ref, R.ALEX_VMM_ONLY.ref],
    ),
    step(
      'scenario=S5&step=26',
      'paths',
      'Jason’s four steps: (1) a [[variant-driver]] builds an irq_domain for the extra sources, (2) SET_IRQS ' +
        'learns to target that domain, (3) the VMM traps each source’s programming and calls SET_IRQS, (4) the ' +
        'host allocates and writes the real message. **Step 2 was left open** in the mail; the engine stands ' +
        'in with an index labelled hypothetical. Then CE1 gets its own IRTE and is delivered.',
      [R.JASON_DESIGN.ref],
    ),
    step(
      'scenario=S2&step=66',
      'paths',
      'David, four months on, partly defends ath11k: its hacks answer an awful hardware design, one in ' +
        'which a VMM has to rewrite interrupt messages at all. His starting point: an MSI is nothing but a ' +
        'DMA write. Here it is — the device writes `0x21` to `0xfee00000`, tagged with requester ID 02:00.0, and the IOMMU judges ' +
        'it like any other DMA.',
      [R.DAVID_FANTASY.ref],
    ),
    step(
      'scenario=S7&step=133',
      'paths',
      'David’s wish: the guest hands the device an ordinary message naming its own vCPU and vector, and the ' +
        'IOMMU takes it from there, with [[posted|posting]] as the normal case. **What exists instead:** posting, ' +
        'but only after QEMU swapped in the host’s message; the device still sends `0xfee00578`, and the IRTE ' +
        'KVM rewrote turns it into guest vector `0x21` on vCPU 0 without a host handler.',
      [R.DAVID_FANTASY.ref],
    ),
    step(
      'scenario=S8&o.branch=none&step=5',
      'paths',
      'David: even with no virtualization, more than 255 CPUs require interrupt remapping (the reason, ' +
        'which he leaves implicit: the compatibility address carries 8 bits of [[apic-id]]). A 288-vCPU ' +
        'guest with neither remapping nor another ' +
        'convention can address APIC IDs only up to 255, so Linux brings just 256 of its vCPUs online.',
      [R.DAVID_FANTASY.ref],
    ),
    step(
      'scenario=S8&o.branch=viommu&step=33',
      'paths',
      'David: so a big guest must be given a [[viommu]]. Here it programs its own virtual IRTE for APIC ' +
        '`0x11f` and MHI0 reaches vCPU 287. The cost he names — a vIOMMU also remaps DMA, with two-stage ' +
        'translation or heavy overhead — is not modelled here.',
      [R.DAVID_FANTASY.ref],
    ),
    step(
      'scenario=S8&o.branch=ext-dest-id&step=32',
      'paths',
      'David: the MSI message had bits to spare that could have named CPUs past 255 without remapping, ' +
        'and they should be used if vectors ever outgrow 8 bits. **The project’s addition — David’s mail ' +
        'does not bring it up:** the extended destination ID convention (which he added to Linux for KVM ' +
        'guests in 2020) uses address bits 11:5 for APIC ID bits 14:8, so MHI0 reaches vCPU 287 here with ' +
        'no vIOMMU. The rings still carry a guest message and are still blocked.',
      [R.DAVID_FANTASY.ref, R.EXT_DEST_ID],
    ),
    step(
      'scenario=S8&o.branch=viommu&step=35',
      'paths',
      'Jason shares the wish and suggests the VMM shadow the guest’s remapping table into the physical one, so ' +
        'the pair a guest programs stays valid on the hardware and routing is done by the remapping unit ' +
        'instead of by intercepting MSI writes. **A proposal — nothing implements it.** What exists: the VMM ' +
        'translates the guest’s entry 5 only for its own KVM route; physical entry 5 was never written, so ' +
        'the ring’s copy, still naming entry 5, faults with reason 0x22 (entry not present). Under the ' +
        'proposal the physical table would hold a translated copy of entry 5.',
      [R.JASON_SHADOW.ref],
    ),
    step(
      'scenario=S4&vs=S3&step=126',
      'paths',
      'Jason in January: the QEMU quirk means VMs need not hold back moving ath to a device-specific domain. ' +
        'Against his August point, the same VMM (feature on, quirk armed) in both runs: a driver that did ' +
        'move (S4, above) — CE1 sends its own message and is blocked; today’s copying driver (S3, below) — ' +
        'CE1 sends the host’s message and is delivered. The reading is ours, not Jason’s: the quirk covers the unconverted driver only.',
      [R.JASON_SHADOW.ref, R.JASON_CANT_FIX.ref, R.JASON_DESIGN.ref],
    ),
    step(
      'select=0x54.L&overlay=diff-views',
      'config',
      'David: short of that IOMMU, the quirk is the best option, device-specific or not — a passed-through ' +
        'device’s config space is mostly invented anyway, and so are its MSI and MSI-X messages. The overlay marks where the guest’s view and the ' +
        'device part ways; the MSI address is one of them.',
      [R.DAVID_ADVERTISE.ref],
      [GUEST_MSI_ADDRESS],
    ),
    step(
      'scenario=S2&vs=S3&step=21',
      'paths',
      'David wants the hypervisor to announce that it does this, since a guest may also run where nobody ' +
        'does. Jason replies that a VMM unable to virtualize a ' +
        'device properly should not assign it; that when Intel studied advertising clean interrupt remapping ' +
        'for IMS, every test considered would misfire on bare metal or on VMs already out there; and that VMMs ' +
        'hide being VMs while imitating hardware imperfectly, so kernels end up bending to the worst VMM. ' +
        'Two runs, one guest: the same write into CE0’s ring is blocked without the quirk (S2, above) ' +
        'and delivered with it (S3, below), and the guest reads the same config values in both, so it ' +
        'cannot tell which VMM it got.',
      [R.JASON_NO_PROBE.ref, R.DAVID_ADVERTISE.ref],
    ),
    step(
      'device=8086-095a-wireless-7265-wifi&kernel=v6.11&select=CAP_MSI+4.L&overlay=diff-patch&patch=novirt',
      'config',
      '**The project’s tool, not the thread’s:** review the table change yourself. Alex’s RFC edits the ' +
        '[[permission-table]] from an ioctl; the **Permission patch** editor holds the same edit as text, ' +
        'the `novirt` example, applied to plain v6.11 with no op-log at all. On the 7265 the overlay marks ' +
        'the ten bytes of step 3 — `PCI_MSI_ADDRESS_LO`, `PCI_MSI_ADDRESS_HI`, `PCI_MSI_DATA_64` — and the ' +
        'inspector shows each going from virtualized and writable to neither. Change a line (keep the data ' +
        'word virtualized, say) and the bitmap, inspector and field tree follow.',
      [R.RFC.ref],
    ),
  ],
};
