/**
 * Every event's text is a function of the event's data: one describer per event kind (a `log` event's
 * note picks its sentence). The recorder calls describeEvent, so no scenario writes prose by hand and the
 * text cannot say something the payload does not. To add a kind: add it to EventKind (../timeline.ts),
 * write its describer here from payload fields alone, and the describer test checks it over every scenario.
 */
import type { EventKind } from '../timeline';
import { configRead, configWrite } from './config';
import {
  eventfdSignal,
  fault,
  hostInterrupt,
  injection,
  irteLookup,
  isr,
  msiWrite,
  posted,
  routeLookup,
} from './delivery';
import type { Describer, EventFacts } from './facts';
import { irqAlloc, irteWrite, msiProgram, routeUpdate } from './host';
import { log } from './log';
import { ioctl, mmioWrite } from './vmm';

export const DESCRIBERS: Readonly<Record<EventKind, Describer>> = {
  'config-read': configRead,
  'config-write': configWrite,
  'mmio-write': mmioWrite,
  ioctl,
  'irq-alloc': irqAlloc,
  'irte-write': irteWrite,
  'msi-program': msiProgram,
  'msi-write': msiWrite,
  'irte-lookup': irteLookup,
  fault,
  'host-interrupt': hostInterrupt,
  'eventfd-signal': eventfdSignal,
  'route-update': routeUpdate,
  'route-lookup': routeLookup,
  injection,
  posted,
  isr,
  log,
};

/** The sentence the timeline shows for an event. */
export function describeEvent(e: EventFacts): string {
  return DESCRIBERS[e.kind](e);
}

export { notSentWhy } from './log';
export { MissingFact, type EventFacts } from './facts';
