/**
 * Which kind of history entry the next URL write makes. Fine-grained exploring (cursor, overlay, timeline
 * step) replaces the entry; a meaningful change (another device, register, scenario, walkthrough step,
 * entering or leaving presentation mode, the config views following the scenario or not) or a deliberate
 * step pushes one, so Back and Forward walk them.
 */
import type { LinkState } from '../../src/index';

/** The part of a link whose change deserves its own history entry. */
export function landmarkOf(l: LinkState): string {
  const { device, select, scenario, follow } = l.view;
  const dev = device.kind === 'preset' ? device.id : `custom:${device.name}`;
  const walk = l.walk ? (l.walk.kind === 'builtin' ? l.walk.id : 'custom') : '';
  return JSON.stringify([dev, select, scenario, walk, l.walkStep, l.present, follow]);
}

let deliberate = false;

export function markDeliberate(): void {
  deliberate = true;
}

/** Whether a deliberate step is waiting for its history entry. */
export function deliberatePending(): boolean {
  return deliberate;
}

/** True once after markDeliberate. */
export function takeDeliberate(): boolean {
  const was = deliberate;
  deliberate = false;
  return was;
}
