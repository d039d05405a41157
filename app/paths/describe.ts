/** Short, exact text for an event's payload (the packet label and the event log line). */
import type { TimelineEvent } from '../../src/index';

const hex = (v: number, d = 0) => `0x${(v >>> 0).toString(16).padStart(d, '0')}`;

export function describePayload(e: TimelineEvent): string {
  const p = e.payload;
  const n = (k: string) => (typeof p[k] === 'number' ? (p[k] as number) : null);
  switch (e.kind) {
    case 'msi-write':
    case 'msi-program':
      return n('address') !== null ? `${hex(n('address')!)} ← ${hex(n('data') ?? 0, 4)}` : '';
    case 'mmio-write':
      return n('offset') !== null
        ? `BAR0+${hex(n('offset')!)} ← ${hex(n('value') ?? n('address') ?? 0)}`
        : `entry ${p.entry}`;
    case 'config-read':
    case 'config-write':
      return `${hex(n('offset') ?? 0, 2)}/${n('size')} ${e.kind === 'config-read' ? '→' : '←'} ${hex(n('value') ?? 0)}`;
    case 'ioctl':
      return `${p.ioctl ?? p.hypercall}${p.ret !== undefined ? ` = ${p.ret}` : ''}`;
    case 'irte-lookup':
      return `IRTE ${hex(n('irte') ?? 0)} → vector ${hex(n('vector') ?? 0)} APIC ${p.apic}`;
    case 'irte-write':
      return n('irte') !== null
        ? `IRTE ${hex(n('irte')!)}${p.posted ? ' posted' : p.guestMode ? ' guest mode' : ''}`
        : n('first') !== null
          ? `IRTE ${hex(n('first')!)}`
          : '';
    case 'fault':
      return `reason ${n('reason') !== null ? hex(n('reason')!, 2) : String(p.reason)} index ${hex(n('index') ?? 0)}`;
    case 'eventfd-signal':
      return String(p.eventfd);
    case 'route-update':
      return n('gsi') !== null ? `GSI ${p.gsi}` : '';
    case 'injection':
      return `vector ${hex(n('guestVector') ?? 0)} → vCPU ${p.vcpu}`;
    case 'posted':
      return p.guestMode
        ? `vAPIC IRR ${hex(n('vector') ?? 0)}${p.isRun ? ` · doorbell APIC ${p.doorbell}` : ' · GA log'}`
        : `PIR ${hex(n('guestVector') ?? 0)}`;
    case 'host-interrupt':
      return `APIC ${p.apic} vector ${hex(n('vector') ?? 0)}`;
    default:
      return '';
  }
}
