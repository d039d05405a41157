/**
 * The scenario timeline: ordered events between actors, each followed by a snapshot of every actor's
 * state. An event may only change the state of the actors it names (from/to); the recorder checks that,
 * so a UI can scrub to any step and trust that the diff it shows is the event's doing.
 */
import { describeEvent } from './describe/index';

export const ACTORS = [
  'guest-driver',
  'guest-kernel',
  'vcpu',
  'kvm',
  'qemu',
  'vfio',
  'host-irq',
  'host-lapic',
  'iommu',
  'device',
] as const;
export type ActorId = (typeof ACTORS)[number];
/** The diagram's horizontal lanes, top to bottom: the guest, the host kernel and VMM, the hardware. */
export const LANES = ['guest', 'host', 'hardware'] as const;
export type LaneId = (typeof LANES)[number];

export type EventKind =
  | 'config-read'
  | 'config-write'
  | 'mmio-write'
  | 'ioctl'
  | 'irq-alloc'
  | 'irte-write'
  | 'msi-program'
  | 'msi-write'
  | 'irte-lookup'
  | 'fault'
  | 'host-interrupt'
  | 'eventfd-signal'
  | 'route-update'
  | 'route-lookup'
  | 'injection'
  | 'posted'
  | 'isr'
  | 'log';

export type Outcome = 'ok' | 'blocked' | 'lost' | 'misrouted' | 'delivered';

export type PayloadValue = number | string | boolean | null | readonly number[];

export interface TimelineEvent {
  readonly seq: number;
  readonly from: ActorId;
  readonly to: ActorId;
  readonly kind: EventKind;
  /** Exact values: addresses, data, vectors, IRTE index, GSI, errno… */
  readonly payload: Readonly<Record<string, PayloadValue>>;
  readonly outcome: Outcome;
  /** Plain words generated from the event's data by describeEvent (./describe): never written by hand. */
  readonly explanation: string;
  /** Kernel/QEMU function names and lore message ids. */
  readonly refs: readonly string[];
  /** The interrupt source this event carries, when it is part of a delivery. */
  readonly source?: string;
  /** Other actors the step changes on the way (a guest config write reaches vfio and the device). */
  readonly also?: readonly ActorId[];
}

export type ActorState = Readonly<Record<string, unknown>>;
export type Snapshot = Readonly<Record<ActorId, ActorState>>;

export interface Verdict {
  readonly source: string;
  readonly outcome: 'delivered' | 'blocked' | 'lost' | 'misrouted';
  readonly guestVector?: number;
  readonly vcpu?: number;
  /** The actor where it ended. */
  readonly at: ActorId;
  readonly why: string;
}

/** Anything that can describe its state as plain data. */
export interface Actor {
  snapshot(): ActorState;
}

export type EventInput = Omit<TimelineEvent, 'seq' | 'outcome' | 'refs' | 'explanation'> & {
  readonly outcome?: Outcome;
  readonly refs?: readonly string[];
};

/** Thrown by the recorder once it has recorded the event it was told to stop after (see `stopAfter`). */
export class StopRecording {}

export class Recorder {
  readonly events: TimelineEvent[] = [];
  /**
   * Stop the run right after recording this event (its seq): the world then holds exactly the state that
   * event left, which is how a caller reads a step's whole config space without cloning every actor.
   */
  stopAfter: number | null = null;
  /** snapshots[i] is every actor's state after events[i]. */
  readonly snapshots: Snapshot[] = [];
  readonly initial: Snapshot;
  readonly verdicts: Verdict[] = [];
  private last: Record<ActorId, string>;

  constructor(private readonly actors: Record<ActorId, Actor>) {
    this.last = this.serialize();
    this.initial = this.capture();
  }

  private serialize(): Record<ActorId, string> {
    const out = {} as Record<ActorId, string>;
    for (const id of ACTORS) out[id] = JSON.stringify(this.actors[id].snapshot());
    return out;
  }

  private capture(): Snapshot {
    const out = {} as Record<ActorId, ActorState>;
    for (const id of ACTORS) out[id] = JSON.parse(this.last[id]) as ActorState;
    return out;
  }

  /** Record an event whose state changes have already been applied by the models. */
  emit(e: EventInput): TimelineEvent {
    const now = this.serialize();
    for (const id of ACTORS) {
      if (now[id] !== this.last[id] && id !== e.from && id !== e.to && !e.also?.includes(id)) {
        throw new Error(
          `event "${e.kind}" ${e.from}→${e.to} changed the state of ${id}, which it does not name`,
        );
      }
    }
    const outcome = e.outcome ?? 'ok';
    const event: TimelineEvent = {
      ...e,
      seq: this.events.length,
      outcome,
      explanation: describeEvent({ ...e, outcome }),
      refs: e.refs ?? [],
    };
    this.events.push(event);
    this.last = now;
    this.snapshots.push(this.capture());
    if (event.seq === this.stopAfter) throw new StopRecording();
    return event;
  }

  verdict(v: Verdict): void {
    this.verdicts.push(v);
  }
}
