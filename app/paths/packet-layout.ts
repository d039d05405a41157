/**
 * The current event's packet as geometry: its dot along the edge, its label (kind and payload) placed
 * clear of the actor boxes, and the "✕ outcome" mark of a failed event, which the label keeps clear of too.
 */
import type { TimelineEvent } from '../../src/index';
import { describePayload } from './describe';
import { PACKET_FONT, placeLabel, STOP_FONT, textRect, textWidth } from './label-place';
import { ACTOR_POS, BOX_W, PACKET_R, packetPoint } from './layout';

/** The packet's label text: the event's kind and its payload in short. */
export function packetText(event: TimelineEvent): string {
  const payload = describePayload(event);
  return payload ? `${event.kind}: ${payload}` : event.kind;
}

/** Where a failed event's "✕ outcome" stands: right of the actor where the interrupt died (its source). */
export function stopMark(event: TimelineEvent, phase: number): { x: number; y: number; text: string } | null {
  const failed = event.outcome === 'blocked' || event.outcome === 'lost';
  if (!failed || phase < 1) return null;
  const at = ACTOR_POS[event.from];
  return { x: at.x + BOX_W / 2 + 4, y: at.y + 5, text: `✕ ${event.outcome}` };
}

/** The current event's dot at `phase`, its label placed clear of the boxes and of the stop mark. */
export function packetLayout(event: TimelineEvent, phase: number) {
  const dot = packetPoint(event.from, event.to, phase);
  const text = packetText(event);
  const stop = stopMark(event, phase);
  const avoid = stop ? [textRect(stop.x, stop.y, textWidth(stop.text, STOP_FONT), 'start', STOP_FONT)] : [];
  return { dot, text, stop, label: placeLabel(dot, PACKET_R, text, PACKET_FONT, avoid) };
}
