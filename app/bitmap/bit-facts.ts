/** Everything the UI says about one bit, read off the engine's session (no rule is computed here). */
import { permClass, type Session } from '../../src/index';
import type { Overlay } from '../store/explorer';
import { PERM_LABELS } from './palette';
import { permDiffOf } from './perm-diff';

export interface BitFacts {
  readonly offset: number;
  readonly bit: number;
  readonly path: string;
  /** Null when vfio-pci refuses the device (session.refusal): there is no guest or VMM view to read. */
  readonly guest: number | null;
  readonly vmm: number | null;
  readonly physical: number;
  readonly guestSource: 'QEMU' | 'vconfig' | 'hardware';
  readonly vmmSource: 'vconfig' | 'hardware';
  readonly permission: string;
  /** Under a diff overlay, when this bit's class changes: "before → after" in the permission labels. */
  readonly change: string | null;
}

/** A refused device has no permission tables: its bits are neither passed through nor dropped by vfio. */
export const NOT_BOUND =
  'not bound: vfio-pci refuses this device, so no bit is virtualized or passed through';

export function bitFacts(s: Session, bitIndex: number, overlay: Overlay): BitFacts {
  const offset = bitIndex >> 3;
  const bit = bitIndex & 7;
  const m = 1 << bit;
  const v = s.views;
  const vmmSource = v.vmmFromVconfig[offset] & m ? 'vconfig' : 'hardware';
  const d = permDiffOf(s, overlay);
  const was = d && PERM_LABELS[permClass(d.before, offset, bit)];
  const is = d && PERM_LABELS[permClass(d.after, offset, bit)];
  const refused = s.refusal !== null;
  return {
    offset,
    bit,
    path: s.fields.path(offset, bit),
    guest: refused ? null : v.guest[offset] & m ? 1 : 0,
    vmm: refused ? null : v.vmm[offset] & m ? 1 : 0,
    physical: v.physical[offset] & m ? 1 : 0,
    guestSource: v.guestFromQemu[offset] & m ? 'QEMU' : vmmSource,
    vmmSource,
    permission: refused ? NOT_BOUND : PERM_LABELS[permClass(s.perm, offset, bit)],
    change: was !== is ? `${was} → ${is}` : null,
  };
}
