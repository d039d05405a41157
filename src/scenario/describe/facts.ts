/**
 * Reading an event's payload for its text. A describer may only say what the payload (and the event's
 * actors, kind, source and outcome) holds, so the accessors throw when a field it needs is missing: a
 * scenario that emits an event without the facts its text needs fails its tests instead of shipping prose
 * that guesses.
 */
import type { ActorId, PayloadValue, TimelineEvent } from '../timeline';

/** Everything about an event except its text. */
export type EventFacts = Pick<TimelineEvent, 'from' | 'to' | 'kind' | 'payload' | 'outcome' | 'source'>;

export type Describer = (e: EventFacts) => string;

export class MissingFact extends Error {}

export function num(e: EventFacts, key: string): number {
  const v = e.payload[key];
  if (typeof v !== 'number') throw new MissingFact(`${e.kind} event: payload.${key} is not a number`);
  return v;
}

/** A string field; with `fallback`, a missing one is that value instead of an error. */
export function str(e: EventFacts, key: string, fallback?: string): string {
  const v = e.payload[key];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'string') throw new MissingFact(`${e.kind} event: payload.${key} is not a string`);
  return v;
}

export function list(e: EventFacts, key: string): readonly number[] {
  const v = e.payload[key];
  if (!Array.isArray(v)) throw new MissingFact(`${e.kind} event: payload.${key} is not a list`);
  return v;
}

export const has = (e: EventFacts, key: string): boolean => e.payload[key] !== undefined;

export const value = (e: EventFacts, key: string): PayloadValue | undefined => e.payload[key];

export const hex = (v: number, digits = 0): string => `0x${(v >>> 0).toString(16).padStart(digits, '0')}`;

/** A 64-bit value held as its low and high dwords. */
export const hex64 = (lo: number, hi: number): string =>
  hi ? `0x${(hi >>> 0).toString(16)}${(lo >>> 0).toString(16).padStart(8, '0')}` : hex(lo);

/** An MSI message as address/data, the form the whole timeline uses. */
export const message = (address: number, data: number): string => `${hex(address)}/${hex(data, 4)}`;

/** How the text names each actor (the host driver on bare metal sits in the guest-driver lane). */
export const ACTOR_NAMES: Readonly<Record<ActorId, string>> = {
  'guest-driver': 'the driver',
  'guest-kernel': 'the guest kernel',
  vcpu: 'the vCPU',
  kvm: 'KVM',
  qemu: 'QEMU',
  vfio: 'vfio-pci',
  'host-irq': 'the host IRQ core',
  'host-lapic': 'the host local APIC',
  iommu: 'the IOMMU',
  device: 'the device',
};

/** Capitalize a sentence's first word, unless it is a name spelled in lower case (vfio-pci, request_irq). */
export const capitalized = (s: string): string =>
  /^(vfio|[a-z]+_)/.test(s) ? s : s.charAt(0).toUpperCase() + s.slice(1);

/** "150", "150, 152" or, when consecutive, "120–151". */
export function numbers(values: readonly number[]): string {
  const consecutive = values.length > 2 && values.every((v, i) => i === 0 || v === values[i - 1] + 1);
  return consecutive ? `${values[0]}–${values[values.length - 1]}` : values.join(', ');
}

/** A sentence's start: "CE1: the device…" when the event carries an interrupt source, else "The device…". */
export const opening = (e: EventFacts, text: string): string =>
  e.source ? `${e.source}: ${text}` : capitalized(text);

/** "1 vector", "32 vectors". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
